"""Alembic, driven from code so `mentorbot migrate` and the demo need no alembic.ini on the path."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from storage.db import normalize_url

_HERE = Path(__file__).parent


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_HERE / "migrations"))
    cfg.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "heads") -> None:
    command.upgrade(alembic_config(url), revision)


def head_revisions(url: str) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(url)).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def is_current(engine: Engine) -> bool:
    return current_revisions(engine) == head_revisions(str(engine.url))


def schema_state(engine: Engine) -> str:
    """"current", "behind" (run `mentorbot migrate`) or "ahead": the database carries a revision this code does not
    know, i.e. a newer version migrated it (a rolling upgrade in progress, or a rollback of the code)."""
    current = current_revisions(engine)
    if current == head_revisions(str(engine.url)):
        return "current"
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config(str(engine.url))).walk_revisions()}
    return "ahead" if current - known else "behind"
