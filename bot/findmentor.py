"""/findmentor: from words (or the caller's goals) to a ranked answer."""

from datetime import datetime

from sqlalchemy.engine import Engine

from bot.blocks import findmentor as render
from bot.ranking import MentorIndex
from storage.db import session_scope
from storage.matching import available_mentors, seeker_for


def find_mentors(engine: Engine, user_id: str, words: str, now: datetime) -> dict:
    """The message to show the caller (ephemeral)."""
    with session_scope(engine) as session:
        seeker = seeker_for(session, user_id, words.strip())
        mentors = available_mentors(session)
    if not seeker.query.strip():
        return render.need_words()
    matches = MentorIndex(mentors).rank(seeker, now)
    label = seeker.words or "your goals"
    if not matches:
        return render.no_match(label)
    return render.results(label, matches)
