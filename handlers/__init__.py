"""Bolt listeners, grouped by Slack surface. Each group has register(app, deps); this module only wires them."""

from slack_bolt import App

from bot.features.deps import Deps
from handlers import actions, commands, events, middleware, views


def register(app: App, deps: Deps) -> None:
    middleware.register(app, deps)
    commands.register(app, deps)
    actions.register(app, deps)
    views.register(app, deps)
    events.register(app, deps)
