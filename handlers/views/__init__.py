"""Views listeners: one module per feature, each with register(app, deps), wired in MODULES order."""

from slack_bolt import App

from bot.features.deps import Deps
from handlers.views import (
    agenda,
    agreement,
    checkins,
    ending,
    escalation,
    findmentor,
    goals,
    intro,
    network,
    pairing,
    privacy,
    profile,
    programs,
    pulse,
    rounds,
    sessions,
)

MODULES = [profile, goals, intro, pairing, checkins, ending, programs, privacy, findmentor, sessions, agreement, agenda,
           network, pulse, escalation, rounds]


def register(app: App, deps: Deps) -> None:
    for module in MODULES:
        module.register(app, deps)
