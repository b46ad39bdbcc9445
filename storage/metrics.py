"""Read-only queries behind the Prometheus /metrics endpoint (bot/observability.py). Computed from the outbox at
scrape time, so every process's work counts (web, any number of workers) without sharing memory."""

from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session

from bot.domain.timekeeping import as_utc
from storage.models import ScheduledMessage

SM = ScheduledMessage.__table__
# Rows still to do or done badly; 'sent' and 'cancelled' are history and would make every scrape a full scan.
OPEN_STATUSES = ("pending", "sending", "failed")


def outbox_depth(session: Session) -> list[tuple[str, str, int]]:
    """(kind, status, rows) for open statuses."""
    rows = session.connection().execute(
        select(SM.c.kind, SM.c.status, func.count()).where(SM.c.status.in_(OPEN_STATUSES))
        .group_by(SM.c.kind, SM.c.status)).all()
    return [(k, s, n) for k, s, n in rows]


def send_errors(session: Session) -> list[tuple[str, str, int]]:
    """(error code, status, rows) for rows whose last send failed: 'failed' for good, 'pending' when retrying.
    Codes only (last_error's first word, e.g. user_not_found, ratelimited), never message text."""
    rows = session.connection().execute(
        select(SM.c.last_error, SM.c.status, func.count()).where(SM.c.last_error != "", SM.c.status.in_(OPEN_STATUSES))
        .group_by(SM.c.last_error, SM.c.status)).all()
    merged: dict[tuple[str, str], int] = {}
    for error, status, n in rows:
        key = (error.split(" ")[0][:64], status)
        merged[key] = merged.get(key, 0) + n
    return [(e, s, n) for (e, s), n in merged.items()]


def drain_lag_seconds(session: Session, now: datetime) -> float:
    """How late the oldest due pending row is (0 when nothing is due): a stopped or slow worker shows here. Rows
    outside their recipient's working hours are re-timed by the drain, so they do not count as late."""
    oldest = session.connection().execute(
        select(func.min(SM.c.due_at)).where(SM.c.status == "pending", SM.c.due_at <= now)).scalar()
    return max(0.0, (now - as_utc(oldest)).total_seconds()) if oldest is not None else 0.0
