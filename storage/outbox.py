"""Writing to the outbox (ScheduledMessage). Draining it is the scheduler's job."""

from datetime import datetime

from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from storage.models import ScheduledMessage


def enqueue(session: Session, *, kind: str, recipient_id: str, due_at: datetime, idempotency_key: str,
            payload: dict | None = None, mentorship_id: int | None = None) -> ScheduledMessage:
    """Insert a row unless one with the same idempotency key exists: writing the same reminder twice is a no-op.
    Returns the row that holds the key (new or existing)."""
    existing = session.exec(select(ScheduledMessage).where(ScheduledMessage.idempotency_key == idempotency_key)).first()
    if existing is not None:
        return existing
    row = ScheduledMessage(kind=kind, recipient_id=recipient_id, due_at=due_at, payload=payload or {},
                           idempotency_key=idempotency_key, mentorship_id=mentorship_id)
    session.add(row)
    session.flush()
    return row


def cancel(session: Session, *, idempotency_keys: list[str] | None = None, kind: str | None = None,
           payload_match: dict | None = None) -> int:
    """Cancel pending rows by key, or by kind plus payload fields (e.g. {"intro_request_id": 7})."""
    query = sa_select(ScheduledMessage).where(ScheduledMessage.status == "pending")
    if idempotency_keys is not None:
        query = query.where(ScheduledMessage.idempotency_key.in_(idempotency_keys))
    if kind is not None:
        query = query.where(ScheduledMessage.kind == kind)
    count = 0
    for (row,) in session.execute(query).all():
        if payload_match and any(row.payload.get(k) != v for k, v in payload_match.items()):
            continue
        row.status = "cancelled"
        session.add(row)
        count += 1
    return count
