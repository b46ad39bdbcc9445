"""Demo scene (issue 9): /findmentor answers people can trust: a typo repaired and said, a filter typed inline, a
career move matched in the right direction, and an honest "no match" that names the closest topics."""

from bot.devkit.demo.context import DemoContext


def scene_honest_search(ctx: DemoContext) -> None:
    ctx.scene("Finding a mentor: typos, filters, career moves, and an honest no")
    ctx.say("(A typo and a filter: only French speakers, and the answer says what it searched.)")
    ctx.command("U0DEMOLENA", "/findmentor", "pyhton lang:french")
    ctx.say("(Kemi, in support, wants to move into product: Fatima made that very move.)")
    ctx.command("U0DEMOKEMI", "/findmentor", "switch from support to product")
    ctx.say("(Nobody lists it: the bot says so and names the closest topics mentors do list.)")
    ctx.command("U0DEMOJONAS", "/findmentor", "imposter syndrome")
