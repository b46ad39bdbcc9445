"""Outbox queries for the drain."""

from datetime import datetime

from sqlmodel import Session, select

from storage.models import ScheduledMessage


def due_rows(session: Session, now: datetime, limit: int) -> list[ScheduledMessage]:
    return list(session.exec(
        select(ScheduledMessage)
        .where(ScheduledMessage.status == "pending", ScheduledMessage.due_at <= now)
        .order_by(ScheduledMessage.due_at, ScheduledMessage.id)
        .limit(limit)
    ).all())


def mark_sent(session: Session, row: ScheduledMessage, ts: str, now: datetime) -> None:
    row.status, row.slack_ts, row.sent_at = "sent", ts, now
    row.attempts += 1
    session.add(row)


def mark_cancelled(session: Session, row: ScheduledMessage) -> None:
    row.status = "cancelled"
    session.add(row)
