"""Submitting the program modal (create or edit)."""

from slack_bolt import App

from bot.features.deps import Deps
from bot.features.home import publish_home
from bot.features.programs import submit_program
from bot.slack import ids
from bot.slack.delivery import send
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    def deliver(client, user_id, _view, saved):
        send(deps.engine, client, user_id, **saved.message)
        for admin in saved.admins:
            publish_home(deps, client, admin)

    register_form(app, ids.PROGRAM_CALLBACK, lambda user, view: submit_program(deps, app.client, user, view), deliver)
