"""Agreement changes and the mid-point review: open the change modal, confirm or keep a proposal, keep going.
Values are attacker-controlled: bot.features.agreement checks the clicker against the active pair."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features import agreement
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack.blocks import agreement as blocks
from bot.slack.delivery import send
from handlers.replies import open_or_refuse, refuse


def register(app: App, deps: Deps) -> None:
    @app.action(blocks.CHANGE_OPEN)
    def open_change(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = agreement.change_view(deps, body["user"]["id"], action.get("value"))
        open_or_refuse(client, body, respond, view, blocks.refused())

    def answer(accept: bool):
        def handle(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
            ack()
            done = agreement.decide(deps, body["user"]["id"], action.get("value"), accept)
            if done.theirs is None:
                refuse(respond, done.mine)
                return
            respond(replace_original=True, **done.mine)
            send(deps.engine, client, done.other_id, **done.theirs)
            for person in done.pair:
                publish_home(deps, client, person)
        return handle

    app.action(blocks.CONFIRM)(answer(True))
    app.action(blocks.KEEP)(answer(False))

    @app.action(blocks.MID_KEEP)
    def keep_going(ack: Ack, body: dict, action: dict, respond: Respond):
        ack()
        reply = agreement.keep_going(deps, body["user"]["id"], action.get("value"))
        if reply is None:
            refuse(respond, blocks.refused())
            return
        respond(replace_original=True, **reply)
