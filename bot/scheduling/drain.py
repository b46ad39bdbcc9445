"""Draining the outbox: send every due pending row once and mark it sent with the Slack ts."""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from slack_sdk import WebClient

from bot.delivery import send_outgoing
from bot.deps import Deps
from bot.outbox import renderer_for
from storage.db import session_scope
from storage.scheduling import due_rows, mark_cancelled, mark_sent

log = logging.getLogger(__name__)


@dataclass
class DrainReport:
    sent: int = 0
    cancelled: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def drain(deps: Deps, client: WebClient, now: datetime, batch: int = 100) -> DrainReport:
    report = DrainReport()
    with session_scope(deps.engine) as session:
        rows = due_rows(session, now, batch)
        for row in rows:
            render = renderer_for(row.kind)
            out = render(deps, session, row) if render else None
            if out is None:
                mark_cancelled(session, row)
                report.cancelled += 1
                continue
            _, ts = send_outgoing(client, out)
            mark_sent(session, row, ts, now)
            report.sent += 1
    return report
