"""The intro draft through HTTP: the mentor's "what I'm proud of" (set on their profile) and the mentee's aim and
goals are in the modal's draft; with no goals the draft asks for one line, and sending it unchanged is refused."""

from storage.db import session_scope
from storage.models import Profile
from tests.features.test_intro_pairing import AMARA, INES, LENA, add_goal
from tests.pairing_helpers import click, find, result_block, text_of, wait_dm, wait_modal


def draft_for(stack, mentee: str, words: str, mentor_name: str) -> tuple[dict, str]:
    answer = find(stack, mentee, words)
    click(stack, mentee, "intro_open", message=answer, block_id=result_block(answer, mentor_name))
    view = wait_modal(stack, mentee, "intro_submit")
    return view, next(b for b in view["blocks"] if b.get("block_id") == "message")["element"]["initial_value"]


def test_the_draft_has_the_mentors_project_and_the_mentees_aim(demo_stack):
    stack = demo_stack
    with session_scope(stack.engine) as s:
        s.get(Profile, INES).career_aspiration = "ML engineer within two years"
    add_goal(stack, INES, "Ship my first model to production")
    _, draft = draft_for(stack, INES, "python", "Amara Okafor")
    assert "particularly your work on moving the payments platform to event sourcing without downtime." in draft
    assert "where I want to go: ML engineer within two years." in draft
    assert "particularly interested in Ship my first model to production" in draft
    assert "I look forward to the possibility of learning from you." in draft


def test_with_no_goals_the_draft_asks_for_one_line(demo_stack):
    stack = demo_stack
    view, draft = draft_for(stack, LENA, "python", "Amara Okafor")
    assert "<one line: what you want to develop with a mentor>" in draft and "interested in python" not in draft
    values = {"message": {"text": draft}, "cadence": {"choice": {"type": "static_select", "selected_option": next(
        b for b in view["blocks"] if b.get("block_id") == "cadence")["element"]["initial_option"]}}}
    refused = stack.driver.view_submission(LENA, view, values)
    assert "angle brackets" in refused.body
    values["message"]["text"] = draft.replace("<one line: what you want to develop with a mentor>",
                                              "designing backend services")
    assert stack.driver.view_submission(LENA, view, values).body == ""
    assert "designing backend services" in text_of(wait_dm(stack, AMARA, "asks whether you would mentor them"))
