"""The wrap-up modal: end the mentorship, say goodbye to both in DMs, republish both Homes. The mentorship id in
private_metadata is attacker-controlled: bot.ending checks the submitter is one of the active pair."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.ending import wrap_up
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import ending as blocks
from bot.slack.delivery import post_dm


def register(app: App, deps: Deps) -> None:
    @app.view(blocks.WRAP_CALLBACK)
    def submit_wrap_up(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id, state = body["user"]["id"], view["state"]
        note, reason = viewstate.text(state, blocks.NOTE_BLOCK), viewstate.text(state, blocks.REASON_BLOCK)
        errors = {}
        if len(note) > blocks.NOTE_LIMIT:
            errors[blocks.NOTE_BLOCK] = f"Keep it under {blocks.NOTE_LIMIT} characters."
        if len(reason) > blocks.REASON_LIMIT:
            errors[blocks.REASON_BLOCK] = f"Keep it under {blocks.REASON_LIMIT} characters."
        if errors:
            ack(response_action="errors", errors=errors)
            return
        outcome = wrap_up(deps.engine, user_id, view.get("private_metadata"), note, reason, deps.clock())
        if not outcome.ok:
            ack(response_action="errors", errors={blocks.NOTE_BLOCK: outcome.mine["text"]})
            return
        ack()
        post_dm(deps.engine, client, user_id, **outcome.mine)
        post_dm(deps.engine, client, outcome.other_id, **outcome.theirs)
        for person in (user_id, outcome.other_id):
            publish_home(deps, client, person)
