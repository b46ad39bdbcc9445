"""Slash commands: one module per feature, each with register(app, deps), wired in MODULES order.
`/mentor` subcommands register themselves with handlers.commands.mentor.subcommand; import them here."""

from slack_bolt import App

from bot.deps import Deps

# Modules imported for their /mentor subcommands (they register with @subcommand on import).
from handlers.commands import availability as _availability  # noqa: F401  /mentor pause, /mentor resume
from handlers.commands import checkins as _checkins  # noqa: F401  /mentor journal, /mentor report
from handlers.commands import ending as _ending  # noqa: F401  /mentor end
from handlers.commands import findmentor, mentor
from handlers.commands import profile as _profile  # noqa: F401  /mentor profile, /mentor goals

MODULES = [findmentor, mentor]


def register(app: App, deps: Deps) -> None:
    for module in MODULES:
        module.register(app, deps)
