"""The audit log (who ran which report, export, erase or purge, and when) and the workspace's sending switch."""

from datetime import datetime

from sqlmodel import Session, select

from storage.models import AppState, AuditEntry
from storage.models._common import utcnow

SENDING_PAUSED = "sending_paused"


def record(session: Session, actor: str, action: str, detail: str = "", at: datetime | None = None) -> None:
    """Log an action. `detail` is a fixed word (self, cli, deactivated, ...), never user text."""
    session.add(AuditEntry(actor=actor[:64], action=action[:32], detail=detail[:200], at=at or utcnow()))


def latest(session: Session, limit: int = 50) -> list[AuditEntry]:
    return list(session.exec(select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                             .limit(limit)).all())


def sending_paused(session: Session) -> str:
    """Why sending is stopped ('' when it is not): app_uninstalled or tokens_revoked."""
    row = session.get(AppState, SENDING_PAUSED)
    return row.value if row else ""


def pause_sending(session: Session, reason: str, now: datetime) -> None:
    row = session.get(AppState, SENDING_PAUSED) or AppState(key=SENDING_PAUSED)
    row.value, row.updated_at = reason, now
    session.add(row)


def resume_sending(session: Session) -> bool:
    """Clear the switch. Returns whether sending was paused."""
    row = session.get(AppState, SENDING_PAUSED)
    if row is None:
        return False
    session.delete(row)
    return True
