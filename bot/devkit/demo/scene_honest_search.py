"""Demo scene (issue 9): /findmentor answers people can trust: a typo repaired and said, a filter typed inline, a
career move matched in the right direction, an honest "no match" that names the closest topics, and a profile edit
that reaches the next search within about a second."""

from bot.devkit.demo.context import DemoContext
from bot.features import findmentor
from bot.slack.blocks import home as home_blocks

BEN, JONAS = "U0DEMOBEN", "U0DEMOJONAS"


def scene_honest_search(ctx: DemoContext) -> None:
    ctx.scene("Finding a mentor: typos, filters, career moves, and an honest no")
    ctx.say("(A typo and a filter: only French speakers, and the answer says what it searched.)")
    ctx.command("U0DEMOLENA", "/findmentor", "pyhton lang:french")
    ctx.say("(Kemi, in support, wants to move into product: Fatima made that very move.)")
    ctx.command("U0DEMOKEMI", "/findmentor", "switch from support to product")
    ctx.say("(Nobody lists it: the bot says so and names the closest topics mentors do list.)")
    ctx.command(JONAS, "/findmentor", "imposter syndrome")
    ctx.say("(Ben has helped people through exactly that: he adds it to his profile from his App Home.)")
    slack = ctx.stack.slack
    ctx.stack.driver.app_home_opened(BEN)
    ctx.wait(lambda: BEN in slack.home_views, "Ben's Home")
    ctx.click(BEN, home_blocks.EDIT_PROFILE, "Edit profile", view=slack.home_views[BEN])
    modal = ctx.modal(BEN)
    values = ctx.prefilled(modal)
    other = values["topics_other"]["value"]["value"]
    values["topics_other"] = {"value": {"type": "plain_text_input",
                                        "value": ", ".join(t for t in (other, "Imposter syndrome") if t)}}
    ctx.submit(BEN, modal, values, "his profile with “Imposter syndrome” added")
    findmentor.wait_for_rebuild(ctx.stack.engine)  # what the index's refresher does within a second, on its own
    ctx.say("(No rebuild: the edit is patched into the search index, so Jonas's next search finds Ben.)")
    ctx.command(JONAS, "/findmentor", "imposter syndrome")
