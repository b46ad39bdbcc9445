"""Agenda and action items through HTTP, the local Slack, the drain and injected time: the mentee adds to the
agenda from the meeting reminder (the mentor is told and sees it on the Home); a check-in records an action item
with owner and due date; the next reminder lists it open; ticking it off removes it everywhere. Only the pair acts."""

from datetime import UTC, datetime

from sqlmodel import Session, select

from storage.models import ActionItem
from tests.content_helpers import add_pair, add_person, bot_dms, run_until
from tests.pairing_helpers import click, text_of, wait_dm, wait_ephemeral, wait_modal

MENTOR, MENTEE, STRANGER = "UAGMENTOR", "UAGMENTEE", "UAGSTRANGER"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def reminder_for(stack, user, day: str) -> dict:
    return next(m for m in bot_dms(stack, user) if m["text"].startswith("Coming up:") and day in m["text"])


def home_text(stack, user) -> str:
    before = stack.slack.home_views.get(user)
    stack.driver.app_home_opened(user)
    assert stack.slack.wait_for(lambda: stack.slack.home_views.get(user) is not before, timeout=10)
    return text_of(stack.slack.home_views[user])


def test_agenda_and_action_items_from_reminder_to_check_in_to_the_next_reminder(stack, clock):
    for user, name in ((MENTOR, "Mia Mentor"), (MENTEE, "Leo Mentee"), (STRANGER, "Sam Stranger")):
        add_person(stack, user, name, "Europe/Berlin")
    mid = add_pair(stack, MENTOR, MENTEE, "weekly", utc(2026, 12, 8, 9, 0))  # Tuesdays 10:00 in Berlin
    clock.now = utc(2026, 12, 7, 8, 0)
    run_until(stack, clock, clock.now)

    # The mentee sets the agenda from their reminder; the mentor's reminder has no such button, and a forged
    # click gets the reason.
    reminder = reminder_for(stack, MENTEE, "Tue 8 Dec")
    assert "Add to the agenda" in text_of(reminder)
    assert "Add to the agenda" not in text_of(reminder_for(stack, MENTOR, "Tue 8 Dec"))
    click(stack, MENTOR, "agenda_add", value=f"{mid}:2026-12-08")
    assert "mentee sets the agenda" in text_of(wait_ephemeral(stack, MENTOR, "mentee sets the agenda"))
    click(stack, MENTEE, "agenda_add", message=reminder)
    view = wait_modal(stack, MENTEE, "agenda_submit")
    assert "Write" in stack.driver.view_submission(MENTEE, view, {"text": {"value": " "}}).body
    assert stack.driver.view_submission(
        MENTEE, view, {"text": {"value": "How do I run a <!channel> design review?"}}).body == ""
    told = wait_dm(stack, MENTOR, "added to the agenda")
    assert "&lt;!channel&gt;" in text_of(told) and "<!channel>" not in text_of(told)
    assert "run a &lt;!channel&gt; design review" in home_text(stack, MENTOR)
    assert "design review" not in home_text(stack, STRANGER)

    # After the session the mentor records an action item for the mentee from the check-in prompt.
    run_until(stack, clock, utc(2026, 12, 8, 11, 0))
    prompt = next(m for m in bot_dms(stack, MENTOR) if m["text"].startswith("Check-in:"))
    click(stack, MENTOR, "action_item_add", message=prompt)
    view = wait_modal(stack, MENTOR, "action_item_submit")
    owner = next(b for b in view["blocks"] if b.get("block_id") == "owner")["element"]["options"][1]
    past = {"text": {"value": "Draft the checklist"}, "owner": {"value": {"type": "static_select",
                                                                          "selected_option": owner}},
            "due": {"value": {"type": "datepicker", "selected_date": "2026-12-01"}}}
    assert "later day" in stack.driver.view_submission(MENTOR, view, past).body
    ok = {**past, "due": {"value": {"type": "datepicker", "selected_date": "2026-12-14"}}}
    assert stack.driver.view_submission(MENTOR, view, ok).body == ""
    assert "Draft the checklist" in text_of(wait_dm(stack, MENTEE, "noted an action item"))

    # The next reminder lists the open item (not last week's agenda); only the pair can tick it off.
    run_until(stack, clock, utc(2026, 12, 14, 8, 30))
    for user in (MENTOR, MENTEE):
        nxt = text_of(reminder_for(stack, user, "Tue 15 Dec"))
        assert "Open action items" in nxt and "Draft the checklist" in nxt and "by Mon 14 Dec" in nxt
        assert "design review" not in nxt
    with Session(stack.engine) as s:
        item = s.exec(select(ActionItem)).one()
    click(stack, STRANGER, "action_item_done", value=str(item.id))
    assert "nothing changed" in text_of(wait_ephemeral(stack, STRANGER, "nothing changed"))
    assert "Draft the checklist" in home_text(stack, MENTEE)
    click(stack, MENTEE, "action_item_done", message=reminder_for(stack, MENTEE, "Tue 15 Dec"),
          value=str(item.id))
    assert "Ticked off" in text_of(wait_ephemeral(stack, MENTEE, "Ticked off"))
    with Session(stack.engine) as s:
        assert s.get(ActionItem, item.id).done_by == MENTEE
    assert "Draft the checklist" not in home_text(stack, MENTOR)
