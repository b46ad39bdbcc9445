"""Demo scene: the pair's journey. Before their next session the mentee adds to the agenda (the mentor is told),
the mentor moves the session (both get an updated calendar file), the mentor records an action item after it, and
the mentee ticks it off from the following reminder."""

from datetime import date, datetime, timedelta

from bot.devkit.demo.scene_checkins import DemoClock, _the_pair
from bot.domain.checkin_plan import sessions_of
from bot.domain.timekeeping import zone
from bot.domain.working_hours import DAY_START, at_local, previous_working_day
from bot.outbox.tick import tick


def _new(ctx, user: str, seen: dict[str, int], starts: str) -> dict:
    found = [m for m in ctx.dms_to(user)[seen[user]:] if m["text"].startswith(starts) and not m.get("thread_ts")]
    if not found:
        raise RuntimeError(f"demo: no DM starting {starts!r} for {user}")
    return found[-1]


def _wait_new(ctx, user: str, seen: dict[str, int], needle: str) -> dict:
    ctx.wait(lambda: any(needle in m["text"] for m in ctx.dms_to(user)[seen[user]:]), f"a DM saying {needle!r}")
    return [m for m in ctx.dms_to(user)[seen[user]:] if needle in m["text"]][-1]


def scene_journey(ctx) -> None:
    stack = ctx.stack
    ctx.scene("The next session: an agenda, a new time, an action item ticked off")
    original_clock = stack.deps.clock
    clock = stack.deps.clock = DemoClock(original_clock())
    try:
        m, tz = _the_pair(stack)
        mentor, mentee = m.mentor_id, m.mentee_id
        # The session after the one the check-ins scene played (it took the first from six days on).
        session_at = sessions_of(m, tz, clock.now + timedelta(days=6), clock.now + timedelta(days=90))[1]
        local = session_at.astimezone(zone(tz))
        name = ctx.names.get

        def jump(to: datetime, why: str) -> None:
            clock.now = max(to, clock.now)
            ctx.say(f"(The clock jumps to {clock.now.astimezone(zone(tz)):%A %-d %b, %H:%M} in {tz}: {why}. "
                    "The worker ticks.)")
            tick(stack.deps, stack.app.client, clock.now)

        seen = {u: len(ctx.dms_to(u)) for u in (mentor, mentee)}
        jump(at_local(tz, previous_working_day(local.date()), DAY_START), "the day before their next session")
        reminder = _new(ctx, mentee, seen, "Coming up")
        ctx.show(name(mentee), reminder)

        # The mentee sets the agenda; the mentor is told.
        ctx.click(mentee, "agenda_add", "Add to the agenda", message=reminder)
        form = ctx.modal(mentee)
        ctx.submit(mentee, form, {"text": {"value": "How do I ask for feedback on presenting my service at the "
                                                    "guild?"}}, "an agenda item")
        ctx.show(name(mentor), _wait_new(ctx, mentor, seen, "added to the agenda"))

        # The mentor can't make it and moves the session to the next day, 15:00.
        ctx.click(mentor, "session_reschedule", "Reschedule", message=_new(ctx, mentor, seen, "Coming up"))
        form = ctx.modal(mentor)
        moved_day: date = local.date() + timedelta(days=1)
        ctx.submit(mentor, form, {"new_date": {"date": {"type": "datepicker", "selected_date": moved_day.isoformat()}},
                                  "new_time": {"time": {"type": "timepicker", "selected_time": "15:00"}}},
                   f"a new time: {moved_day:%a %-d %b}, 15:00")
        tick(stack.deps, stack.app.client, clock.now)
        note = _wait_new(ctx, mentee, seen, "moved")
        ctx.show(name(mentee), note)
        for f in (f for msg in ctx.dms_to(mentee) if msg.get("thread_ts") == note["ts"] for f in msg.get("files") or []):
            ctx.say(f"    (in the thread: calendar file {f['name']}: the same event, SEQUENCE 1, at the new time)")

        # The mentor's reminder for the new time: the mentee's agenda, and the library by topic. She recommends a book.
        jump(at_local(tz, previous_working_day(moved_day), DAY_START), "the day before the new time")
        reminder = next(msg for msg in ctx.dms_to(mentor)[seen[mentor]:]
                        if msg["text"].startswith("Coming up") and "15:00" in msg["text"])
        ctx.show(name(mentor), reminder)
        book = next(e for b in reminder["blocks"] if str(b.get("block_id")).startswith("resource_")
                    for e in b["elements"] if "Mentor" in e["text"]["text"])
        ctx.click(mentor, "resource_recommend", book["text"]["text"], message=reminder, value=book["value"])
        ctx.show(name(mentee), _wait_new(ctx, mentee, seen, "recommends"))

        # After the session the mentor notes an action item for the mentee from the check-in prompt.
        jump(at_local(tz, moved_day, DAY_START) + timedelta(hours=7), "the moved session is over")
        prompt = _new(ctx, mentor, seen, "Check-in")
        ctx.show(name(mentor), prompt)
        ctx.click(mentor, "action_item_add", "Action item", message=prompt)
        form = ctx.modal(mentor)
        owner = next(b for b in form["blocks"] if b.get("block_id") == "owner")["element"]["options"][1]
        due = moved_day + timedelta(days=7)
        ctx.submit(mentor, form, {"text": {"value": "Draft the on-call runbook"},
                                  "owner": {"value": {"type": "static_select", "selected_option": owner}},
                                  "due": {"value": {"type": "datepicker", "selected_date": due.isoformat()}}},
                   f"an action item for {name(mentee)}, due {due:%a %-d %b}")
        ctx.show(name(mentee), _wait_new(ctx, mentee, seen, "action item"))

        # The next reminder lists it; the mentee ticks it off.
        following = sessions_of(m, tz, session_at + timedelta(days=1), session_at + timedelta(days=60))[0]
        seen = {u: len(ctx.dms_to(u)) for u in (mentor, mentee)}
        jump(at_local(tz, previous_working_day(following.astimezone(zone(tz)).date()), DAY_START),
             "the day before the session after")
        reminder = _new(ctx, mentee, seen, "Coming up")
        ctx.show(name(mentee), reminder)
        item = next(b["accessory"]["value"] for b in reminder["blocks"]
                    if (b.get("accessory") or {}).get("action_id") == "action_item_done")
        before = len(stack.slack.ephemerals_to(mentee))
        ctx.click(mentee, "action_item_done", "Done", message=reminder, value=item)
        ctx.wait(lambda: len(stack.slack.ephemerals_to(mentee)) > before, "the tick-off answer")
        ctx.show(f"{name(mentee)} (only they see this)", stack.slack.ephemerals_to(mentee)[-1])
    finally:
        stack.deps.clock = original_clock
