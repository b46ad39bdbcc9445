"""Transactions that read, decide, then write, without a second writer slipping in between.

PostgreSQL: lock_row() is SELECT ... FOR UPDATE, so a second transaction waits on the same row until the first
commits, then reads what it wrote. SQLite: a deferred transaction would let two readers both decide before either
writes; write_transaction() starts with BEGIN IMMEDIATE so the whole transaction holds the write lock.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlmodel import Session

from storage.db import is_sqlite, session_scope


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Session]:
    with session_scope(engine) as session:
        if is_sqlite(engine):
            # Must be the transaction's first statement; busy_timeout makes a second writer wait, not fail.
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        yield session


def lock_row(session: Session, model, key):
    """The row, locked until commit (FOR UPDATE on PostgreSQL; SQLite already holds the database lock)."""
    return session.get(model, key, with_for_update=True, populate_existing=True)
