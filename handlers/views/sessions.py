"""The reschedule modal: validate the new date and time, move the session, confirm in the modal. The session in
private_metadata is attacker-controlled: bot.features.sessions checks the submitter is one of the active pair."""

from slack_bolt import App
from slack_sdk import WebClient

from bot.features import sessions
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack.blocks import sessions as blocks
from handlers.views.forms import register_form


def _picked(view: dict, block_id: str, key: str) -> str:
    element = (((view.get("state") or {}).get("values") or {}).get(block_id) or {})
    return str(next(iter(element.values()), {}).get(key) or "")


def register(app: App, deps: Deps) -> None:
    def submit(user_id: str, view: dict) -> sessions.Outcome:
        return sessions.move(deps, user_id, view.get("private_metadata"),
                             _picked(view, blocks.DATE_BLOCK, "selected_date"),
                             _picked(view, blocks.TIME_BLOCK, "selected_time"))

    def deliver(client: WebClient, _user_id: str, _view: dict, outcome: sessions.Outcome) -> None:
        for person in outcome.pair:
            publish_home(deps, client, person)

    register_form(app, blocks.MOVE_CALLBACK, submit, deliver)
