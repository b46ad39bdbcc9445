"""The mentor's answer buttons: Accept, Decline, Not right now."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.intro import accept, after_accept, open_decline_modal
from bot.slack import ids
from handlers.replies import open_answer, refuse


def register(app: App, deps: Deps) -> None:
    @app.action(ids.INTRO_ACCEPT)
    def on_accept(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        user_id = body["user"]["id"]
        answer = accept(deps, user_id, action.get("value") or "")
        if answer.reply:
            refuse(respond, answer.reply)
            return
        after_accept(deps, client, user_id, answer, respond)

    def on_no(status: str):
        def handler(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
            ack()
            open_answer(client, body, respond, open_decline_modal(
                deps, body["user"]["id"], action.get("value") or "", status, body.get("container") or {}))
        return handler

    app.action(ids.INTRO_DECLINE)(on_no("declined"))
    app.action(ids.INTRO_NOT_NOW)(on_no("not_now"))
