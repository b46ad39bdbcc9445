"""What each kind of outbox row becomes when it is due. Features register a renderer per kind;
the scheduler's drain looks the kind up here, so it never needs to know about intros or goals."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import Session

from bot.deps import Deps
from storage.models import ScheduledMessage


@dataclass
class Outgoing:
    """One message to send for a row. channel is a user id (their DM with the bot) or a channel id."""

    channel: str
    text: str
    blocks: list[dict] = field(default_factory=list)
    thread_ts: str | None = None
    ics: bytes | None = None  # a calendar file to attach (meeting reminders)
    ics_name: str = "meeting.ics"


# A renderer may read and write in `session` (the drain's transaction), e.g. to mark an intro request expired.
# It returns the message to send, or None when there is nothing to send any more (the row is cancelled).
# `row` is a snapshot (times UTC-aware) not attached to the session: the drain owns the row's status and ts.
Renderer = Callable[[Deps, Session, ScheduledMessage], Outgoing | None]

RENDERERS: dict[str, Renderer] = {}

# Modules that register renderers when imported. Each feature adds its module here.
RENDERER_MODULES: list[str] = [
    "bot.intro_followups",
    "bot.checkins",
    "bot.goal_nudges",
    "bot.ending",
]


def renderer(kind: str):
    def decorate(fn: Renderer) -> Renderer:
        RENDERERS[kind] = fn
        return fn
    return decorate


def renderer_for(kind: str) -> Renderer | None:
    for name in RENDERER_MODULES:
        importlib.import_module(name)
    return RENDERERS.get(kind)
