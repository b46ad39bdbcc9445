"""Ending well end to end: the wrap-up prompt when the agreed months are up, Extend 3 months, Wrap up (modal,
closing DMs, freed slot, cancelled rows, Homes), and strangers refused."""

from datetime import UTC, datetime

from sqlmodel import Session, select

from bot.features.ending import agreed_end
from bot.outbox.tick import tick
from storage.db import session_scope
from storage.models import ExitSurvey, Mentorship
from tests.content_helpers import rows, run_until
from tests.pairing_helpers import choose, click, dms, find, text_of, wait_dm, wait_ephemeral, wait_modal

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
                                                         **choose(view, "reason", "goals")})
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
    assert stack.driver.view_submission(HUGO, hugo_view, choose(hugo_view, "reason", "fit")).body == ""
    ended_at = mentorship(stack, mid).ended_at
    refused = stack.driver.view_submission(KEMI, kemi_view, {"note": {"value": "thanks"},
                                                             **choose(kemi_view, "reason", "goals")})
    assert "no longer active" in refused.body
    assert mentorship(stack, mid).ended_at == ended_at
    assert "You have no active mentorships" in text_of(_ask_end(stack, KEMI))


def _ask_end(stack, user):
    assert stack.driver.command(user, "/mentor", "end").status == 200
    return wait_ephemeral(stack, user, "mentorships")


def surveys(stack) -> dict[str, tuple[int, str, str]]:
    with Session(stack.engine) as s:
        return {e.person_id: (e.overall, e.goals_achieved, e.again) for e in s.exec(select(ExitSurvey)).all()}


def test_wrap_up_keeps_reason_thank_you_and_private_surveys_and_invites_a_mentee_to_mentor(demo_stack):
    stack = demo_stack
    mid = pair(stack)
    click(stack, KEMI, "mentorship_wrap_up", value=str(mid))
    view = wait_modal(stack, KEMI, "mentorship_wrap_up")
    assert "Would you mentor someone, or be mentored again?" in text_of(view)
    # A forged reason (not one of the options): a field error, nothing ends.
    bogus = {"type": "static_select", "selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": "x"}}
    forged = stack.driver.view_submission(KEMI, view, {"note": {"value": "x"}, "reason": {"value": bogus}})
    assert "Choose why" in forged.json()["errors"]["reason"]
    assert mentorship(stack, mid).status == "active"
    response = stack.driver.view_submission(KEMI, view, {
        "note": {"value": "Thank you Hugo <3"}, **choose(view, "reason", "goals"), **choose(view, "overall", "5"),
        **choose(view, "goals_achieved", "yes"), **choose(view, "again", "yes")})
    assert response.slack_errors == [] and response.body == ""
    m = mentorship(stack, mid)
    assert (m.status, m.end_reason, m.ended_by, m.thank_you) == ("ended", "goals", KEMI, "Thank you Hugo <3")
    assert surveys(stack) == {KEMI: (5, "yes", "yes")}
    kemi_closing = text_of(wait_dm(stack, KEMI, "has ended"))
    assert "Would you mentor someone?" in kemi_closing and "exit_survey_open" not in kemi_closing
    hugo_closing = wait_dm(stack, HUGO, "has ended")
    assert "Thank you Hugo &lt;3" in text_of(hugo_closing) and "Goals reached" in text_of(hugo_closing)
    assert "Would you mentor someone?" not in text_of(hugo_closing)
    assert "5" not in text_of(hugo_closing).split("Their note")[0].split("has ended")[1]  # not Kemi's rating

    # Lena cannot open or submit Hugo's survey; Hugo fills his own.
    click(stack, LENA, "exit_survey_open", value=str(mid))
    wait_ephemeral(stack, LENA, "isn't one of yours")
    click(stack, HUGO, "exit_survey_open", message=hugo_closing)
    survey = wait_modal(stack, HUGO, "exit_survey_submit")
    assert "Would you mentor again?" in text_of(survey) and "Thank you Hugo" not in text_of(survey)
    forged = stack.driver.view_submission(HUGO, {**survey, "private_metadata": "999"}, choose(survey, "overall", "1"))
    assert "isn't one of yours" in forged.json()["errors"]["overall"]
    ok = stack.driver.view_submission(HUGO, survey, {**choose(survey, "overall", "4"),
                                                     **choose(survey, "goals_achieved", "partly")})
    assert ok.slack_errors == [] and ok.body == ""
    wait_dm(stack, HUGO, "your answers are saved")
    assert surveys(stack) == {KEMI: (5, "yes", "yes"), HUGO: (4, "partly", "")}
    assert not any("(4" in text_of(m) or "partly" in text_of(m).lower() for m in dms(stack, KEMI))
