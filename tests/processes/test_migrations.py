"""Migrations run from empty, and the models never drift from them."""

from datetime import UTC, date, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, Table, insert, inspect
from sqlmodel import SQLModel

import storage.models  # noqa: F401
from storage.db import make_engine
from storage.migrate import is_current, upgrade


def test_upgrade_from_empty_creates_every_table(database_url):
    engine = make_engine(database_url)
    assert not is_current(engine)
    upgrade(database_url)
    assert is_current(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    upgrade(database_url)  # twice is a no-op
    engine.dispose()


def test_models_match_migrations(engine):
    """A model change without an Alembic revision fails here."""
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_0060_fills_the_report_tallies_from_the_check_ins_already_stored(database_url):
    """Upgrading a database that already holds check-ins: each pair's tallies are counted as the write path keeps
    them (sessions someone said "met"; distinct person-session answers; a note with no session counts nowhere)."""
    upgrade(database_url, "0030")
    engine = make_engine(database_url)
    at = datetime(2026, 12, 1, 9, tzinfo=UTC)
    tables = {name: Table(name, MetaData(), autoload_with=engine) for name in ("person", "mentorship", "check_in")}
    with engine.begin() as conn:
        for pid in ("UA", "UB"):
            conn.execute(insert(tables["person"]), {"slack_id": pid, "name": pid, "email": None, "title": "",
                                                    "tz": "UTC", "active": True, "created_at": at, "updated_at": at})
        for mid in (1, 2):
            conn.execute(insert(tables["mentorship"]), {
                "id": mid, "mentor_id": "UA", "mentee_id": "UB", "status": "active", "cadence": "weekly",
                "mode": "video", "duration_months": 6, "goals": "", "mentor_confirmed": True,
                "mentee_confirmed": True, "pause_reason": "", "created_at": at})
        answers = [("UA", date(2026, 12, 1), "met"), ("UB", date(2026, 12, 1), "met"), ("UB", date(2026, 12, 1), "met"),
                   ("UA", date(2026, 12, 8), "not_met"), ("UA", None, "")]
        conn.execute(insert(tables["check_in"]), [
            {"mentorship_id": 1, "author_id": author, "period": period, "outcome": outcome, "note": "", "source": "x",
             "slack_ts": "", "created_at": at} for author, period, outcome in answers])
    upgrade(database_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT id, sessions_held, checkins_answered FROM mentorship ORDER BY id").all() \
            == [(1, 1, 3), (2, 0, 0)]
    engine.dispose()
