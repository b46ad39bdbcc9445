""""Not right now" through HTTP, the drain and injected time: the mentor picks when to be asked again; the request
comes back to them then (and can be accepted), unlike a decline; not if the mentee found a mentor meanwhile."""

from datetime import timedelta

from tests.content_helpers import rows, run_until
from tests.features.test_intro_pairing import AMARA, CHEN, INES, LENA, mentorships, requests
from tests.pairing_helpers import click, request_intro, text_of, wait_dm, wait_modal


def answer_not_now(stack, mentor: str, weeks: str) -> None:
    dm = wait_dm(stack, mentor, "Accept")
    click(stack, mentor, "intro_not_now", message=dm)
    view = wait_modal(stack, mentor, "intro_decline_submit")
    choice = next(b for b in view["blocks"] if b.get("block_id") == "ask_again")["element"]
    picked = next(o for o in choice["options"] if o["value"] == weeks)
    values = {"ask_again": {"choice": {"type": "static_select", "selected_option": picked}}}
    assert stack.driver.view_submission(mentor, view, values).body == ""


def test_not_right_now_comes_back_after_the_chosen_weeks(demo_stack):
    stack, clock = demo_stack, demo_stack.deps.clock
    request_intro(stack, INES, "machine learning", "Chen Wei")
    answer_not_now(stack, CHEN, "2")
    assert "maybe another time" in text_of(wait_dm(stack, INES, "maybe another time"))
    again = rows(stack, kind="intro_ask_again")
    assert len(again) == 1 and again[0].due_at.replace(tzinfo=clock.now.tzinfo) == clock.now + timedelta(weeks=2)
    # Lena's request to Amara is declined: it never comes back.
    request_intro(stack, LENA, "python", "Amara Okafor")
    dm = wait_dm(stack, AMARA, "Accept")
    click(stack, AMARA, "intro_decline", message=dm)
    assert stack.driver.view_submission(AMARA, wait_modal(stack, AMARA, "intro_decline_submit"), {}).body == ""

    before = len(list(stack.slack.messages_in(stack.slack.dm_channel(CHEN))))
    run_until(stack, clock, clock.now + timedelta(days=13))
    assert len(stack.slack.messages_in(stack.slack.dm_channel(CHEN))) == before  # not before the two weeks
    run_until(stack, clock, clock.now + timedelta(days=3))
    back = wait_dm(stack, CHEN, "bring their")
    assert "Is now a better time?" in text_of(back) and "Accept" in text_of(back)
    by_mentor = {r.mentor_id: r for r in requests(stack)}
    assert by_mentor[CHEN].status == "pending" and by_mentor[AMARA].status == "declined"
    assert rows(stack, kind="intro_ask_again")[0].status == "sent"
    click(stack, CHEN, "intro_accept", message=back)
    assert stack.slack.wait_for(lambda: len(mentorships(stack)) == 1, timeout=10)
    assert mentorships(stack)[0].mentor_id == CHEN


def test_not_right_now_stays_quiet_when_the_mentee_found_a_mentor(demo_stack):
    stack, clock = demo_stack, demo_stack.deps.clock
    request_intro(stack, INES, "machine learning", "Chen Wei")
    answer_not_now(stack, CHEN, "4")
    request_intro(stack, INES, "python", "Amara Okafor")
    click(stack, AMARA, "intro_accept", message=wait_dm(stack, AMARA, "Accept"))
    assert stack.slack.wait_for(lambda: len(mentorships(stack)) == 1, timeout=10)
    run_until(stack, clock, clock.now + timedelta(weeks=5))
    assert rows(stack, kind="intro_ask_again")[0].status == "cancelled"
    assert not any("bring their" in text_of(m) for m in stack.slack.messages_in(stack.slack.dm_channel(CHEN)))
    assert next(r for r in requests(stack) if r.mentor_id == CHEN).status == "not_now"
