"""The agreement as a living document, through HTTP, the local Slack, the drain and injected time: a change one
person proposes and the other confirms re-plans the schedule with no duplicate and no lost message; only the other
person can confirm, once; the half-way review offers keep going, adjust and wrap up."""

from datetime import UTC, datetime

from sqlmodel import Session

from storage.db import session_scope
from storage.models import Mentorship
from tests.content_helpers import add_pair, add_person, bot_dms, rows, run_until
from tests.pairing_helpers import agreement_values, click, text_of, wait_dm, wait_ephemeral, wait_modal

MENTOR, MENTEE = "UAGRMENTOR", "UAGRMENTEE"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def pair(stack, clock) -> int:
    add_person(stack, MENTOR, "Mia Mentor", "Europe/Berlin")
    add_person(stack, MENTEE, "Leo Mentee", "Europe/Berlin")
    mid = add_pair(stack, MENTOR, MENTEE, "weekly", utc(2026, 12, 1, 9, 0))  # Tuesdays 10:00 in Berlin
    with session_scope(stack.engine) as s:
        s.get(Mentorship, mid).goals = "Ship a <b>design doc</b> & present it"
    return mid


def propose(stack, user, mid, **terms):
    click(stack, user, "agreement_change_open", value=str(mid))
    view = wait_modal(stack, user, "agreement_change_submit")
    return stack.driver.view_submission(user, view, agreement_values(view, **terms))


def prompted(stack, user) -> list[str]:
    return [r.payload["period"] for r in rows(stack, kind="checkin", status="sent", recipient_id=user)
            if r.idempotency_key.startswith("checkin:")]


def test_a_confirmed_change_replans_with_no_duplicate_and_no_lost_message(stack, clock):
    mid = pair(stack, clock)
    run_until(stack, clock, utc(2026, 12, 8, 9, 30))
    clock.now = utc(2026, 12, 8, 9, 30)  # Tuesday 8th's session is on; its check-in is queued
    run_until(stack, clock, clock.now)
    assert {r.payload["period"] for r in rows(stack, kind="checkin", status="pending")} == \
        {"2026-12-08", "2026-12-15"}  # the next Tuesday is queued already

    # Nothing changed: a field error, nothing proposed.
    same = propose(stack, MENTEE, mid, cadence="weekly", duration="6", day="2026-12-15", at="10:00",
                   goals="   ")
    assert "goal" in same.body.lower()
    unchanged = propose(stack, MENTEE, mid, cadence="weekly", mode="video", duration="6", day="2026-12-15",
                        at="10:00")
    assert "change something" in unchanged.body

    # The mentee proposes every two weeks, from Thursday 17th at 15:00; the mentor sees the change and confirms.
    assert propose(stack, MENTEE, mid, cadence="biweekly", day="2026-12-17", at="15:00").body == ""
    proposal = wait_dm(stack, MENTOR, "proposes a change")
    value = next(e["value"] for b in proposal["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert "every two weeks" in text_of(proposal) and "Thu 17 Dec at 15:00" in text_of(proposal)
    assert "asked" in text_of(wait_dm(stack, MENTEE, "to confirm your proposed change"))
    click(stack, MENTEE, "agreement_change_confirm", message=proposal)  # not the proposer's to confirm
    assert "nothing changed" in text_of(wait_ephemeral(stack, MENTEE, "nothing changed"))
    click(stack, MENTOR, "agreement_change_confirm", message=proposal)
    assert "confirmed the change" in text_of(wait_dm(stack, MENTEE, "confirmed the change"))
    click(stack, MENTOR, "agreement_change_confirm", value=value)  # twice (the message was replaced): once only
    assert "nothing changed" in text_of(wait_ephemeral(stack, MENTOR, "nothing changed"))
    with Session(stack.engine) as s:
        assert s.get(Mentorship, mid).cadence == "biweekly"
    assert {r.payload["period"] for r in rows(stack, kind="checkin", status="pending")} == {"2026-12-08"}
    assert {r.payload["period"] for r in rows(stack, status="cancelled")} == {"2026-12-15"}

    run_until(stack, clock, utc(2027, 1, 1, 16, 0))
    for user in (MENTOR, MENTEE):
        # Tuesday 8th (held before the change) is still asked about; Tuesday 15th and 22nd are gone; the new
        # rhythm runs from Thursday 17th, every two weeks. Nothing about 1st December is asked twice.
        assert prompted(stack, user) == ["2026-12-01", "2026-12-08", "2026-12-17", "2026-12-31"]
        coming = [m["text"] for m in bot_dms(stack, user) if m["text"].startswith("Coming up:")]
        assert any("Thu 17 Dec at 15:00" in t for t in coming) and not any("Tue 15 Dec" in t for t in coming)
    sent = [r.idempotency_key for r in rows(stack, status="sent")]
    assert len(sent) == len(set(sent))
    # Re-running the sweep at the same instant writes nothing new.
    before = len(rows(stack))
    run_until(stack, clock, clock.now)
    assert len(rows(stack)) == before


def test_the_half_way_review(stack, clock):
    mid = pair(stack, clock)  # started 30 Nov for 6 months: half-way around 1 March
    clock.now = utc(2027, 3, 1, 9, 0)
    run_until(stack, clock, utc(2027, 3, 2, 16, 0))
    for user in (MENTOR, MENTEE):
        assert len([m for m in bot_dms(stack, user) if m["text"].startswith("Half-way")]) == 1
    review = wait_dm(stack, MENTEE, "Half-way")
    click(stack, MENTEE, "agreement_change_open", message=review, block_id="midpoint")
    wait_modal(stack, MENTEE, "agreement_change_submit")
    click(stack, MENTEE, "mentorship_wrap_up", message=review, block_id="midpoint")
    wait_modal(stack, MENTEE, "mentorship_wrap_up")
    click(stack, "USTRANGER", "midpoint_keep", value=str(mid))
    assert "nothing changed" in text_of(wait_ephemeral(stack, "USTRANGER", "nothing changed"))
    click(stack, MENTEE, "midpoint_keep", message=review, block_id="midpoint")
    assert stack.slack.wait_for(lambda: any("carry on" in text_of(m) for m in bot_dms(stack, MENTEE)), timeout=10)
