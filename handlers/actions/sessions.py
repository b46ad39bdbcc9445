"""Meeting reminder buttons: Reschedule (opens the date-and-time modal) and Cancel session (after Slack's confirm
dialog). Values are attacker-controlled: bot.features.sessions checks the clicker is one of the active pair."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features import sessions
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack.blocks import checkins as checkin_blocks
from bot.slack.blocks import sessions as blocks
from handlers.replies import open_or_refuse, refuse


def register(app: App, deps: Deps) -> None:
    @app.action(checkin_blocks.ACTION_MOVE_SESSION)
    def reschedule(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = sessions.move_view(deps, body["user"]["id"], action.get("value"))
        open_or_refuse(client, body, respond, view, blocks.refused())

    @app.action(checkin_blocks.ACTION_CANCEL_SESSION)
    def cancel(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        outcome = sessions.cancel(deps, body["user"]["id"], action.get("value"))
        refuse(respond, outcome.reply)  # an ephemeral answer under the reminder, either way
        for person in outcome.pair:
            publish_home(deps, client, person)
