"""SQL for the pair's journey: sessions moved or cancelled off the agreement, and re-planning their queued rows."""

from datetime import datetime

from sqlmodel import Session, select

from bot.domain.sessions import Change, Version
from bot.domain.timekeeping import as_utc
from storage.checkins import CHUNK, one_of
from storage.models import AgreementChange, ScheduledMessage, SessionChange

SESSION_KINDS = ("checkin", "meeting_reminder")  # the rows that hang off one session


def changes_for(session: Session, mentorship_ids: list[int]) -> dict[int, list[Change]]:
    out: dict[int, list[Change]] = {}
    for i in range(0, len(mentorship_ids), CHUNK):
        for row in session.exec(select(SessionChange).where(
                one_of(session, SessionChange.mentorship_id, mentorship_ids[i:i + CHUNK]))).all():
            out.setdefault(row.mentorship_id, []).append(
                Change(as_utc(row.slot_at), as_utc(row.new_at), row.sequence))
    return out


def history_for(session: Session, mentorship_ids: list[int]) -> dict[int, list[Version]]:
    """The earlier rhythms of each agreement, oldest first (one per confirmed change), each until the change was
    confirmed: sessions already held stay on the schedule, every later one follows the new terms."""
    out: dict[int, list[Version]] = {}
    for i in range(0, len(mentorship_ids), CHUNK):
        for row in session.exec(select(AgreementChange).where(
                one_of(session, AgreementChange.mentorship_id, mentorship_ids[i:i + CHUNK]),
                AgreementChange.status == "confirmed", AgreementChange.prev_anchor.is_not(None))
                .order_by(AgreementChange.decided_at, AgreementChange.id)).all():
            out.setdefault(row.mentorship_id, []).append(
                Version(as_utc(row.prev_anchor), row.prev_cadence, as_utc(row.decided_at)))
    return out


def record_change(session: Session, mentorship_id: int, slot_at: datetime, new_at: datetime | None,
                  by: str, now: datetime) -> int:
    """Move (or cancel, new_at None) the slot; returns the change's sequence (1 for the first change)."""
    row = session.exec(select(SessionChange).where(SessionChange.mentorship_id == mentorship_id,
                                                   SessionChange.slot_at == slot_at)).first()
    if row is None:
        row = SessionChange(mentorship_id=mentorship_id, slot_at=slot_at, sequence=0, changed_by=by)
    row.new_at, row.sequence, row.changed_by, row.changed_at = new_at, row.sequence + 1, by, now
    session.add(row)
    session.flush()
    return row.sequence


def pending_session_rows(session: Session, mentorship_id: int) -> list[ScheduledMessage]:
    """The pair's queued prompts, check-in reminders and meeting reminders."""
    return list(session.exec(select(ScheduledMessage).where(
        ScheduledMessage.mentorship_id == mentorship_id, ScheduledMessage.status == "pending",
        one_of(session, ScheduledMessage.kind, list(SESSION_KINDS)))).all())


def retire(session: Session, rows: list[ScheduledMessage], tag: str) -> int:
    """Cancel queued rows and free their idempotency keys (renamed `<key>~<tag>`), so re-planning can write those
    keys again if a session comes back to that day."""
    for row in rows:
        row.status, row.idempotency_key = "cancelled", f"{row.idempotency_key}~{tag}"[:200]
        session.add(row)
    session.flush()
    return len(rows)


def retire_session_rows(session: Session, mentorship_id: int, period: str, tag: str) -> int:
    """Retire the queued rows of one session (by its period)."""
    return retire(session, [r for r in pending_session_rows(session, mentorship_id)
                            if (r.payload or {}).get("period") == period], tag)


def drop_changes_from(session: Session, mentorship_id: int, since: datetime) -> int:
    """Forget moved or cancelled sessions at or after `since`: a confirmed new agreement plans from there."""
    rows = [r for r in session.exec(select(SessionChange).where(SessionChange.mentorship_id == mentorship_id)).all()
            if as_utc(r.slot_at) >= since or (r.new_at is not None and as_utc(r.new_at) >= since)]
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows)


def pending_proposal(session: Session, mentorship_id: int) -> AgreementChange | None:
    return session.exec(select(AgreementChange).where(AgreementChange.mentorship_id == mentorship_id,
                                                      AgreementChange.status == "pending")).first()


def add_proposal(session: Session, proposal: AgreementChange) -> AgreementChange:
    """A new proposal supersedes the pair's pending one (the last edit is what the other confirms)."""
    earlier = pending_proposal(session, proposal.mentorship_id)
    if earlier is not None:
        earlier.status = "superseded"
        session.add(earlier)
    session.add(proposal)
    session.flush()
    return proposal
