"""The network intro modal: check (before the ack), then open the group DM and post; the mentor is told in a DM."""

from slack_bolt import App

from bot.features import network
from bot.features.deps import Deps
from bot.slack.blocks import network as blocks
from bot.slack.delivery import send
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    def deliver(client, user_id, _view, intro) -> None:
        send(deps.engine, client, user_id, **network.post_introduction(client, intro))

    register_form(app, blocks.CALLBACK, lambda user, view: network.check(deps, user, view), deliver)
