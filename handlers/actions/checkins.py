"""Check-in prompt buttons: Met / Didn't meet / Reschedule record an answer; Add notes opens the notes modal.
Button values are attacker-controlled: bot.features.checkins checks the clicker is one of the pair."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features import sessions
from bot.features.checkins import notes_view, record_click
from bot.features.deps import Deps
from bot.slack.blocks import checkins as blocks
from handlers.replies import open_or_refuse, refuse, show


def register(app: App, deps: Deps) -> None:
    def answer(ack: Ack, body: dict, action: dict, respond: Respond, client: WebClient):
        ack()
        reply = record_click(deps.engine, body["user"]["id"], action.get("value"),
                             blocks.OUTCOME_OF_ACTION[action["action_id"]])
        if reply is None:
            refuse(respond, blocks.refused())
            return
        respond(replace_original=True, **reply)
        if action["action_id"] == blocks.ACTION_RESCHEDULE:  # and pick the new time right away
            view = sessions.move_view(deps, body["user"]["id"], action.get("value"))
            if view is not None:
                show(client, body, view)

    for action_id in blocks.OUTCOME_OF_ACTION:
        app.action(action_id)(answer)

    @app.action(blocks.ACTION_NOTES)
    def add_notes(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = notes_view(deps.engine, body["user"]["id"], action.get("value"))
        open_or_refuse(client, body, respond, view, blocks.refused())
