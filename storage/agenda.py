"""SQL for agendas and action items. Callers check that the reader is one of the pair."""

from datetime import datetime

from sqlmodel import Session, col, select

from bot.domain.timekeeping import as_utc
from storage.checkins import CHUNK, one_of
from storage.models import ActionItem, AgendaItem

SHOWN = 10  # a reminder or the Home lists at most this many of each


def agenda_for(session: Session, mentorship_id: int, slot_at: datetime) -> list[AgendaItem]:
    return list(session.exec(select(AgendaItem).where(AgendaItem.mentorship_id == mentorship_id,
                                                      AgendaItem.slot_at == slot_at)
                             .order_by(AgendaItem.id).limit(SHOWN)).all())


def agendas_for(session: Session, slots: dict[int, datetime]) -> dict[int, list[AgendaItem]]:
    """Each pair's agenda for one session (mentorship id -> its slot), in one query per CHUNK pairs."""
    ids, out = list(slots), {}
    for i in range(0, len(ids), CHUNK):
        for item in session.exec(select(AgendaItem).where(
                one_of(session, AgendaItem.mentorship_id, ids[i:i + CHUNK])).order_by(AgendaItem.id)).all():
            if as_utc(item.slot_at) == slots[item.mentorship_id]:
                out.setdefault(item.mentorship_id, []).append(item)
    return {mid: items[:SHOWN] for mid, items in out.items()}


def add_agenda(session: Session, item: AgendaItem) -> AgendaItem:
    session.add(item)
    session.flush()
    return item


def open_actions(session: Session, mentorship_ids: list[int]) -> list[ActionItem]:
    """Open action items of these pairs, soonest due first (undated last)."""
    out: list[ActionItem] = []
    for i in range(0, len(mentorship_ids), CHUNK):
        out += session.exec(select(ActionItem).where(
            one_of(session, ActionItem.mentorship_id, mentorship_ids[i:i + CHUNK]),
            col(ActionItem.done_at).is_(None))).all()
    return sorted(out, key=lambda a: (a.due_on is None, a.due_on or a.created_at.date(), a.id))


def add_action(session: Session, item: ActionItem) -> ActionItem:
    session.add(item)
    session.flush()
    return item


def tick(session: Session, item: ActionItem, by: str, now: datetime) -> None:
    item.done_at, item.done_by = now, by
    session.add(item)
