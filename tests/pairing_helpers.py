"""Small helpers for the end-to-end intro and pairing tests: act as a person in the local Slack."""

import json

from bot.devkit.demo.scenario import DEMO_CHANNEL
from bot.domain.intro import ONE_LINE


def text_of(message: dict) -> str:
    return json.dumps(message.get("blocks") or [], ensure_ascii=False) + (message.get("text") or "")


def find(stack, user: str, words: str) -> dict:
    before = len(stack.slack.ephemerals_to(user))
    assert stack.driver.command(user, "/findmentor", words, channel_id=DEMO_CHANNEL).status == 200
    assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to(user)) > before, timeout=10)
    return stack.slack.ephemerals_to(user)[-1]


def result_block(message: dict, name: str) -> str:
    """The block_id of the buttons under the result whose section names `name`."""
    blocks = message["blocks"]
    for i, b in enumerate(blocks):
        if b["type"] == "section" and name in b["text"]["text"]:
            return next(later for later in blocks[i + 1:] if later["type"] == "actions")["block_id"]
    raise AssertionError(f"{name} not in the message")


def click(stack, user: str, action_id: str, message: dict | None = None, value: str | None = None,
          view: dict | None = None, block_id: str | None = None):
    response = stack.driver.block_action(user, action_id, value=value, message=message, view=view,
                                         block_id=block_id)
    assert response.status == 200
    return response


def wait_modal(stack, user: str, callback_id: str) -> dict:
    def top():
        views = stack.slack.open_views_for(user)
        return views and views[-1]["callback_id"] == callback_id
    assert stack.slack.wait_for(top, timeout=10), f"no {callback_id} modal for {user}"
    return stack.slack.open_views_for(user)[-1]


def dms(stack, user: str) -> list[dict]:
    channel = stack.slack.dm_channel(user)
    return [m for m in stack.slack.messages_in(channel) if m.get("via") == "api"]


def wait_dm(stack, user: str, needle: str, timeout: float = 10) -> dict:
    assert stack.slack.wait_for(lambda: any(needle in text_of(m) for m in dms(stack, user)), timeout=timeout), \
        f"no DM to {user} containing {needle!r}; got {[m['text'][:80] for m in dms(stack, user)]}"
    return [m for m in dms(stack, user) if needle in text_of(m)][-1]


def wait_ephemeral(stack, user: str, needle: str, timeout: float = 10) -> dict:
    assert stack.slack.wait_for(lambda: any(needle in text_of(m) for m in stack.slack.ephemerals_to(user)),
                                timeout=timeout), \
        f"no ephemeral to {user} with {needle!r}: {[m['text'][:90] for m in stack.slack.ephemerals_to(user)]}"
    return [m for m in stack.slack.ephemerals_to(user) if needle in text_of(m)][-1]


def intro_values(view: dict, text: str | None = None, cadence: str = "biweekly") -> dict:
    """The draft as sent; a mentee without goals writes the one line the draft asks for."""
    draft = next(b for b in view["blocks"] if b.get("block_id") == "message")["element"]["initial_value"]
    draft = draft.replace(ONE_LINE, "building reliable backend services")
    return {"message": {"text": text if text is not None else draft},
            "cadence": {"choice": {"type": "static_select",
                                   "selected_option": {"text": {"type": "plain_text", "text": cadence},
                                                       "value": cadence}}}}


def option(view: dict, block_id: str, value: str) -> dict:
    element = next(b for b in view["blocks"] if b.get("block_id") == block_id)["element"]
    return next(o for o in element["options"] if o["value"] == value)


def choose(view: dict, block_id: str, value: str) -> dict:
    """A submission value for a select or radio input of `view`: {block_id: {"value": <chosen option>}}."""
    element = next(b for b in view["blocks"] if b.get("block_id") == block_id)["element"]
    return {block_id: {"value": {"type": element["type"], "selected_option": option(view, block_id, value)}}}


def agreement_values(view: dict, *, goals: str | None = None, cadence: str = "biweekly", mode: str = "video",
                     duration: str = "6", day: str = "2026-12-08", at: str = "10:00") -> dict:
    initial = next(b for b in view["blocks"] if b.get("block_id") == "goals")["element"]["initial_value"]
    sel = {"type": "static_select"}
    return {
        "goals": {"text": goals if goals is not None else initial},
        "cadence": {"choice": {**sel, "selected_option": option(view, "cadence", cadence)}},
        "mode": {"choice": {**sel, "selected_option": option(view, "mode", mode)}},
        "duration": {"choice": {**sel, "selected_option": option(view, "duration", duration)}},
        "first_date": {"date": {"type": "datepicker", "selected_date": day}},
        "first_time": {"time": {"type": "timepicker", "selected_time": at}},
    }


def request_intro(stack, mentee: str, words: str, mentor_name: str, text: str | None = None) -> dict:
    """find -> Request intro -> submit the draft. Returns the mentor's DM."""
    answer = find(stack, mentee, words)
    click(stack, mentee, "intro_open", message=answer, block_id=result_block(answer, mentor_name))
    view = wait_modal(stack, mentee, "intro_submit")
    response = stack.driver.view_submission(mentee, view, intro_values(view, text))
    assert response.slack_errors == [] and response.body == "", response.body
    return view
