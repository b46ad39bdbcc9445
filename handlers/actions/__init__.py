"""Actions listeners: one module per feature, each with register(app, deps), wired in MODULES order."""

from slack_bolt import App

from bot.features.deps import Deps
from handlers.actions import (
    agenda,
    agreement,
    checkins,
    ending,
    escalation,
    findmentor,
    home,
    intro,
    pairing,
    programs,
    pulse,
    report,
    resources,
    rounds,
    sessions,
    snooze,
)

MODULES = [home, findmentor, intro, pairing, checkins, ending, programs, rounds, sessions, agreement, agenda, snooze,
           resources, pulse, escalation, report]


def register(app: App, deps: Deps) -> None:
    for module in MODULES:
        module.register(app, deps)
