"""Writing to the outbox (ScheduledMessage). Draining it is the scheduler's job."""

import json
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ARRAY, JSON, DateTime, Integer, String, Text, bindparam, cast, func, literal
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from bot.domain import kinds
from storage.checkins import existing_keys
from storage.db import is_sqlite
from storage.models import ScheduledMessage
from storage.models._common import utcnow

ENQUEUE_CHUNK = 1000  # rows per INSERT statement: 14 parameters a row stays under SQLite's 32766 limit


class UnknownKind(ValueError):
    """A row of a kind the outbox cannot render (not named in bot/domain/kinds.py): refused before it is written."""


def check_kind(kind: str) -> None:
    if not kinds.is_known(kind):
        raise UnknownKind(f"unknown outbox kind {kind!r}: name it in bot/domain/kinds.py and bot/outbox/kinds.py")


def enqueue(session: Session, *, kind: str, recipient_id: str, due_at: datetime, idempotency_key: str,
            payload: dict | None = None, mentorship_id: int | None = None) -> ScheduledMessage:
    """Insert a row unless one with the same idempotency key exists: writing the same reminder twice is a no-op.
    Returns the row that holds the key (new or existing)."""
    check_kind(kind)
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
    mentorship_id. INSERT ... ON CONFLICT (idempotency_key) DO NOTHING, so keys already written (or repeated in
    `rows`) are skipped, as with enqueue(). Returns how many rows were new."""
    rows = list(rows)
    if not rows:
        return 0
    for kind in {r["kind"] for r in rows}:
        check_kind(kind)
    if is_sqlite(session.get_bind()):
        return _enqueue_many_sqlite(session, rows)
    return sum(_enqueue_many_postgres(session, rows[i:i + PG_CHUNK]) for i in range(0, len(rows), PG_CHUNK))


def enqueue_new(session: Session, rows: Iterable[dict]) -> int:
    """enqueue_many for the sweeps, which plan the same rows again at every tick: the keys already written are
    looked up first (one SELECT per chunk), so a sweep in its steady state reads instead of sending thousands of
    inserts that would conflict. Returns how many rows were new."""
    rows = list(rows)
    have = existing_keys(session, [r["idempotency_key"] for r in rows])
    return enqueue_many(session, [r for r in rows if r["idempotency_key"] not in have])


_TABLE = ScheduledMessage.__table__
_NEW_ROW = {"status": "pending", "attempts": 0, "slack_ts": "", "last_error": ""}
# RETURNING counts the rows really inserted (rowcount is not reliable for batched inserts on every driver).
_SQLITE_INSERT = (sqlite.insert(_TABLE).on_conflict_do_nothing(index_elements=["idempotency_key"])
                  .returning(_TABLE.c.id).execution_options(insertmanyvalues_page_size=ENQUEUE_CHUNK))


def _enqueue_many_sqlite(session: Session, rows: list[dict]) -> int:
    """Multi-row VALUES statements of ENQUEUE_CHUNK rows (SQLAlchemy's insertmanyvalues)."""
    now = utcnow()
    values = [{"kind": r["kind"], "recipient_id": r["recipient_id"], "due_at": r["due_at"],
               "idempotency_key": r["idempotency_key"], "payload": r.get("payload") or {},
               "mentorship_id": r.get("mentorship_id"), "lease_until": None, "created_at": now, "sent_at": None,
               "deferred_from": None, **_NEW_ROW} for r in rows]
    return len(session.connection().execute(_SQLITE_INSERT, values).all())


PG_CHUNK = 10_000
_UNNEST = func.unnest(
    bindparam("kinds", type_=ARRAY(String)), bindparam("recipients", type_=ARRAY(String)),
    bindparam("dues", type_=ARRAY(DateTime(timezone=True))), bindparam("keys", type_=ARRAY(String)),
    bindparam("payloads", type_=ARRAY(Text)), bindparam("mentorships", type_=ARRAY(Integer)),
).table_valued("kind", "recipient_id", "due_at", "idempotency_key", "payload", "mentorship_id").render_derived("t")
# PostgreSQL: one INSERT ... SELECT FROM unnest(arrays) per chunk: six array parameters instead of one parameter
# per value, which psycopg would otherwise re-parse for every multi-row statement.
_PG_INSERT = (postgresql.insert(_TABLE).from_select(
    ["kind", "recipient_id", "due_at", "idempotency_key", "payload", "mentorship_id", *_NEW_ROW, "created_at"],
    sa_select(_UNNEST.c.kind, _UNNEST.c.recipient_id, _UNNEST.c.due_at, _UNNEST.c.idempotency_key,
              cast(_UNNEST.c.payload, JSON), _UNNEST.c.mentorship_id, *(literal(v) for v in _NEW_ROW.values()),
              bindparam("now", type_=DateTime(timezone=True))))
    .on_conflict_do_nothing(index_elements=["idempotency_key"]).returning(_TABLE.c.id))


def _enqueue_many_postgres(session: Session, rows: list[dict]) -> int:
    params = {"kinds": [r["kind"] for r in rows], "recipients": [r["recipient_id"] for r in rows],
              "dues": [r["due_at"] for r in rows], "keys": [r["idempotency_key"] for r in rows],
              "payloads": [json.dumps(r.get("payload") or {}) for r in rows],
              "mentorships": [r.get("mentorship_id") for r in rows], "now": utcnow()}
    return len(session.connection().execute(_PG_INSERT, params).all())


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


def superseded(session: Session, row: ScheduledMessage, now: datetime) -> bool:
    """Whether a later row of the same series (same kind and key prefix, recipient and mentorship) is already
    due, whatever its status: then this one is stale (e.g. last week's check-in prompt after an outage) and is
    cancelled rather than sent. The key prefix keeps a prompt's own reminder (`checkin-reminder:`) apart."""
    prefix = row.idempotency_key.split(":", 1)[0] + ":"
    later = select(ScheduledMessage.id).where(
        ScheduledMessage.kind == row.kind, ScheduledMessage.recipient_id == row.recipient_id,
        ScheduledMessage.mentorship_id == row.mentorship_id, ScheduledMessage.id != row.id,
        ScheduledMessage.idempotency_key.startswith(prefix, autoescape=True),
        ScheduledMessage.due_at > row.due_at, ScheduledMessage.due_at <= now,
        ScheduledMessage.status.in_(("pending", "sending", "sent"))).limit(1)
    return session.exec(later).first() is not None
