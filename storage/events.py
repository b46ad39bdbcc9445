"""Slack retries events with the same event_id; the first one to insert its id wins."""

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage.models import ProcessedEvent


def claim_event(session: Session, event_id: str) -> bool:
    """True if this event id is new (and now recorded); False if it was seen before."""
    try:
        with session.begin_nested():
            session.add(ProcessedEvent(event_id=event_id))
            session.flush()
        return True
    except IntegrityError:
        return False
