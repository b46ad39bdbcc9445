"""The agreement change modal: validate and record the proposal (before the ack), then DM the other person the
proposal with Confirm / Keep as is and tell the proposer it is on its way."""

from slack_bolt import App

from bot.features import agreement
from bot.features.deps import Deps
from bot.slack.blocks import agreement as blocks
from bot.slack.delivery import send
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    def deliver(client, user_id, _view, done) -> None:
        send(deps.engine, client, done.other_id, **done.for_other)
        send(deps.engine, client, user_id, **done.for_me)

    register_form(app, blocks.CHANGE_CALLBACK, lambda user, view: agreement.propose(deps, user, view), deliver)
