"""Demo scenes for "is it working?": Lena answers her private pulse; weeks later the pair drifts, is nudged and
asked privately whether it still works, and recovers; then a program admin reads the report with its chart (on
the same moved clock)."""

import json
from datetime import timedelta

from bot.devkit.demo.scene_checkins import DemoClock, _the_pair
from bot.domain.checkin_plan import sessions_of
from bot.features.pulse import second_session
from bot.outbox.tick import tick
from bot.slack.blocks import checkins as checkin_blocks
from bot.slack.blocks import escalation as drift_blocks
from bot.slack.blocks import goals as goal_blocks
from bot.slack.blocks import pulse as pulse_blocks
from storage.db import session_scope
from storage.escalation import open_escalation
from storage.models import ProgramAdmin

LENA, AMARA, BEN = "U0DEMOLENA", "U0DEMOAMARA", "U0DEMOBEN"
STEP = timedelta(hours=6)


def _tick_until(ctx, clock, found, what: str, limit: int = 400):
    """Tick the worker every STEP until found() returns something (a message), and return it."""
    for _ in range(limit):
        tick(ctx.stack.deps, ctx.stack.app.client, clock.now)
        hit = found()
        if hit:
            return hit
        clock.now += STEP
    raise RuntimeError(f"demo: no {what}")


def _new(ctx, user: str, seen: int, needle: str):
    """The latest of the user's DMs since `seen` that contains needle, or None."""
    return next((m for m in reversed(ctx.dms_to(user)[seen:])
                 if needle in json.dumps(m.get("blocks") or []) + m["text"]), None)


def scene_pulse_and_drift(ctx) -> None:
    stack = ctx.stack
    m, tz = _the_pair(stack)
    original_clock = stack.deps.clock
    clock = stack.deps.clock = DemoClock(second_session(m, tz) + timedelta(hours=20))
    try:
        ctx.scene("The day after their second session: a private pulse")
        seen = {u: len(ctx.dms_to(u)) for u in (LENA, AMARA)}
        pulse = _tick_until(ctx, clock, lambda: _new(ctx, LENA, seen[LENA], "Answer privately"), "pulse")
        ctx.say(f"(The clock moves to {clock.now:%A %-d %b}; the worker ticks.)")
        ctx.show("Lena Novak (Amara gets her own)", pulse)
        ctx.click(LENA, pulse_blocks.ACTION_OPEN, "Answer privately", message=pulse)
        view = ctx.modal(LENA)
        ctx.submit(LENA, view, {**ctx.choose(view, pulse_blocks.RATING_BLOCK, "4"),
                                **ctx.choose(view, pulse_blocks.HELPING_BLOCK, "somewhat"),
                                pulse_blocks.NOTE_BLOCK: {"value": "I'd like more time on system design."}},
                   "4 of 5, helping somewhat, and a private note")
        ctx.wait(lambda: _new(ctx, LENA, seen[LENA], "your pulse about"), "the pulse thanks")
        ctx.show("Lena Novak", _new(ctx, LENA, seen[LENA], "your pulse about"))
        ctx.say("(Amara is never shown Lena's answer, nor Lena Amara's; admins only see totals over 5 people.)")

        ctx.scene("Weeks pass without a session: nudged, asked, recovered")
        # The pair may already have drifted while the pulse was awaited (their sessions are counted on their own
        # cadence from the last one held): look from the start of this scene, not only from here.
        nudge = _tick_until(ctx, clock, lambda: _new(ctx, LENA, seen[LENA], "gentle nudge"), "nudge")
        ctx.say(f"(The worker keeps ticking; by {clock.now:%A %-d %b} two agreed sessions went by without one "
                "held, on their own every-two-weeks cadence.)")
        ctx.show("Lena Novak (and Amara)", nudge)
        ask = _tick_until(ctx, clock, lambda: _new(ctx, LENA, seen[LENA], "still working for you"), "question")
        ctx.say(f"(Another period later, {clock.now:%A %-d %b}, nothing has changed: each is asked privately.)")
        ctx.show("Lena Novak (only she sees this)", ask)
        ctx.click(LENA, drift_blocks.ACTION_PREFIX + "keep", "Keep going", message=ask)
        ctx.wait(lambda: _new(ctx, LENA, seen[LENA], "Great: keep going"), "the answer")
        ctx.show("Lena Novak", _new(ctx, LENA, seen[LENA], "Great: keep going"))
        session_at = sessions_of(m, tz, clock.now - timedelta(days=14), clock.now + timedelta(days=14))[-1]
        clock.now = max(clock.now, session_at + timedelta(hours=2))
        prompt = _tick_until(ctx, clock, lambda: _new(ctx, LENA, seen[LENA], "how did your mentoring session"),
                             "check-in prompt")
        ctx.say(f"(They meet on {session_at:%A %-d %b}.)")
        ctx.click(LENA, checkin_blocks.ACTION_MET, "Met", message=prompt)
        ctx.wait(lambda: _new(ctx, LENA, seen[LENA], "Thanks! You met"), "the check-in answer")
        goal_nudge = next((msg for msg in reversed(ctx.dms_to(LENA)) if goal_blocks.LOG_PROGRESS in json.dumps(
            msg.get("blocks") or [])), None)
        if goal_nudge is not None:
            ctx.click(LENA, goal_blocks.LOG_PROGRESS, "Log progress", message=goal_nudge)
            before = len(ctx.dms_to(LENA))
            ctx.submit(LENA, ctx.modal(LENA), {"percent": {"value": "80"}, "milestone": {"value": "Deployed"},
                                               "note": {"value": "Shipped with Amara's review."}},
                       "progress on her goal (80%)")
            ctx.wait(lambda: len(ctx.dms_to(LENA)) > before, "the progress confirmation")
        clock.now += STEP
        tick(stack.deps, stack.app.client, clock.now)
        with session_scope(stack.engine) as s:
            still = open_escalation(s, m.id)
        ctx.say("(The next sweep sees a session held and goals moving: the pair has recovered, the escalation "
                "closes, and the program admins were never bothered.)" if still is None else
                f"(Still drifting: {still.signals}.)")
        _admin_report(ctx, m.program_id)
    finally:
        stack.deps.clock = original_clock


def _admin_report(ctx, program_id: int) -> None:
    stack = ctx.stack
    ctx.scene("A program admin reads the report (a small pilot: most figures are about fewer than 5 people)")
    with session_scope(stack.engine) as s:  # SETUP: Ben administers the demo program
        s.add(ProgramAdmin(program_id=program_id, person_id=BEN))
    seen = len(ctx.dms_to(BEN))
    ctx.command(BEN, "/mentor", "report")
    ctx.wait(lambda: any(msg.get("files") for msg in ctx.dms_to(BEN)[seen:]), "the chart and the CSV")
    shared = next(msg for msg in ctx.dms_to(BEN)[seen:] if msg.get("files"))
    ctx.say(f"< mentorbot → Ben Carter: {shared['text']}")
    for f in shared["files"]:
        content = stack.slack.files[f["id"]]["content"]
        ctx.say(f"    (file: {f['name']}, {len(content):,} bytes)")
        if f["name"].endswith(".csv"):
            for line in content.decode().splitlines()[:3]:
                ctx.say(f"    | {line}")
