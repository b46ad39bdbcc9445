"""Issue 15, class 5: after a mentorship ends, each person keeps only what they wrote. `/mentor journal` used to
show the former mentor the mentee's notes (Goals & journal already refused); both now read storage's one rule."""

from tests.content_helpers import bot_dms
from tests.features.test_checkins import _pair_with_prompts
from tests.pairing_helpers import choose, click, text_of, wait_modal

MENTOR_NOTE, MENTEE_NOTE = "Mentor's private reflection", "Mentee's honest worry about the team"


def journal_text(stack, user) -> str:
    before = len(stack.slack.ephemerals_to(user))
    assert stack.driver.command(user, "/mentor", "journal").status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
    return text_of(stack.slack.ephemerals_to(user)[-1])


def test_after_the_end_each_keeps_only_their_own_notes(stack, clock):
    mid, mentor_prompt, mentee_prompt = _pair_with_prompts(stack, clock)
    for user, prompt, note in (("UMENTOR", mentor_prompt, MENTOR_NOTE), ("UMENTEE", mentee_prompt, MENTEE_NOTE)):
        assert stack.driver.message_im(user, note, thread_ts=prompt["ts"]).status == 200
        assert stack.slack.wait_for(lambda u=user: any(m.get("thread_ts") for m in bot_dms(stack, u)), timeout=10)
    for user in ("UMENTOR", "UMENTEE"):  # while active, the pair shares one journal
        seen = journal_text(stack, user)
        assert MENTOR_NOTE in seen and MENTEE_NOTE in seen

    click(stack, "UMENTEE", "mentorship_wrap_up", value=str(mid))
    view = wait_modal(stack, "UMENTEE", "mentorship_wrap_up")
    assert stack.driver.view_submission("UMENTEE", view, choose(view, "reason", "time")).body == ""

    mentor_sees, mentee_sees = journal_text(stack, "UMENTOR"), journal_text(stack, "UMENTEE")
    assert MENTOR_NOTE in mentor_sees and MENTEE_NOTE not in mentor_sees
    assert MENTEE_NOTE in mentee_sees and MENTOR_NOTE not in mentee_sees
