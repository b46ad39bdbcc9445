"""The pulse end to end: asked the day after the pair's second session and then monthly, answered privately in a
modal, and never shown to the other person (DMs, journal, Home, modals)."""

from datetime import UTC, datetime

from sqlmodel import Session, select

from bot.outbox.tick import tick
from storage.models import PulseAnswer
from tests.content_helpers import add_pair, add_person, bot_dms, rows, run_until
from tests.pairing_helpers import choose, click, text_of, wait_dm, wait_ephemeral, wait_modal

MENTOR, MENTEE, OUTSIDER = "UMENTOR", "UMENTEE", "UOUTSIDER"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def answer(stack, user: str, prompt: dict, rating: str, helping: str, note: str, metadata: str | None = None):
    click(stack, user, "pulse_open", message=prompt)
    view = wait_modal(stack, user, "pulse_submit")
    if metadata is not None:
        view = {**view, "private_metadata": metadata}
    return stack.driver.view_submission(user, view, {**choose(view, "rating", rating),
                                                     **choose(view, "helping", helping), "note": {"value": note}})


def everything_seen_by(stack, user: str) -> str:
    """Every message, ephemeral, open modal and Home the user has been shown."""
    channel = stack.slack.dm_channel(user)
    parts = [text_of(m) for m in stack.slack.messages_in(channel) if m.get("via") != "user"]
    parts += [text_of(m) for m in stack.slack.ephemerals_to(user)]
    parts += [text_of(v) for v in stack.slack.open_views_for(user)]
    parts.append(text_of(stack.slack.home_views.get(user) or {}))
    return "\n".join(parts)


def answers(stack) -> list[tuple[str, int, int, str, str]]:
    with Session(stack.engine) as s:
        return [(a.person_id, a.round, a.rating, a.helping, a.note)
                for a in s.exec(select(PulseAnswer).order_by(PulseAnswer.person_id, PulseAnswer.round)).all()]


def test_pulse_is_asked_after_the_second_session_then_monthly_and_stays_private(stack, clock):
    for user, name in ((MENTOR, "Mia Mentor"), (MENTEE, "Leo Mentee"), (OUTSIDER, "Eve Outsider")):
        add_person(stack, user, name, "Europe/Berlin")
    mid = add_pair(stack, MENTOR, MENTEE, "weekly", utc(2026, 12, 1, 8, 0))  # Tue 1 Dec 09:00 Berlin
    run_until(stack, clock, utc(2026, 12, 9, 7, 59))
    assert rows(stack, kind="pulse", status="sent") == []  # not before the day after the second session
    run_until(stack, clock, utc(2026, 12, 9, 12, 0))
    sent = rows(stack, kind="pulse", status="sent")
    assert {(r.recipient_id, r.idempotency_key) for r in sent} == {
        (MENTOR, f"pulse:{mid}:0:{MENTOR}"), (MENTEE, f"pulse:{mid}:0:{MENTEE}")}
    assert all(r.sent_at.replace(tzinfo=UTC) == utc(2026, 12, 9, 8, 0) for r in sent)  # Wed 09:00 Berlin
    mentee_prompt = wait_dm(stack, MENTEE, "How is your mentorship with")
    mentor_prompt = wait_dm(stack, MENTOR, "How is your mentorship with")

    # An outsider clicking (or forging) the pair's button is refused; nothing opens.
    click(stack, OUTSIDER, "pulse_open", value=f"{mid}:0")
    wait_ephemeral(stack, OUTSIDER, "isn't one of yours")
    click(stack, MENTEE, "pulse_open", value=f"{mid}:7")  # a round never asked
    wait_ephemeral(stack, MENTEE, "isn't one of yours")
    assert stack.slack.open_views_for(OUTSIDER) == []

    secret = "mentee-secret: I feel unheard <!here> & stuck"
    r = answer(stack, MENTEE, mentee_prompt, "2", "no", secret)
    assert r.status == 200 and not r.slack_errors and r.body == ""
    wait_dm(stack, MENTEE, "your pulse about your mentorship")
    # The mentor's modal, submitted with the mentee's metadata tampered to another pair, is refused.
    refused = answer(stack, MENTOR, mentor_prompt, "5", "yes", "x", metadata="999:0")
    assert "isn't one of yours" in refused.json()["errors"]["rating"]
    r = answer(stack, MENTOR, mentor_prompt, "5", "yes", "mentor-secret: going great")
    assert r.status == 200 and not r.slack_errors
    wait_dm(stack, MENTOR, "your pulse about your mentorship")
    r = answer(stack, MENTOR, mentor_prompt, "4", "somewhat", "mentor-secret: changed my mind")  # replaces
    assert r.status == 200 and not r.slack_errors
    assert answers(stack) == [(MENTEE, 0, 2, "no", secret), (MENTOR, 0, 4, "somewhat", "mentor-secret: changed my mind")]

    # Neither sees the other's answer anywhere: DMs, journal, Home.
    for user in (MENTOR, MENTEE, OUTSIDER):
        stack.driver.command(user, "/mentor", "journal")
        wait_ephemeral(stack, user, "journal")
        assert stack.driver.app_home_opened(user).status == 200
        assert stack.slack.wait_for(lambda u=user: stack.slack.home_views.get(u), timeout=10)
    assert "mentee-secret" not in everything_seen_by(stack, MENTOR)
    assert "unheard" not in everything_seen_by(stack, MENTOR)
    assert "mentor-secret" not in everything_seen_by(stack, MENTEE)
    assert "secret" not in everything_seen_by(stack, OUTSIDER)
    mentee_seen = everything_seen_by(stack, MENTEE)
    assert "<!here>" not in mentee_seen  # the modal's own note is never echoed unescaped

    # Answered rounds are not asked again; the next round comes a month on (Sat 9 Jan -> Mon 11 Jan 09:00 Berlin).
    clock.now = utc(2027, 1, 11, 7, 0)
    tick(stack.deps, stack.app.client, clock.now)
    assert {r.idempotency_key for r in rows(stack, kind="pulse")} == {
        f"pulse:{mid}:0:{MENTOR}", f"pulse:{mid}:0:{MENTEE}", f"pulse:{mid}:1:{MENTOR}", f"pulse:{mid}:1:{MENTEE}"}
    clock.now = utc(2027, 1, 11, 8, 0)
    tick(stack.deps, stack.app.client, clock.now)
    assert {r.recipient_id for r in rows(stack, kind="pulse", status="sent") if ":1:" in r.idempotency_key} == \
        {MENTOR, MENTEE}
    round_one = [m for m in bot_dms(stack, MENTEE) if "Answer privately" in text_of(m)][-1]
    r = answer(stack, MENTEE, round_one, "4", "yes", "")
    assert r.status == 200 and not r.slack_errors
    with Session(stack.engine) as s:  # only each person's newest round counts in the admin report
        assert sorted((a.person_id, a.round, a.latest) for a in s.exec(select(PulseAnswer)).all()) == [
            (MENTEE, 0, False), (MENTEE, 1, True), (MENTOR, 0, True)]
