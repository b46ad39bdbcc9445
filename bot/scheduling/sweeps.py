"""Sweep registry: each feature registers a function that writes its next outbox rows (idempotently)."""

import importlib
from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from bot.deps import Deps

# (deps, session, now) -> number of rows written. Must be idempotent: use stable idempotency keys.
Sweep = Callable[[Deps, Session, datetime], int]

SWEEPS: dict[str, Sweep] = {}

# Modules that register sweeps when imported. Each feature adds its module here.
SWEEP_MODULES: list[str] = ["bot.checkins", "bot.goal_nudges", "bot.ending"]


def sweep(name: str):
    def decorate(fn: Sweep) -> Sweep:
        SWEEPS[name] = fn
        return fn
    return decorate


def all_sweeps() -> dict[str, Sweep]:
    for name in SWEEP_MODULES:
        importlib.import_module(name)
    return dict(SWEEPS)
