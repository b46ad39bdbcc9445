"""Demo scene: the agreed months are up; the pair is asked to extend or wrap up, and they wrap up well."""

from datetime import timedelta

from bot.devkit.demo.scene_checkins import DemoClock
from bot.features.ending import agreed_end
from bot.outbox.tick import tick
from bot.slack.blocks import ending as ending_blocks
from storage.checkins import active_mentorships
from storage.db import session_scope
from storage.people import get_person

LENA, AMARA = "U0DEMOLENA", "U0DEMOAMARA"


def scene_ending(ctx) -> None:
    stack = ctx.stack
    ctx.scene("Six months on: extend, or wrap up well")
    with session_scope(stack.engine) as s:
        m = next(m for m in active_mentorships(s) if m.mentee_id == LENA)
        end = agreed_end(m.started_at, m.duration_months, get_person(s, m.mentor_id).tz)
    original_clock = stack.deps.clock
    clock = stack.deps.clock = DemoClock(end + timedelta(hours=2))
    try:
        seen = {u: len(ctx.dms_to(u)) for u in (AMARA, LENA)}
        ctx.say(f"(The clock jumps to {clock.now:%A %-d %b %Y}: the {m.duration_months} months they agreed are up. "
                "The worker ticks.)")
        for _ in range(72):  # the prompt waits for each person's working hours
            tick(stack.deps, stack.app.client, clock.now)
            if all(any("are up" in msg["text"] for msg in ctx.dms_to(u)[seen[u]:]) for u in (AMARA, LENA)):
                break
            clock.now += timedelta(hours=1)
        prompt = next(msg for msg in ctx.dms_to(LENA)[seen[LENA]:] if "are up" in msg["text"])
        ctx.show("Lena Novak (and Amara, the same)", prompt)

        ctx.click(LENA, ending_blocks.ACTION_WRAP, "Wrap up", message=prompt)
        view = ctx.modal(LENA)
        ctx.submit(LENA, view, {
            ending_blocks.NOTE_BLOCK: {"value": "Thank you, Amara: the reviews and the push to write tests "
                                                "changed how I work. I'd love to stay in touch."},
            **ctx.choose(view, ending_blocks.REASON_BLOCK, "goals"),
            **ctx.choose(view, ending_blocks.OVERALL_BLOCK, "5"),
            **ctx.choose(view, ending_blocks.GOALS_BLOCK, "yes"),
            **ctx.choose(view, ending_blocks.AGAIN_BLOCK, "yes")},
            "the wrap-up with a thank-you note, the reason and her private exit survey")
        ctx.wait(lambda: any("has ended" in msg["text"] for msg in ctx.dms_to(LENA)[seen[LENA]:]),
                 "Lena's closing DM")
        ctx.show("Lena Novak", next(msg for msg in ctx.dms_to(LENA)[seen[LENA]:] if "has ended" in msg["text"]))
        ctx.wait(lambda: any("has ended" in msg["text"] for msg in ctx.dms_to(AMARA)[seen[AMARA]:]),
                 "Amara's closing DM")
        ctx.show("Amara Okafor", next(msg for msg in ctx.dms_to(AMARA)[seen[AMARA]:] if "has ended" in msg["text"]))
        ctx.say("(Amara's slot is free again: she shows up for the next person who asks.)")
        ctx.command("U0DEMOJONAS", "/findmentor", "system design")
    finally:
        stack.deps.clock = original_clock
