"""What every listener needs, passed to each handler group's register(app, deps)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from bot.config import Settings


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Deps:
    engine: Engine
    settings: Settings
    # Time is injected so tests and `mentorbot tick --now` can play any instant.
    clock: Callable[[], datetime] = field(default=system_clock)
