"""Pulse answers and exit surveys: private to their author. Nothing here returns one person's answer to anyone
but its author; reports read them as counts (storage.report)."""

from sqlalchemy import update
from sqlmodel import Session, select

from storage.models import ExitSurvey, PulseAnswer


def pulse_answer(session: Session, mentorship_id: int, person_id: str, round_: int) -> PulseAnswer | None:
    return session.exec(select(PulseAnswer).where(
        PulseAnswer.mentorship_id == mentorship_id, PulseAnswer.person_id == person_id,
        PulseAnswer.round == round_)).first()


def save_pulse(session: Session, *, mentorship_id: int, person_id: str, round_: int, rating: int, helping: str,
               note: str) -> PulseAnswer:
    """One answer per person and round: answering again replaces it. Only the person's newest round is `latest`."""
    row = pulse_answer(session, mentorship_id, person_id, round_) or PulseAnswer(
        mentorship_id=mentorship_id, person_id=person_id, round=round_)
    newer = session.exec(select(PulseAnswer.id).where(
        PulseAnswer.mentorship_id == mentorship_id, PulseAnswer.person_id == person_id,
        PulseAnswer.round > round_)).first()
    session.execute(update(PulseAnswer).where(
        PulseAnswer.mentorship_id == mentorship_id, PulseAnswer.person_id == person_id,
        PulseAnswer.round < round_).values(latest=False))
    row.rating, row.helping, row.note, row.latest = rating, helping, note, newer is None
    session.add(row)
    session.flush()
    return row


def save_exit_survey(session: Session, *, mentorship_id: int, person_id: str, overall: int, goals_achieved: str,
                     again: str) -> ExitSurvey:
    row = session.exec(select(ExitSurvey).where(ExitSurvey.mentorship_id == mentorship_id,
                                                ExitSurvey.person_id == person_id)).first()
    row = row or ExitSurvey(mentorship_id=mentorship_id, person_id=person_id)
    row.overall, row.goals_achieved, row.again = overall, goals_achieved, again
    session.add(row)
    session.flush()
    return row
