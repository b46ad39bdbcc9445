"""Introductions to the mentor's network through HTTP and the local Slack: /mentor introduce opens a drafted intro;
bad picks get field errors; a good one starts a group DM of the three with the intro (escaped) and tells the mentor.
Someone with no mentee is told so."""

from datetime import UTC, datetime

from tests.content_helpers import add_goal, add_pair, add_person
from tests.pairing_helpers import text_of, wait_dm, wait_ephemeral, wait_modal

MENTOR, MENTEE, COLLEAGUE, OTHER = "UNETMENTOR", "UNETMENTEE", "UNETCOLLEAGUE", "UNETOTHER"


def values(mentee_option: dict, colleague: str, note: str) -> dict:
    return {"mentee": {"value": {"type": "static_select", "selected_option": mentee_option}},
            "colleague": {"value": {"type": "users_select", "selected_user": colleague}},
            "note": {"value": note}}


def test_a_mentor_introduces_their_mentee_to_a_colleague(stack):
    for user, name in ((MENTOR, "Mia Mentor"), (MENTEE, "Leo Mentee"), (COLLEAGUE, "Cara Colleague"),
                       (OTHER, "Olaf Other")):
        add_person(stack, user, name, "Europe/Berlin")
    add_pair(stack, MENTOR, MENTEE, "weekly", datetime(2026, 12, 8, 9, tzinfo=UTC))
    add_goal(stack, MENTEE, "Run my first design review", created_at=datetime(2026, 11, 1, tzinfo=UTC))

    assert stack.driver.command(OTHER, "/mentor", "introduce").status == 200
    assert "no active mentee" in text_of(wait_ephemeral(stack, OTHER, "no active mentee"))

    assert stack.driver.command(MENTOR, "/mentor", "introduce").status == 200
    view = wait_modal(stack, MENTOR, "network_intro_submit")
    draft = next(b for b in view["blocks"] if b.get("block_id") == "note")["element"]["initial_value"]
    assert "Leo Mentee" in draft and "Run my first design review" in draft and "Mia Mentor" in draft
    option = next(b for b in view["blocks"] if b.get("block_id") == "mentee")["element"]["options"][0]

    forged = {**option, "value": OTHER}
    bad = stack.driver.view_submission(MENTOR, view, values(forged, MENTOR, "hi"))  # not theirs; themself
    errors = bad.json()["errors"]
    assert set(errors) == {"mentee", "colleague", "note"}
    note = "Leo <!here> is great & curious; Cara runs our design reviews."
    assert stack.driver.view_submission(MENTOR, view, values(option, COLLEAGUE, note)).body == ""
    assert "started a group DM" in text_of(wait_dm(stack, MENTOR, "group DM"))
    group = next(cid for cid, ch in stack.slack.channels.items() if ch.get("is_mpim")
                 and set(ch["members"]) >= {MENTOR, MENTEE, COLLEAGUE})
    posted = stack.slack.messages_in(group)[-1]
    assert "&lt;!here&gt;" in text_of(posted) and "<!here>" not in text_of(posted) and "&amp;" in text_of(posted)
    assert f"<@{MENTOR}> introduces <@{MENTEE}> to <@{COLLEAGUE}>" in text_of(posted)
