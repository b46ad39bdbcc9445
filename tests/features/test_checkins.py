"""Check-ins end to end: prompts on each pair's cadence in working hours, meeting reminders with .ics files,
answers by button, notes modal and DM thread, drift alerts to admins only, and the admin report."""

import json
from collections import Counter
from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from sqlmodel import Session, select

from bot.domain.working_hours import is_working_time
from storage.models import CheckIn, Mentorship
from tests.content_helpers import add_pair, add_person, add_program, bot_dms, rows, run_until


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def checkins(stack) -> list[CheckIn]:
    with Session(stack.engine) as s:
        return list(s.exec(select(CheckIn).order_by(CheckIn.id)).all())


def tallies(stack, mid) -> tuple[int, int]:
    """The report's per-pair tallies, kept on the check-in write path: (sessions held, check-ins answered)."""
    with Session(stack.engine) as s:
        m = s.get(Mentorship, mid)
        return m.sessions_held, m.checkins_answered


def dump(message) -> str:
    return json.dumps(message.get("blocks") or [], ensure_ascii=False) + message.get("text", "")


def prompts(messages):
    return [m for m in messages if m["text"].startswith("Check-in:") and not m.get("thread_ts")]


def test_cadences_across_a_month_in_each_persons_working_hours(stack, clock):
    tz = {"UWKMENTOR": "Europe/Berlin", "UWKMENTEE": "America/Los_Angeles",
          "UBIMENTOR": "Asia/Kolkata", "UBIMENTEE": "Europe/Berlin",
          "UMOMENTOR": "America/Los_Angeles", "UMOMENTEE": "Asia/Kolkata"}
    for user, zone in tz.items():
        add_person(stack, user, user.title(), zone)
    # Each pair meets on Tuesday 1 December at 10:00 in the mentor's zone.
    add_pair(stack, "UWKMENTOR", "UWKMENTEE", "weekly", utc(2026, 12, 1, 9, 0))
    add_pair(stack, "UBIMENTOR", "UBIMENTEE", "biweekly", utc(2026, 12, 1, 4, 30))
    add_pair(stack, "UMOMENTOR", "UMOMENTEE", "monthly", utc(2026, 12, 1, 18, 0))
    clock.now = utc(2026, 11, 30, 0, 0)
    run_until(stack, clock, utc(2026, 12, 31, 23, 59))

    expected = {"WK": 5, "BI": 3, "MO": 1}  # Dec 1, 8, 15, 22, 29 / Dec 1, 15, 29 / Dec 1
    for user in tz:
        assert len(prompts(bot_dms(stack, user))) == expected[user[1:3]], user

    sent = list(rows(stack, status="sent"))
    for r in sent:  # every message went out inside its recipient's working hours
        assert is_working_time(tz[r.recipient_id], r.sent_at.replace(tzinfo=UTC)), r.idempotency_key
    first_prompts = [r for r in sent if r.idempotency_key.startswith("checkin:")]
    for r in first_prompts:  # and prompts only once the session was over
        assert r.sent_at.replace(tzinfo=UTC) >= datetime.fromisoformat(r.payload["session_at"]) + timedelta(hours=1)

    # Nobody answered: each prompt got one reminder in its thread, never a second one.
    reminders = [r for r in sent if r.idempotency_key.startswith("checkin-reminder:")]
    assert len(reminders) >= len(first_prompts) - 6  # the last prompts' reminders fall in January
    prompt_ts = {r.slack_ts for r in first_prompts}
    threads = Counter()
    for user in tz:
        for m in bot_dms(stack, user):
            if m["text"].startswith("Reminder:"):
                assert m["thread_ts"] in prompt_ts
                threads[m["thread_ts"]] += 1
    assert threads and max(threads.values()) == 1

    # Meeting reminders: the working day before each session, each with its .ics in the thread.
    meetings = [r for r in sent if r.kind == "meeting_reminder"]
    assert Counter(r.recipient_id for r in meetings) == {
        "UWKMENTOR": 5, "UWKMENTEE": 5, "UBIMENTOR": 3, "UBIMENTEE": 3,
        "UMOMENTOR": 2, "UMOMENTEE": 2}  # the monthly pair's 1 January session is reminded on 31 December
    for r in meetings:
        session_at = datetime.fromisoformat(r.payload["session_at"])
        assert r.sent_at.replace(tzinfo=UTC) < session_at
        files = [m for m in stack.slack.messages_in(stack.slack.dm_channel(r.recipient_id))
                 if m.get("thread_ts") == r.slack_ts and m.get("files")]
        assert len(files) == 1 and files[0]["files"][0]["name"].endswith(".ics")
    content = stack.slack.files[files[0]["files"][0]["id"]]["content"]
    calendar = content[content.index(b"BEGIN:VCALENDAR"):content.index(b"END:VCALENDAR") + 13]
    event = next(iter(Calendar.from_ical(calendar).walk("VEVENT")))
    assert event.decoded("dtstart") == session_at

    # Running the same instant again sends nothing new.
    before = len(stack.slack.calls_to("chat.postMessage"))
    clock.now = utc(2026, 12, 31, 23, 59)
    run_until(stack, clock, clock.now)
    assert len(stack.slack.calls_to("chat.postMessage")) == before


def _pair_with_prompts(stack, clock, program_id=None):
    """A weekly pair in Berlin whose first session (Tue 1 Dec 09:00) is over: both prompts sent now."""
    add_person(stack, "UMENTOR", "Mia Mentor", "Europe/Berlin")
    add_person(stack, "UMENTEE", "Leo Mentee", "Europe/Berlin")
    mid = add_pair(stack, "UMENTOR", "UMENTEE", "weekly", utc(2026, 12, 1, 8, 0), program_id=program_id)
    run_until(stack, clock, clock.now)
    return mid, prompts(bot_dms(stack, "UMENTOR"))[-1], prompts(bot_dms(stack, "UMENTEE"))[-1]


def test_a_thread_reply_is_stored_once_and_other_dms_get_a_hint(stack, clock):
    mid, _, prompt = _pair_with_prompts(stack, clock)
    text = "We met & planned next steps <!channel> <http://evil.example|x>"
    dm = stack.slack.dm_channel("UMENTEE")

    def replies():
        return [m for m in bot_dms(stack, "UMENTEE") if m.get("thread_ts") == prompt["ts"]]

    assert stack.driver.message_im("UMENTEE", text, thread_ts=prompt["ts"], event_id="EvREPLY1").status == 200
    assert stack.slack.wait_for(lambda: replies(), timeout=10)
    # Slack retries the same event (same event_id): the global dedupe drops it.
    assert stack.driver.message_im("UMENTEE", text, thread_ts=prompt["ts"], event_id="EvREPLY1",
                                   retry_num=1).status == 200
    # Edits and bot posts are not answers.
    stack.driver.event({"type": "message", "subtype": "message_changed", "channel": dm, "channel_type": "im",
                        "message": {"text": "edited", "user": "UMENTEE"}, "ts": "1.000001"})
    stack.driver.event({"type": "message", "bot_id": "B0OTHER", "text": "beep", "channel": dm, "channel_type": "im",
                        "ts": "1.000002", "user": "UOTHERBOT", "thread_ts": prompt["ts"]})
    # A message outside any prompt thread gets a gentle hint (and is the sentinel that the others were handled).
    stack.driver.message_im("UMENTEE", "hello?")
    assert stack.slack.wait_for(lambda: any("reply in the thread" in m["text"] for m in bot_dms(stack, "UMENTEE")),
                                timeout=10)

    stored = checkins(stack)
    assert [(c.mentorship_id, c.author_id, c.source, c.note, c.outcome) for c in stored] == \
        [(mid, "UMENTEE", "thread", text, "")]
    assert stored[0].period.isoformat() == "2026-12-01" and stored[0].slack_ts == prompt["ts"]
    assert len(replies()) == 1
    ack = dump(replies()[0])
    assert "&lt;!channel&gt;" in ack and "&amp;" in ack and "<!channel>" not in ack and "<http://evil" not in ack


def test_buttons_notes_modal_and_journal_stay_with_the_pair(stack, clock):
    mid, mentor_prompt, mentee_prompt = _pair_with_prompts(stack, clock)
    add_person(stack, "UOUTSIDER", "Eve Outsider", "Europe/Berlin")

    def current(prompt):
        return next(m for m in bot_dms(stack, "UMENTEE") if m["ts"] == prompt["ts"])

    stack.driver.block_action("UMENTEE", "checkin_met", message=mentee_prompt)
    assert stack.slack.wait_for(lambda: "Thanks! You met" in dump(current(mentee_prompt)), timeout=10)
    assert tallies(stack, mid) == (1, 1)
    updated = current(mentee_prompt)
    assert [e["action_id"] for e in updated["blocks"][1]["elements"]] == ["checkin_notes", "action_item_add"]
    stack.driver.block_action("UMENTEE", "checkin_not_met", value=f"{mid}:2026-12-01")  # changes their answer
    assert stack.slack.wait_for(lambda: checkins(stack) and checkins(stack)[0].outcome == "not_met", timeout=10)
    assert [(c.author_id, c.source) for c in checkins(stack)] == [("UMENTEE", "button")]
    assert tallies(stack, mid) == (0, 1)  # the changed answer is recounted, not added

    # Forged: an outsider with the pair's id, a pair member with a session never asked about, garbage.
    for user, value in (("UOUTSIDER", f"{mid}:2026-12-01"), ("UMENTOR", f"{mid}:2026-11-24"),
                        ("UMENTOR", "999:2026-12-01"), ("UOUTSIDER", "not-a-value")):
        before = len(stack.slack.ephemerals_to(user))
        stack.driver.block_action(user, "checkin_met", value=value)
        assert stack.slack.wait_for(lambda u=user, b=before: len(stack.slack.ephemerals_to(u)) > b, timeout=10)
        assert "isn't one of yours" in stack.slack.ephemerals_to(user)[-1]["text"]
    before = len(stack.slack.ephemerals_to("UOUTSIDER"))
    stack.driver.block_action("UOUTSIDER", "checkin_notes", value=f"{mid}:2026-12-01")
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to("UOUTSIDER")) > before, timeout=10)
    assert stack.slack.open_views_for("UOUTSIDER") == []
    assert len(checkins(stack)) == 1

    # The mentor adds notes in the modal: blank is refused with a field error, then saved and echoed escaped.
    stack.driver.block_action("UMENTOR", "checkin_notes", message=mentor_prompt)
    assert stack.slack.wait_for(lambda: stack.slack.open_views_for("UMENTOR"), timeout=10)
    modal = stack.slack.open_views_for("UMENTOR")[-1]
    blank = stack.driver.view_submission("UMENTOR", modal, {"notes": {"notes_input": "   "}})
    assert "notes" in blank.json()["errors"]
    # A tampered private_metadata (another pair's id) is refused as well.
    tampered = stack.driver.view_submission("UMENTOR", {**modal, "private_metadata": "999:2026-12-01"},
                                            {"notes": {"notes_input": "x"}})
    assert "isn't one of yours" in tampered.json()["errors"]["notes"]
    note = "Promotion plan <@UOUTSIDER> & <!here>"
    met = {"type": "radio_buttons", "selected_option": modal["blocks"][1]["element"]["options"][0]}
    ok = stack.driver.view_submission("UMENTOR", modal, {"outcome": {"outcome_input": met},
                                                         "notes": {"notes_input": note}})
    assert ok.status == 200 and not ok.slack_errors and stack.slack.open_views_for("UMENTOR") == []
    assert stack.slack.wait_for(lambda: any(m.get("thread_ts") == mentor_prompt["ts"]
                                            for m in bot_dms(stack, "UMENTOR")), timeout=10)
    ack = dump(next(m for m in bot_dms(stack, "UMENTOR") if m.get("thread_ts") == mentor_prompt["ts"]))
    assert "&lt;@UOUTSIDER&gt;" in ack and "<!here>" not in ack and "(Met)" in ack
    assert [(c.author_id, c.source, c.outcome, c.note) for c in checkins(stack)][-1] == \
        ("UMENTOR", "modal", "met", note)
    assert tallies(stack, mid) == (1, 2)  # one session held; two people answered it

    # The journal: the pair sees both entries; the outsider sees nothing of theirs.
    def journal_of(user):
        before = len(stack.slack.ephemerals_to(user))
        stack.driver.command(user, "/mentor", "journal")
        assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
        return dump(stack.slack.ephemerals_to(user)[-1])

    mentee_view = journal_of("UMENTEE")
    assert "Promotion plan &lt;@UOUTSIDER&gt; &amp; &lt;!here&gt;" in mentee_view and "Didn't meet" in mentee_view
    outsider_view = journal_of("UOUTSIDER")
    assert "Promotion" not in outsider_view and "journal is empty" in outsider_view


def test_drift_alert_goes_to_admins_only_and_names_no_notes(stack, clock):
    add_person(stack, "UADMIN", "Ada Admin", "Europe/Berlin")
    program = add_program(stack, "Pilot <cohort>", ["UADMIN"])
    mid, mentor_prompt, mentee_prompt = _pair_with_prompts(stack, clock, program_id=program)

    def both_say_didnt_meet(prompt_of):
        for user in ("UMENTOR", "UMENTEE"):
            stack.driver.block_action(user, "checkin_notes", message=prompt_of[user])
            assert stack.slack.wait_for(lambda u=user: stack.slack.open_views_for(u), timeout=10)
            modal = stack.slack.open_views_for(user)[-1]
            not_met = {"type": "radio_buttons", "selected_option": modal["blocks"][1]["element"]["options"][1]}
            r = stack.driver.view_submission(user, modal, {"outcome": {"outcome_input": not_met},
                                                           "notes": {"notes_input": "secret-note: family stuff"}})
            assert r.status == 200 and not r.slack_errors

    both_say_didnt_meet({"UMENTOR": mentor_prompt, "UMENTEE": mentee_prompt})
    run_until(stack, clock, utc(2026, 12, 8, 10, 0))  # the second session is over: prompts again
    both_say_didnt_meet({u: prompts(bot_dms(stack, u))[-1] for u in ("UMENTOR", "UMENTEE")})

    def alerts_to_admin():  # the admin's weekly digest arrives too; the drift alert is what this test is about
        return [m for m in bot_dms(stack, "UADMIN") if m["text"].startswith("A pair in")]

    assert alerts_to_admin() == []
    run_until(stack, clock, utc(2026, 12, 29, 17, 0))  # nudge, then "still working?", then the admins, once

    alerts = alerts_to_admin()
    assert len(alerts) == 1
    text = dump(alerts[0])
    assert "<@UMENTOR>" in text and "<@UMENTEE>" in text and "sessions missed or not held" in text
    assert "secret" not in text and "family" not in text and "Pilot &lt;cohort&gt;" in text
    for user in ("UMENTOR", "UMENTEE"):
        assert not any("needs attention" in dump(m) for m in bot_dms(stack, user))
    assert [r.recipient_id for r in rows(stack, kind="drift_alert")] == ["UADMIN"]

    # The admin report: counts only, and about one pair: suppressed. A pair member asking gets no report.
    stack.driver.command("UADMIN", "/mentor", "report")
    assert stack.slack.wait_for(lambda: stack.slack.ephemerals_to("UADMIN"), timeout=10)
    report = dump(stack.slack.ephemerals_to("UADMIN")[-1])
    assert "Pairs that started: fewer than 5" in report and "secret" not in report and "family" not in report
    stack.driver.command("UMENTEE", "/mentor", "report")
    assert stack.slack.wait_for(lambda: stack.slack.ephemerals_to("UMENTEE"), timeout=10)
    assert "Only program admins" in stack.slack.ephemerals_to("UMENTEE")[-1]["text"]
