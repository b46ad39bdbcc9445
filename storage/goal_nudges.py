"""Goal queries the nudges need. Edits from a nudge's buttons go through storage.goals like every other."""

from sqlmodel import Session, select

from storage.models import Goal


def active_goals(session: Session) -> list[Goal]:
    return list(session.exec(select(Goal).where(Goal.status == "active").order_by(Goal.id)).all())
