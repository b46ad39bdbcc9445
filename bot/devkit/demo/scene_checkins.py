"""Demo scene: time jumps a week. The pair gets a meeting reminder with a calendar file the working day before,
check-in prompts after the session, the mentee answers in the DM thread, and a goal nudge arrives; its Log progress
button opens the goal's own progress form, and the App Home shows the new progress."""

import json
from datetime import datetime, timedelta

from bot.domain.checkin_plan import sessions_of
from bot.domain.timekeeping import zone
from bot.domain.working_hours import DAY_START, at_local, previous_working_day
from bot.outbox.tick import tick
from bot.slack.blocks import goals as goal_blocks
from storage.checkins import active_mentorships
from storage.db import session_scope
from storage.models import Goal
from storage.people import get_person

MENTEE, MENTOR = "U0DEMOLENA", "U0DEMOAMARA"


class DemoClock:
    """A clock the scene moves by hand; the bot reads it through deps.clock."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _the_pair(stack):
    """The mentorship the pairing scene agreed (this scene runs after it), and the mentor's time zone."""
    with session_scope(stack.engine) as s:
        m = next(m for m in active_mentorships(s) if MENTEE in (m.mentee_id, m.mentor_id))
        return m, get_person(s, m.mentor_id).tz


def _setup_goal(stack, owner: str, target_day) -> None:
    """SETUP: a goal of the mentee's due a week after the session (the goals feature normally creates it)."""
    with session_scope(stack.engine) as s:
        s.add(Goal(owner_id=owner, title="Ship a small Python service to production", target_date=target_day,
                   target="Service live, with tests and a runbook", progress=20))


def scene_checkins(ctx) -> None:
    stack = ctx.stack
    ctx.scene("A week later: reminders, check-ins and a goal nudge")
    original_clock = stack.deps.clock
    clock = stack.deps.clock = DemoClock(original_clock())
    try:
        m, tz = _the_pair(stack)
        mentor, mentee = m.mentor_id, m.mentee_id
        session_at = sessions_of(m, tz, clock.now + timedelta(days=6), clock.now + timedelta(days=70))[0]
        local = session_at.astimezone(zone(tz))
        _setup_goal(stack, mentee, local.date() + timedelta(days=7))
        name = ctx.names.get

        def jump(to: datetime, why: str) -> None:
            clock.now = max(to, clock.now)
            here = clock.now.astimezone(zone(tz))
            ctx.say(f"(The clock jumps to {here:%A %-d %b, %H:%M} in {tz}: {why}. The worker ticks.)")
            tick(stack.deps, stack.app.client, clock.now)

        seen = {u: len(ctx.dms_to(u)) for u in (mentor, mentee)}
        jump(at_local(tz, previous_working_day(local.date()), DAY_START), "the working day before their session")
        for user in (mentor, mentee):
            new = ctx.dms_to(user)[seen[user]:]
            reminder = next(msg for msg in new if msg["text"].startswith("Coming up"))
            ctx.show(name(user, user), reminder)
            for f in (f for msg in new if msg.get("thread_ts") == reminder["ts"] for f in msg.get("files") or []):
                ctx.say(f"    (in the thread: calendar file {f['name']})")
            seen[user] = len(ctx.dms_to(user))

        jump(session_at + timedelta(hours=1), "their session is over")
        for _ in range(72):  # someone far from the mentor's zone gets theirs in their own working hours
            if all(any(msg["text"].startswith("Check-in") for msg in ctx.dms_to(u)[seen[u]:]) for u in (mentor, mentee)):
                break
            jump(clock.now + timedelta(hours=1), "waiting for working hours")
        prompt = {}
        for user in (mentor, mentee):
            prompt[user] = next(msg for msg in ctx.dms_to(user)[seen[user]:] if msg["text"].startswith("Check-in"))
            ctx.show(name(user, user), prompt[user])

        reply = "Great session: we reviewed my PR & agreed I'll write the service's tests next."
        ctx.user_does(mentee, f"replies in the thread: {reply}")
        before = len(ctx.dms_to(mentee))
        stack.driver.message_im(mentee, reply, thread_ts=prompt[mentee]["ts"])
        ctx.wait(lambda: any(msg.get("thread_ts") == prompt[mentee]["ts"] for msg in ctx.dms_to(mentee)[before:]),
                 "the check-in acknowledgement")
        ctx.show(name(mentee, mentee), next(msg for msg in ctx.dms_to(mentee)[before:]
                                            if msg.get("thread_ts") == prompt[mentee]["ts"]))

        nudge = next(msg for msg in ctx.dms_to(mentee)[seen[mentee]:] if msg["text"].startswith("Goal due"))
        ctx.show(name(mentee, mentee), nudge)
        # The nudge's button opens the same progress form as the goal on the App Home.
        ctx.click(mentee, goal_blocks.LOG_PROGRESS, "Log progress", message=nudge)
        form = ctx.modal(mentee)
        before = len(ctx.dms_to(mentee))
        ctx.submit(mentee, form, {"percent": {"value": "60"}, "milestone": {"value": "Service tests written"},
                                  "note": {"value": "Deploy with the runbook next week."}},
                   "the progress form (60%, a milestone and a journal note)")
        ctx.wait(lambda: len(ctx.dms_to(mentee)) > before, "the progress confirmation")
        ctx.show(name(mentee, mentee), ctx.dms_to(mentee)[-1])
        ctx.wait(lambda: "60%" in json.dumps((stack.slack.home_views.get(mentee) or {}).get("blocks", [])),
                 "the App Home with the new progress")
        ctx.show_home(mentee)
    finally:
        stack.deps.clock = original_clock
