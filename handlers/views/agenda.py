"""The agenda and action-item modals: validate and save (before the ack), then tell the other person and
republish both Homes."""

from slack_bolt import App

from bot.features import agenda
from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import agenda as blocks
from bot.slack.delivery import send
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    def deliver(client, _user_id, _view, done) -> None:
        send(deps.engine, client, done.notify, **done.note)
        for person in done.pair:
            publish_home(deps, client, person)

    register_form(app, blocks.AGENDA_CALLBACK, lambda user, view: agenda.add_agenda(
        deps, user, view.get("private_metadata"), viewstate.text(view["state"], blocks.TEXT_BLOCK)), deliver)
    register_form(app, blocks.ACTION_CALLBACK, lambda user, view: agenda.add_action(
        deps, user, view.get("private_metadata"), viewstate.text(view["state"], blocks.TEXT_BLOCK),
        viewstate.text(view["state"], blocks.OWNER_BLOCK), viewstate.text(view["state"], blocks.DUE_BLOCK)), deliver)
