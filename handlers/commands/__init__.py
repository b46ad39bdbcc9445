"""Slash commands: /findmentor, and /mentor with its table of subcommands (handlers/commands/mentor.py)."""

from slack_bolt import App

from bot.features.deps import Deps
from handlers.commands import findmentor, mentor

MODULES = [findmentor, mentor]


def register(app: App, deps: Deps) -> None:
    for module in MODULES:
        module.register(app, deps)
