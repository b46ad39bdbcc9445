"""Matching round buttons: the admin's Remove / Approve / Discard on the preview, and each side's Accept / Decline
on a proposal. bot.features.rounds checks every id against the clicker."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features import rounds
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.features.pairing import invite_to_agree
from bot.slack.blocks import rounds as blocks
from bot.slack.delivery import send
from handlers.replies import open_answer, refuse


def register(app: App, deps: Deps) -> None:
    def admin_button(use_case):
        def handler(ack: Ack, body: dict, action: dict, respond: Respond):
            ack()
            respond(replace_original=True, **use_case(deps, body["user"]["id"], action.get("value")))
        return handler

    app.action(blocks.ACTION_REMOVE)(admin_button(rounds.remove_from_slack))
    app.action(blocks.ACTION_APPROVE)(admin_button(rounds.approve_from_slack))
    app.action(blocks.ACTION_DISCARD)(admin_button(rounds.discard_from_slack))

    @app.action(blocks.ACTION_SWAP)
    def open_swap(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        open_answer(client, body, respond, rounds.swap_view(deps, body["user"]["id"], action.get("value")))

    def answer_button(accept: bool):
        def handler(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
            ack()
            user_id = body["user"]["id"]
            outcome = rounds.answer(deps.engine, user_id, action.get("value"), accept, deps.clock())
            if not outcome.other_id:
                refuse(respond, outcome.mine)
                return
            respond(replace_original=True, **outcome.mine)
            if outcome.theirs:
                send(deps.engine, client, outcome.other_id, **outcome.theirs)
            if outcome.mentorship_id:
                invite_to_agree(deps, client, outcome.mentorship_id, both_said_yes=True)
                for person in (user_id, outcome.other_id):
                    publish_home(deps, client, person)
        return handler

    app.action(blocks.ACTION_ACCEPT)(answer_button(True))
    app.action(blocks.ACTION_DECLINE)(answer_button(False))
