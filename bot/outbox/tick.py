"""One scheduler pass: run every sweep, then drain what is due. The worker runs this on an interval;
`mentorbot tick --now ...` runs it once as if at that instant."""

from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.outbox.drain import DrainReport, drain
from bot.outbox.kinds import SWEEPS
from storage.db import session_scope


@dataclass
class TickReport:
    written: dict[str, int] = field(default_factory=dict)
    drain: DrainReport = field(default_factory=DrainReport)


def run_sweeps(deps: Deps, now: datetime) -> dict[str, int]:
    written = {}
    for name, fn in SWEEPS.items():
        with session_scope(deps.engine) as session:
            written[name] = fn(deps, session, now)
    return written


def tick(deps: Deps, client: WebClient, now: datetime) -> TickReport:
    return TickReport(written=run_sweeps(deps, now), drain=drain(deps, client, now))
