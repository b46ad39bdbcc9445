"""Outbox queries for the drain: claiming due rows under a lease, and every state change a row goes through.

A row's life: pending -> (claim) sending -> sent | cancelled | failed, or back to pending (retry, rate limit,
lease expired). A claimed row is identified by (id, status 'sending', lease_until): the lease deadline doubles as
the claim's token, so a worker whose lease was taken over changes nothing.
"""

from datetime import datetime

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import configure_mappers
from sqlmodel import Session

from bot.domain.timekeeping import as_utc
from storage.db import is_sqlite
from storage.models import Person, Profile, ScheduledMessage

SM = ScheduledMessage.__table__
# lock_claimed's snapshots skip the ORM's constructor, which is what would otherwise configure the mappers on first
# use: without this, reading a snapshot's attribute in a fresh worker process fails (AttributeError).
configure_mappers()


def reclaim_expired(session: Session, now: datetime) -> int:
    """Rows whose worker died (lease passed) go back to pending. Also the claim's first statement: on SQLite an
    UPDATE takes the write lock, so the select-then-mark that follows is atomic against other writers."""
    result = session.connection().execute(
        update(SM).where(SM.c.status == "sending", SM.c.lease_until < now)
        .values(status="pending", lease_until=None))
    return result.rowcount or 0


def select_due(session: Session, now: datetime, limit: int) -> list[tuple[int, str]]:
    """(id, recipient_id) of due pending rows, oldest first. On PostgreSQL the rows are locked and rows other
    workers hold are skipped (FOR UPDATE SKIP LOCKED); SQLite has one writer at a time, so no lock is needed."""
    query = (select(SM.c.id, SM.c.recipient_id)
             .where(SM.c.status == "pending", SM.c.due_at <= now)
             .order_by(SM.c.due_at, SM.c.id).limit(limit))
    if not is_sqlite(session.get_bind()):
        query = query.with_for_update(skip_locked=True)
    return [(row.id, row.recipient_id) for row in session.connection().execute(query)]


def recipients(session: Session, slack_ids: set[str]) -> dict[str, tuple]:
    """slack_id -> (Slack tz, profile tz override, paused_until, active, kept DM channel, working hours text,
    work days text) for the given people."""
    if not slack_ids:
        return {}
    person, profile = Person.__table__, Profile.__table__
    query = (select(person.c.slack_id, person.c.tz, profile.c.timezone, person.c.paused_until, person.c.active,
                    person.c.dm_channel_id, profile.c.work_hours, profile.c.work_days)
             .select_from(person.outerjoin(profile, profile.c.person_id == person.c.slack_id))
             .where(person.c.slack_id.in_(slack_ids)))
    return {r.slack_id: (r.tz, r.timezone or "", r.paused_until, r.active, r.dm_channel_id, r.work_hours or "",
                         r.work_days or "")
            for r in session.connection().execute(query)}


def mark_claimed(session: Session, ids: list[int], lease_until: datetime) -> None:
    if ids:
        session.connection().execute(
            update(SM).where(SM.c.id.in_(ids))
            .values(status="sending", lease_until=lease_until, attempts=SM.c.attempts + 1))


def defer(session: Session, moves: list[tuple[int, datetime, bool]]) -> None:
    """Re-time pending rows: (id, new due_at, for_pause). A pause remembers the first due time in deferred_from."""
    plain = [{"b_id": i, "b_due": due} for i, due, for_pause in moves if not for_pause]
    paused = [{"b_id": i, "b_due": due} for i, due, for_pause in moves if for_pause]
    conn = session.connection()
    if plain:
        conn.execute(update(SM).where(SM.c.id == bindparam("b_id")).values(due_at=bindparam("b_due")), plain)
    if paused:
        conn.execute(update(SM).where(SM.c.id == bindparam("b_id"))
                     .values(due_at=bindparam("b_due"), deferred_from=func.coalesce(SM.c.deferred_from, SM.c.due_at)),
                     paused)


# The per-row statements are built once (bound parameters): the drain runs them for every message it sends.
_CLAIM_IS_OURS = (SM.c.id == bindparam("c_id")) & (SM.c.status == "sending") & (SM.c.lease_until == bindparam("c_lease"))
_LOCK = select(SM).where(_CLAIM_IS_OURS)
_LOCK_FOR_UPDATE = _LOCK.with_for_update()
_MARK_SENT = update(SM).where(_CLAIM_IS_OURS).values(
    status="sent", lease_until=None, deferred_from=None, slack_ts=bindparam("c_ts"), sent_at=bindparam("c_now"),
    last_error=bindparam("c_note"))
_MARK_CANCELLED = update(SM).where(_CLAIM_IS_OURS).values(status="cancelled", lease_until=None)


def lock_claimed(session: Session, row_id: int, lease_until: datetime) -> ScheduledMessage | None:
    """A snapshot of the row, if this worker still holds its claim (locked on PostgreSQL until the transaction
    ends, so a lease reclaim elsewhere waits for our outcome instead of racing it). The snapshot is not attached
    to the session: the drain owns the row's state and changes it with the conditional updates below."""
    query = _LOCK if is_sqlite(session.get_bind()) else _LOCK_FOR_UPDATE
    found = session.connection().execute(query, {"c_id": row_id, "c_lease": lease_until}).first()
    if found is None:
        return None
    values = dict(found._mapping)
    for key in ("due_at", "lease_until", "created_at", "sent_at", "deferred_from"):
        values[key] = as_utc(values[key])
    # The columns as read, no validation or ORM state: a read-only snapshot for the renderer. This is per row sent;
    # ScheduledMessage(**values) costs ten times as much (about 0.1 ms, an eighth of the drain's own work per row).
    return ScheduledMessage.model_construct(**values)


def mark_sent(session: Session, row_id: int, lease_until: datetime, ts: str, now: datetime, note: str = "") -> bool:
    params = {"c_id": row_id, "c_lease": lease_until, "c_ts": ts, "c_now": now, "c_note": note[:200]}
    return bool(session.connection().execute(_MARK_SENT, params).rowcount)


def mark_cancelled(session: Session, row_id: int, lease_until: datetime) -> bool:
    return bool(session.connection().execute(_MARK_CANCELLED, {"c_id": row_id, "c_lease": lease_until}).rowcount)


def _claimed(row_id: int, lease_until: datetime):
    return (SM.c.id == row_id) & (SM.c.status == "sending") & (SM.c.lease_until == lease_until)


def retry_later(session: Session, row_id: int, lease_until: datetime, due_at: datetime, error: str,
                count_attempt: bool = True) -> bool:
    """Back to pending at due_at. A try that is not the row's fault (rate limit) does not count as an attempt."""
    values = {"status": "pending", "lease_until": None, "due_at": due_at, "last_error": error[:200]}
    if not count_attempt:
        values["attempts"] = SM.c.attempts - 1
    return bool(session.connection().execute(update(SM).where(_claimed(row_id, lease_until)).values(**values))
                .rowcount)


def mark_failed(session: Session, row_id: int, lease_until: datetime | None, error: str) -> bool:
    """Failed for good. lease_until=None fails a pending row (decided at claim time, never sent)."""
    where = _claimed(row_id, lease_until) if lease_until else (SM.c.id == row_id) & (SM.c.status == "pending")
    return bool(session.connection().execute(
        update(SM).where(where).values(status="failed", lease_until=None, last_error=error[:200])).rowcount)


def release(session: Session, ids: list[int], lease_until: datetime, not_before: datetime | None = None) -> int:
    """Give back claimed rows this worker will not try now (the drain stopped): pending again, the claim's attempt
    undone, and not due before `not_before` (e.g. Slack's Retry-After) when given."""
    if not ids:
        return 0
    values = {"status": "pending", "lease_until": None, "attempts": SM.c.attempts - 1}
    if not_before is not None:
        values["due_at"] = func.max(SM.c.due_at, not_before) if is_sqlite(session.get_bind()) \
            else func.greatest(SM.c.due_at, not_before)
    return session.connection().execute(
        update(SM).where(SM.c.id.in_(ids), SM.c.status == "sending", SM.c.lease_until == lease_until)
        .values(**values)).rowcount or 0
