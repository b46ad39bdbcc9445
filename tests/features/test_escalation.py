"""Escalation on each pair's own cadence, end to end: a gentle nudge to both, then "is this still working for
you?" to each, then the program admins (names and signal only); it stops when the pair recovers. The choices:
change the agreement, pause, end with no fault (a mentee gets new suggestions straight away)."""

from datetime import UTC, datetime

from sqlmodel import Session, select

from storage.models import Escalation, Mentorship, Person
from tests.content_helpers import add_goal, add_pair, add_person, add_program, rows, run_until
from tests.features.test_ending import HUGO, KEMI, LENA, pair
from tests.pairing_helpers import choose, click, dms, text_of, wait_dm, wait_ephemeral, wait_modal

ADMIN = "UADMIN"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def sent(stack, kind: str) -> list[tuple[str, str]]:
    return sorted((r.recipient_id, r.sent_at.strftime("%m-%d")) for r in rows(stack, kind=kind, status="sent"))


def escalations(stack) -> list[Escalation]:
    with Session(stack.engine) as s:
        return list(s.exec(select(Escalation).order_by(Escalation.id)).all())


def latest_prompt(stack, user: str) -> dict:
    return [m for m in dms(stack, user) if m["text"].startswith("Check-in:") and not m.get("thread_ts")][-1]


def test_steps_in_order_and_stop_when_the_pair_recovers(stack, clock):
    for user in ("UAMENTOR", "UAMENTEE", "UBMENTOR", "UBMENTEE", ADMIN):
        add_person(stack, user, user.title(), "Europe/Berlin")
    program = add_program(stack, "Pilot <cohort>", [ADMIN])
    a = add_pair(stack, "UAMENTOR", "UAMENTEE", "weekly", utc(2026, 12, 1, 8, 0), program_id=program)
    b = add_pair(stack, "UBMENTOR", "UBMENTEE", "weekly", utc(2026, 12, 1, 8, 0), program_id=program)

    # One missed week is life: nothing. Two in a row (their cadence is weekly): a nudge to both of each pair.
    run_until(stack, clock, utc(2026, 12, 14, 17, 0))
    assert sent(stack, "drift_nudge") == []
    run_until(stack, clock, utc(2026, 12, 15, 17, 0))
    assert {u for u, _ in sent(stack, "drift_nudge")} == {"UAMENTOR", "UAMENTEE", "UBMENTOR", "UBMENTEE"}
    nudge = text_of(wait_dm(stack, "UAMENTEE", "gentle nudge"))
    assert "<@UAMENTOR>" in nudge and "pulse" not in nudge

    # Pair B meets and says so: it has recovered, and hears nothing more.
    click(stack, "UBMENTOR", "checkin_met", message=latest_prompt(stack, "UBMENTOR"))
    assert stack.slack.wait_for(lambda: any("Thanks! You met" in text_of(m) for m in dms(stack, "UBMENTOR")), 10)

    # A week later pair A (still silent) is asked privately, each of them; then a week later the admins.
    run_until(stack, clock, utc(2026, 12, 22, 17, 0))
    click(stack, "UBMENTEE", "checkin_met", message=latest_prompt(stack, "UBMENTEE"))  # B keeps meeting
    assert {u for u, _ in sent(stack, "drift_ask")} == {"UAMENTOR", "UAMENTEE"}
    assert sent(stack, "drift_alert") == []
    ask = wait_dm(stack, "UAMENTEE", "still working for you")
    assert [e["text"]["text"] for e in ask["blocks"][1]["elements"]] == [
        "Keep going", "Change the agreement", "Pause for a while", "End it, no fault"]
    run_until(stack, clock, utc(2026, 12, 29, 17, 0))
    assert [u for u, _ in sent(stack, "drift_alert")] == [ADMIN]
    alert = text_of(wait_dm(stack, ADMIN, "needs attention"))
    assert "<@UAMENTOR>" in alert and "<@UAMENTEE>" in alert and "Pilot &lt;cohort&gt;" in alert
    assert "sessions missed or not held" in alert and "UBMENTOR" not in alert
    for user in ("UBMENTOR", "UBMENTEE"):
        assert not any("still working" in text_of(m) for m in dms(stack, user))
    assert [(e.mentorship_id, e.step, e.resolved_at is None) for e in escalations(stack)] == [
        (a, 3, True), (b, 1, False)]

    # Pair A meets at last: its escalation is resolved at the next sweep and nothing more is sent.
    click(stack, "UAMENTEE", "checkin_met", message=latest_prompt(stack, "UAMENTEE"))
    assert stack.slack.wait_for(lambda: any("Thanks! You met" in text_of(m) for m in dms(stack, "UAMENTEE")), 10)
    run_until(stack, clock, utc(2026, 12, 30, 17, 0))
    assert all(e.resolved_at is not None for e in escalations(stack))
    assert len(sent(stack, "drift_alert")) == 1 and rows(stack, kind="drift_ask", status="pending") == []


def test_change_pause_and_a_no_fault_end_with_new_suggestions(demo_stack, clock):
    stack = demo_stack
    mid = pair(stack, started_at=utc(2026, 11, 3, 8, 0))  # weekly, Tuesdays 09:00 Paris
    add_goal(stack, KEMI, "Move into product management", utc(2026, 11, 3))
    clock.now = utc(2026, 11, 30, 12, 0)
    run_until(stack, clock, utc(2026, 12, 9, 17, 0))
    hugo_ask = wait_dm(stack, HUGO, "still working for you")
    kemi_ask = wait_dm(stack, KEMI, "still working for you")
    with Session(stack.engine) as s:
        assert s.exec(select(Escalation)).one().signals == "sessions,goals"

    # A stranger (or a forged id) is refused.
    click(stack, LENA, "drift_choice_keep", value=str(mid))
    wait_ephemeral(stack, LENA, "isn't one of yours")

    # Hugo changes the agreement: every two weeks; both are told.
    click(stack, HUGO, "drift_choice_change", message=hugo_ask)
    view = wait_modal(stack, HUGO, "drift_change")
    response = stack.driver.view_submission(HUGO, view, choose(view, "cadence", "biweekly"))
    assert response.slack_errors == [] and response.body == ""
    wait_dm(stack, KEMI, "you now meet every two weeks")
    with Session(stack.engine) as s:
        assert s.get(Mentorship, mid).cadence == "biweekly"

    # Hugo pauses: his messages are held for 28 days.
    click(stack, HUGO, "drift_choice_pause", message=hugo_ask)
    assert stack.slack.wait_for(lambda: any("Paused:" in text_of(m) for m in dms(stack, HUGO)), 10)
    with Session(stack.engine) as s:
        assert s.get(Person, HUGO).paused_until.isoformat() == "2027-01-06"

    # Kemi ends it with no fault, and gets new suggestions right away (not Hugo).
    click(stack, KEMI, "drift_choice_end", message=kemi_ask)
    suggestions = text_of(wait_dm(stack, KEMI, "Ready for a new match?"))
    assert "Request intro" in suggestions and "Hugo Martin" not in suggestions
    closing = text_of(wait_dm(stack, HUGO, "has ended"))
    assert "Not a good fit" in closing and "no one's fault" in closing
    with Session(stack.engine) as s:
        m = s.get(Mentorship, mid)
        assert (m.status, m.end_reason, m.ended_by) == ("ended", "fit", KEMI)
        assert all(e.resolved_at is not None for e in s.exec(select(Escalation)).all())
    click(stack, HUGO, "drift_choice_keep", value=str(mid))  # too late: the mentorship has ended
    wait_ephemeral(stack, HUGO, "isn't one of yours")


def test_a_low_pulse_escalates_without_saying_whose_and_keep_going_closes_it(stack, clock):
    for user in ("UMENTOR", "UMENTEE", ADMIN):
        add_person(stack, user, user.title(), "Europe/Berlin")
    program = add_program(stack, "Pilot", [ADMIN])
    add_pair(stack, "UMENTOR", "UMENTEE", "biweekly", utc(2026, 12, 1, 8, 0), program_id=program)

    def meet_all():  # the pair keeps meeting: every prompt so far is answered "met"
        for user in ("UMENTOR", "UMENTEE"):
            for prompt in [m for m in dms(stack, user) if m["text"].startswith("Check-in:")
                           and not m.get("thread_ts") and any(e.get("action_id") == "checkin_met"
                                                              for b in m["blocks"] for e in b.get("elements", []))]:
                click(stack, user, "checkin_met", message=prompt)
                assert stack.slack.wait_for(lambda p=prompt, u=user: "Thanks! You met" in text_of(
                    next(m for m in dms(stack, u) if m["ts"] == p["ts"])), 10)

    run_until(stack, clock, utc(2026, 12, 16, 12, 0))  # sessions 1 and 15 Dec; the pulse on the 16th
    meet_all()
    pulse = wait_dm(stack, "UMENTEE", "Answer privately")
    click(stack, "UMENTEE", "pulse_open", message=pulse)
    view = wait_modal(stack, "UMENTEE", "pulse_submit")
    r = stack.driver.view_submission("UMENTEE", view, {**choose(view, "rating", "1"), **choose(view, "helping", "no"),
                                                       "note": {"value": "secret: not clicking"}})
    assert r.status == 200 and not r.slack_errors
    run_until(stack, clock, utc(2026, 12, 17, 12, 0))
    assert {u for u, _ in sent(stack, "drift_nudge")} == {"UMENTOR", "UMENTEE"}
    nudge = text_of(wait_dm(stack, "UMENTOR", "gentle nudge"))
    assert "pulse" not in nudge and "secret" not in nudge  # the mentor is not told why, nor by whom
    with Session(stack.engine) as s:
        assert s.exec(select(Escalation)).one().signals == "pulse"

    run_until(stack, clock, utc(2026, 12, 30, 17, 0))  # a period on, still low: each is asked
    meet_all()
    ask = wait_dm(stack, "UMENTEE", "still working for you")
    click(stack, "UMENTEE", "drift_choice_keep", message=ask)
    assert stack.slack.wait_for(lambda: any("Great: keep going" in text_of(m) for m in dms(stack, "UMENTEE")), 10)
    run_until(stack, clock, utc(2027, 1, 20, 17, 0))
    assert all(e.resolved_at is not None for e in escalations(stack)) and len(escalations(stack)) == 1
    assert sent(stack, "drift_alert") == []
