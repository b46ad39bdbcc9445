"""Agenda and action-item buttons: Add to the agenda (meeting reminder), Action item (check-in prompt), Done (a
reminder or the App Home). Values are attacker-controlled: bot.features.agenda checks the clicker."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features import agenda
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack.blocks import agenda as blocks
from bot.slack.delivery import send
from handlers.replies import open_or_refuse, refuse


def _in_message(body: dict) -> bool:
    return (body.get("container") or {}).get("type") == "message"


def register(app: App, deps: Deps) -> None:
    @app.action(blocks.ADD_AGENDA)
    def add_agenda(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = agenda.agenda_view(deps, body["user"]["id"], action.get("value"))
        if view is not None and view.get("type") != "modal":
            refuse(respond, view)  # the mentor: why only the mentee adds to it
            return
        open_or_refuse(client, body, respond, view, blocks.refused())

    @app.action(blocks.ADD_ACTION)
    def add_action(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = agenda.action_view(deps, body["user"]["id"], action.get("value"))
        open_or_refuse(client, body, respond, view, blocks.refused())

    @app.action(blocks.DONE)
    def done(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        user_id = body["user"]["id"]
        outcome = agenda.tick(deps, user_id, action.get("value"))
        if _in_message(body):
            refuse(respond, outcome.reply)  # an ephemeral answer under the message
        elif not outcome.pair:
            send(deps.engine, client, user_id, **outcome.reply)  # the Home has no place for an answer
        for person in outcome.pair:
            publish_home(deps, client, person)
