"""SQL for the learning library and recommendations (a recommendation is an entry in the pair's journal)."""

from sqlmodel import Session, select

from bot.domain.resources import Item
from storage.models import CheckIn, Resource

SOURCE = "resource"  # CheckIn.source of a recommendation


def library(session: Session) -> list[Item]:
    return [Item(r.id, r.title, r.kind, r.link, tuple(r.topics or ()))
            for r in session.exec(select(Resource).order_by(Resource.id)).all()]


def get_resource(session: Session, resource_id: int) -> Resource | None:
    return session.get(Resource, resource_id)


def journal_note(resource: Resource) -> str:
    return f"Recommended: {resource.title} ({resource.kind}) {resource.link}".strip()


def already_recommended(session: Session, mentorship_id: int, resource: Resource) -> bool:
    return session.exec(select(CheckIn.id).where(
        CheckIn.mentorship_id == mentorship_id, CheckIn.source == SOURCE,
        CheckIn.note == journal_note(resource))).first() is not None


def recommend(session: Session, mentorship_id: int, mentor_id: str, resource: Resource) -> CheckIn:
    entry = CheckIn(mentorship_id=mentorship_id, author_id=mentor_id, period=None, outcome="",
                    note=journal_note(resource), source=SOURCE)
    session.add(entry)
    session.flush()
    return entry


def add_resource(session: Session, title: str, kind: str, link: str, topics: list[str], by: str) -> Resource | None:
    """None when the library already has that title."""
    if session.exec(select(Resource.id).where(Resource.title == title)).first() is not None:
        return None
    row = Resource(title=title, kind=kind, link=link, topics=list(topics), added_by=by)
    session.add(row)
    session.flush()
    return row
