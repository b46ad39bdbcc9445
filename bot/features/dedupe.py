"""Slack retries an event it thinks we missed (same event_id): apply each event once."""

from sqlalchemy.engine import Engine

from storage.db import session_scope
from storage.events import claim_event


def first_delivery(engine: Engine, event_id: str) -> bool:
    """True the first time an event id is seen; False for Slack's retries of it."""
    with session_scope(engine) as session:
        return claim_event(session, event_id)
