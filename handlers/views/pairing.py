"""Confirming (or adjusting) the mentoring agreement."""

from slack_bolt import App

from bot.features.deps import Deps
from bot.features.pairing import after_agreement, submit_agreement
from bot.slack import ids
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    register_form(app, ids.AGREEMENT_SUBMIT, lambda user, view: submit_agreement(deps, user, view),
                  lambda client, _user, _view, done: after_agreement(deps, client, done))
