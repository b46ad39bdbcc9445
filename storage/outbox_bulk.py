"""Writing many outbox rows at once, for sweeps that plan thousands per pass.

INSERT ... ON CONFLICT (idempotency_key) DO NOTHING on both PostgreSQL and SQLite: a row whose key exists is
skipped by the database itself, so two workers sweeping at once cannot fail each other's transaction, and no
SELECT per key is needed. Same semantics as storage.outbox.enqueue, in bulk."""

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from storage.models import ScheduledMessage
from storage.models._common import utcnow

CHUNK = 1000


def enqueue_many(session: Session, rows: list[dict]) -> int:
    """rows: dicts with kind, recipient_id, due_at, idempotency_key, payload, mentorship_id.
    Returns how many were new."""
    if not rows:
        return 0
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = dialect.insert(ScheduledMessage.__table__).on_conflict_do_nothing(index_elements=["idempotency_key"])
    now = utcnow()
    written = 0
    for i in range(0, len(rows), CHUNK):
        values = [{"status": "pending", "attempts": 0, "slack_ts": "", "last_error": "", "created_at": now,
                   "payload": {}, "mentorship_id": None, "lease_until": None, "sent_at": None, **row}
                  for row in rows[i:i + CHUNK]]
        result = session.execute(statement, values)  # executemany: compiled once, not per row
        written += max(result.rowcount, 0)
    return written
