"""Slash commands: one module per feature, each with register(app, deps), wired in MODULES order.
`/mentor` subcommands register themselves with handlers.commands.mentor.subcommand; import them here."""

from slack_bolt import App

from bot.deps import Deps
from handlers.commands import availability, findmentor, mentor  # noqa: F401  (availability: /mentor subcommands)

MODULES = [findmentor, mentor]


def register(app: App, deps: Deps) -> None:
    for module in MODULES:
        module.register(app, deps)
