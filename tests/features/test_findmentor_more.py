"""/findmentor's buttons and who is left out, end to end over the 64-person directory."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from storage.models import IntroRequest, Mentorship, Person
from tests.features.test_findmentor_labelled import seed_directory, top_names
from tests.pairing_helpers import click, find, text_of, wait_modal

JONAS = "U0DIR55"  # a junior backend engineer in Berlin


def test_show_more_replaces_the_message_with_the_next_five(stack):
    seed_directory(stack)
    answer = find(stack, JONAS, "python")
    assert "Show more" in text_of(answer) and "1–5 of" in text_of(answer)
    first = top_names(answer, 5)
    click(stack, JONAS, "findmentor_more", message=answer)
    assert stack.slack.wait_for(lambda: "6–" in text_of(next(m for m in stack.slack.messages
                                                             if m["ts"] == answer["ts"])))
    page2 = next(m for m in stack.slack.messages if m["ts"] == answer["ts"])
    second = top_names(page2, 5)
    assert second and not set(first) & set(second) and "*6. " in text_of(page2)


def test_view_profile_opens_the_mentors_profile(stack):
    seed_directory(stack)
    answer = find(stack, JONAS, "public speaking")
    click(stack, JONAS, "profile_view", message=answer, block_id="mentor_1")
    view = wait_modal(stack, JONAS, "")
    assert "Thomas Müller" in text_of(view) and "Conference talks" in text_of(view)


def test_who_is_left_out(stack):
    seed_directory(stack)
    now = stack.deps.clock()
    with Session(stack.engine) as s:
        s.add(Mentorship(mentor_id="U0DIR01", mentee_id=JONAS, status="active"))  # his current mentor
        s.add(IntroRequest(mentee_id=JONAS, mentor_id="U0DIR02", status="declined",
                           answered_at=now - timedelta(days=3)))  # declined him 3 days ago
        s.add(IntroRequest(mentee_id=JONAS, mentor_id="U0DIR05", status="declined",
                           answered_at=now - timedelta(days=45)))  # long ago: may be suggested again
        s.add(IntroRequest(mentee_id=JONAS, mentor_id="U0DIR42", status="pending"))  # he is waiting on Kavya
        s.add(Mentorship(mentor_id="U0DIR09", mentee_id="U0DIR56", status="active"))
        s.add(Mentorship(mentor_id="U0DIR09", mentee_id="U0DIR57", status="proposed"))
        s.add(Mentorship(mentor_id="U0DIR09", mentee_id="U0DIR59", status="paused"))  # Lucy: 3 of 3 taken
        s.get(Person, "U0DIR06").active = False  # Samuel left the company
        s.get(Person, "U0DIR52").paused_until = date(2027, 1, 15)  # Hana is away
        s.commit()
    shown = text_of(find(stack, JONAS, "python"))
    for name in ("Priya Raman", "Tomás Silva", "Lucy Chen", "Samuel Osei", "Hana Sato", "Kavya Iyer"):
        assert name not in shown
    assert "Olivia Brown" in shown
    assert "Kwame" in shown  # role "both" counts as a mentor
    assert datetime(2026, 12, 1, tzinfo=UTC) <= now  # the clock the rules above used


def test_nothing_to_go_on_says_what_to_add(stack):
    seed_directory(stack)
    assert "Adding goals to your profile" in text_of(find(stack, JONAS, ""))
