"""Submitting an intro request, and the mentor's optional kind word when declining."""

from slack_bolt import App

from bot.features.deps import Deps
from bot.features.intro import after_decline, deliver_request, submit_decline, submit_intro
from bot.slack import ids
from handlers.views.forms import register_form


def register(app: App, deps: Deps) -> None:
    register_form(app, ids.INTRO_SUBMIT, lambda user, view: submit_intro(deps, user, view),
                  lambda client, user, _view, sent: deliver_request(deps, client, user, sent))
    register_form(app, ids.INTRO_DECLINE_SUBMIT, lambda user, view: submit_decline(deps, user, view),
                  lambda client, user, _view, done: after_decline(deps, client, user, done))
