"""The check-in notes modal: validate, store in the pair's journal, acknowledge in the prompt's thread."""

from slack_bolt import App
from slack_sdk import WebClient

from bot.features.checkins import NoteSaved, save_note
from bot.features.deps import Deps
from bot.slack.blocks import checkins as blocks
from bot.slack.delivery import send
from bot.slack.viewstate import submission_key
from handlers.views.forms import register_form


def _field(view: dict, block_id: str, action_id: str) -> dict:
    return ((view["state"]["values"].get(block_id) or {}).get(action_id) or {})


def register(app: App, deps: Deps) -> None:
    def submit(user_id: str, view: dict) -> NoteSaved:
        note = _field(view, blocks.NOTES_BLOCK, blocks.NOTES_ACTION).get("value") or ""
        picked = _field(view, blocks.OUTCOME_BLOCK, blocks.OUTCOME_ACTION).get("selected_option") or {}
        return save_note(deps.engine, user_id, view.get("private_metadata"), note, str(picked.get("value", "")),
                         once_key=submission_key(view))

    def deliver(client: WebClient, user_id: str, _view: dict, saved: NoteSaved) -> None:
        send(deps.engine, client, user_id, thread_ts=saved.target.prompt_ts or None,
             **blocks.saved_note(saved.target.other_id, saved.target.period, saved.note, saved.outcome))

    register_form(app, blocks.NOTES_CALLBACK, submit, deliver)
