"""The bot's DM channel with each person (Person.dm_channel_id): read and remember. bot/slack/delivery.py decides
when; this module only holds the SQL."""

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from storage.models import Person

P = Person.__table__

_GET = select(P.c.dm_channel_id).where(P.c.slack_id == bindparam("d_user"))
_SET = update(P).where(P.c.slack_id == bindparam("d_user")).values(dm_channel_id=bindparam("d_channel"))


def stored_dm_channel(session: Session, user_id: str) -> str | None:
    return session.connection().execute(_GET, {"d_user": user_id}).scalar()


def store_dm_channel(session: Session, user_id: str, channel_id: str) -> None:
    """Remember the channel (a user id with no Person row is not remembered: nothing to attach it to)."""
    session.connection().execute(_SET, {"d_user": user_id, "d_channel": channel_id})
