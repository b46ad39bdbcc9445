from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.models._common import tz_datetime_column, utcnow


class AuditEntry(SQLModel, table=True):
    """Who ran which report, export, erase or purge, and when; never what it showed. An erasure is logged under the
    person's anonymous tombstone id, so the log itself keeps no trace of whom it erased."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False, index=True))
    actor: str = Field(max_length=64)  # a Slack user id, a tombstone id, "cli" or "retention"
    action: str = Field(max_length=32)  # export | erase | purge | report | audit | sending_paused | ...
    detail: str = Field(default="", max_length=200)  # e.g. "self", "deactivated", "app_uninstalled": no user text


class AppState(SQLModel, table=True):
    """Workspace-wide switches, one row per key. `sending_paused` holds why sending stopped (app_uninstalled,
    tokens_revoked): the drain sends nothing while it is set, and queued rows stay pending."""

    __tablename__ = "app_state"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="", max_length=200)
    updated_at: datetime = Field(default_factory=utcnow, sa_column=tz_datetime_column(nullable=False))
