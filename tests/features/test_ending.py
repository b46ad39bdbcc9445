"""Ending well end to end: the wrap-up prompt when the agreed months are up, Extend 3 months, Wrap up (modal,
closing DMs, freed slot, cancelled rows, Homes), and strangers refused."""

from datetime import UTC, datetime

from sqlmodel import Session

from bot.features.ending import agreed_end
from bot.outbox.tick import tick
from storage.db import session_scope
from storage.models import Mentorship
from tests.content_helpers import rows, run_until
from tests.pairing_helpers import click, find, text_of, wait_dm, wait_ephemeral, wait_modal

HUGO, KEMI, LENA = "U0DEMOHUGO", "U0DEMOKEMI", "U0DEMOLENA"  # Hugo mentors (Paris, 1 slot); Kemi is his mentee


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def pair(stack, started_at=utc(2026, 6, 1, 8, 0)) -> int:
    with session_scope(stack.engine) as s:
        m = Mentorship(mentor_id=HUGO, mentee_id=KEMI, status="active", cadence="weekly", duration_months=6,
                       started_at=started_at, first_meeting_at=started_at, mentor_confirmed=True,
                       mentee_confirmed=True)
        s.add(m)
        s.flush()
        return m.id


def homes(stack, user) -> int:
    return sum(1 for c in stack.slack.calls_to("views.publish") if c.args.get("user_id") == user)


def mentorship(stack, mentorship_id) -> Mentorship:
    with Session(stack.engine) as s:
        return s.get(Mentorship, mentorship_id)


def test_agreed_end_is_on_the_mentors_calendar():
    # 31 Jan 23:30 in Paris is 22:30 UTC; a month on is the last day of February, same local time.
    assert agreed_end(utc(2026, 1, 31, 22, 30), 1, "Europe/Paris") == utc(2026, 2, 28, 22, 30)
    # Across the switch to summer time the wall-clock time stays 10:00 Paris.
    assert agreed_end(utc(2026, 1, 5, 9, 0), 3, "Europe/Paris") == utc(2026, 4, 5, 8, 0)


def test_prompt_extend_then_wrap_up_frees_the_slot(demo_stack, clock):
    stack = demo_stack
    mid = pair(stack)  # 1 June 10:00 Paris + 6 months = 1 December 10:00 Paris (09:00 UTC)
    assert "Hugo Martin" not in text_of(find(stack, LENA, "python"))  # his one slot is taken

    clock.now = utc(2026, 11, 30, 12, 0)
    run_until(stack, clock, utc(2026, 12, 1, 18, 0))
    wrap = rows(stack, kind="wrap_up")
    assert {(r.recipient_id, r.status) for r in wrap} == {(HUGO, "sent"), (KEMI, "sent")}
    assert all(r.due_at.replace(tzinfo=UTC) == utc(2026, 12, 1, 9, 0) for r in wrap)
    kemi_prompt = wait_dm(stack, KEMI, "6 months you agreed")
    hugo_prompt = wait_dm(stack, HUGO, "6 months you agreed")

    # Kemi extends; Hugo's click on his own (now stale) prompt does not extend a second time.
    click(stack, KEMI, "mentorship_extend", message=kemi_prompt)
    wait_dm(stack, HUGO, "by 3 months: 9 months in all, until Mon 1 Mar 2027")
    assert mentorship(stack, mid).duration_months == 9
    click(stack, HUGO, "mentorship_extend", message=hugo_prompt)
    wait_ephemeral(stack, HUGO, "already extended")
    assert mentorship(stack, mid).duration_months == 9

    # No second prompt for the old date; the next one is for the new end.
    clock.now = utc(2027, 2, 24, 12, 0)
    tick(stack.deps, stack.app.client, clock.now)
    keys = sorted(r.idempotency_key for r in rows(stack, kind="wrap_up"))
    assert keys == [f"wrap_up:{mid}:2026-12-01:{HUGO}", f"wrap_up:{mid}:2026-12-01:{KEMI}",
                    f"wrap_up:{mid}:2027-03-01:{HUGO}", f"wrap_up:{mid}:2027-03-01:{KEMI}"]
    clock.now = utc(2027, 2, 24, 12, 5)
    tick(stack.deps, stack.app.client, clock.now)  # the prompts just sent get their reminders queued
    assert {r.kind for r in rows(stack, mentorship_id=mid, status="pending")} == {"checkin", "wrap_up"}

    # Hugo wraps up from /mentor end, with a note that tries to ping the channel.
    homes_before = {p: homes(stack, p) for p in (HUGO, KEMI)}
    assert stack.driver.command(HUGO, "/mentor", "end").status == 200
    listing = wait_ephemeral(stack, HUGO, "Wrap up a mentorship")
    click(stack, HUGO, "mentorship_wrap_up", message=listing)
    view = wait_modal(stack, HUGO, "mentorship_wrap_up")
    response = stack.driver.view_submission(HUGO, view, {"note": {"value": "Thank you <!channel> & good luck"},
                                                         "reason": {"value": "Goals reached"}})
    assert response.slack_errors == [] and response.body == ""
    for person, other in ((KEMI, HUGO), (HUGO, KEMI)):
        closing = text_of(wait_dm(stack, person, "door stays open"))
        assert f"mentorship with <@{other}> has ended" in closing and "Goals reached" in closing
        assert "Thank you &lt;!channel&gt; &amp; good luck" in closing and "<!channel>" not in closing
        assert stack.slack.wait_for(lambda p=person: homes(stack, p) > homes_before[p])
    m = mentorship(stack, mid)
    assert m.status == "ended" and m.ended_at is not None
    assert rows(stack, mentorship_id=mid, status="pending") == []
    assert {r.kind for r in rows(stack, mentorship_id=mid, status="cancelled")} >= {"checkin", "wrap_up"}
    assert "Hugo Martin" in text_of(find(stack, LENA, "python"))  # the slot is free again


def test_strangers_and_ended_pairs_are_refused(demo_stack):
    stack = demo_stack
    mid = pair(stack)
    for action in ("mentorship_extend", "mentorship_wrap_up"):
        click(stack, LENA, action, value=f"{mid}:2026-12-01")  # forged: Lena is not of the pair
        wait_ephemeral(stack, LENA, "isn't one of yours")
    click(stack, HUGO, "mentorship_extend", value="not-a-number")
    wait_ephemeral(stack, HUGO, "isn't one of yours")
    assert stack.slack.open_views_for(LENA) == []
    assert mentorship(stack, mid).duration_months == 6 and mentorship(stack, mid).status == "active"

    # Kemi's modal is open when Hugo ends the mentorship; her submit is refused and changes nothing.
    click(stack, KEMI, "mentorship_wrap_up", value=str(mid))
    kemi_view = wait_modal(stack, KEMI, "mentorship_wrap_up")
    click(stack, HUGO, "mentorship_wrap_up", value=str(mid))
    hugo_view = wait_modal(stack, HUGO, "mentorship_wrap_up")
    assert stack.driver.view_submission(HUGO, hugo_view, {}).body == ""
    ended_at = mentorship(stack, mid).ended_at
    refused = stack.driver.view_submission(KEMI, kemi_view, {"note": {"value": "thanks"}})
    assert "no longer active" in refused.body
    assert mentorship(stack, mid).ended_at == ended_at
    assert "You have no active mentorships" in text_of(_ask_end(stack, KEMI))


def _ask_end(stack, user):
    assert stack.driver.command(user, "/mentor", "end").status == 200
    return wait_ephemeral(stack, user, "mentorships")
