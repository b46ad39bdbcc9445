"""Writing to the outbox (ScheduledMessage). Draining it is the scheduler's job."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from storage.db import is_sqlite
from storage.models import ScheduledMessage
from storage.models._common import utcnow

ENQUEUE_CHUNK = 1000  # rows per INSERT statement: 14 parameters a row stays under SQLite's 32766 limit


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


def enqueue_many(session: Session, rows: Iterable[dict]) -> int:
    """Bulk enqueue: each dict has kind, recipient_id, due_at, idempotency_key and optionally payload and
    mentorship_id. INSERT ... ON CONFLICT (idempotency_key) DO NOTHING, sent as multi-row statements (SQLAlchemy's
    insertmanyvalues, ENQUEUE_CHUNK rows each), so keys already written are skipped, as with enqueue().
    Returns how many rows were new."""
    insert = sqlite.insert if is_sqlite(session.get_bind()) else postgresql.insert
    table = ScheduledMessage.__table__
    # RETURNING counts the rows really inserted (rowcount is not reliable for batched inserts on every driver).
    statement = (insert(table).on_conflict_do_nothing(index_elements=["idempotency_key"]).returning(table.c.id)
                 .execution_options(insertmanyvalues_page_size=ENQUEUE_CHUNK))
    now = utcnow()
    values = [{
        "kind": row["kind"], "recipient_id": row["recipient_id"], "due_at": row["due_at"],
        "idempotency_key": row["idempotency_key"], "payload": row.get("payload") or {},
        "mentorship_id": row.get("mentorship_id"), "status": "pending", "attempts": 0, "lease_until": None,
        "slack_ts": "", "last_error": "", "created_at": now, "sent_at": None, "deferred_from": None,
    } for row in rows]
    if not values:
        return 0
    return len(session.connection().execute(statement, values).all())


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


REMINDER_SUFFIX = "-reminder"


def reminder_key(prompt_key: str) -> str:
    """The one reminder a prompt may have: `checkin:7:2026-12-07` -> `checkin-reminder:7:2026-12-07`.
    A reminder's own key maps to itself, so a reminder is never reminded."""
    head, sep, rest = prompt_key.partition(":")
    if head.endswith(REMINDER_SUFFIX):
        return prompt_key
    return f"{head}{REMINDER_SUFFIX}{sep}{rest}"


def enqueue_reminder(session: Session, prompt_key: str, *, due_at: datetime, kind: str | None = None,
                     payload: dict | None = None) -> ScheduledMessage | None:
    """Re-send a prompt that is still unanswered, at most once: the reminder's idempotency key is derived from the
    prompt's, so asking again is a no-op. Only a prompt that was actually sent gets a reminder (None otherwise).
    The reminder goes to the same recipient, for the same mentorship, with the prompt's payload plus
    `reminder_of` (the prompt's key) and `prompt_ts` (its Slack ts, e.g. to reply in its thread)."""
    prompt = session.exec(select(ScheduledMessage).where(ScheduledMessage.idempotency_key == prompt_key)).first()
    if prompt is None or prompt.status != "sent":
        return None
    return enqueue(session, kind=kind or prompt.kind, recipient_id=prompt.recipient_id, due_at=due_at,
                   idempotency_key=reminder_key(prompt_key), mentorship_id=prompt.mentorship_id,
                   payload={**prompt.payload, **(payload or {}), "reminder_of": prompt_key,
                            "prompt_ts": prompt.slack_ts})
