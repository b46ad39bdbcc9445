from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


def json_list_column():
    """A JSON array column: portable across SQLite and PostgreSQL, and lists stay lists."""
    return Column(JSON, nullable=False, default=list)


def tz_datetime_column(nullable: bool = True, index: bool = False):
    """Timestamps are stored timezone-aware (UTC) so PostgreSQL and SQLite compare them the same way."""
    return Column(DateTime(timezone=True), nullable=nullable, index=index)
