"""Recommend (a library resource, under a mentor's meeting reminder): an ephemeral answer to the mentor and a DM
to the mentee. The value is attacker-controlled: bot.features.resources checks the clicker is the mentor."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.resources import recommend
from bot.slack.blocks import resources as blocks
from bot.slack.delivery import send
from handlers.replies import refuse


def register(app: App, deps: Deps) -> None:
    @app.action(blocks.RECOMMEND)
    def recommend_clicked(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        done = recommend(deps, body["user"]["id"], action.get("value"))
        refuse(respond, done.mine)
        if done.theirs is not None:
            send(deps.engine, client, done.mentee_id, **done.theirs)
