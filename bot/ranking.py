"""Who fits best as a mentor, and why. Pure: no Slack, no database.

Text relevance is BM25 (bm25s) over each mentor's expertise, title, career path and bio; the guide's other
criteria (experience, career path, values, time, time zone, language) add to it. Every number that shapes the
order is in WEIGHTS, so the ranking can be read in one place.
"""

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import bm25s

# bm25s logs every index build at DEBUG; keep it out of the bot's logs.
logging.getLogger("bm25s").setLevel(logging.WARNING)

# The weights of the score's parts; each part is normalised to 0..1 first.
WEIGHTS = {
    "text": 0.55,  # what the person wants to learn vs. what the mentor knows: dominates on purpose
    "experience": 0.10,  # the guide: "the mentor's experience in your field is paramount"
    "career": 0.10,  # career-path alignment: the mentor walked the road the mentee wants
    "values": 0.08,  # shared values: mutual respect starts there
    "capacity": 0.07,  # willingness to invest time: slots left
    "timezone": 0.07,  # overlap of 09:00-17:00 working hours
    "language": 0.03,  # a shared language
}
YEARS_FOR_FULL_CREDIT = 15
WORKDAY_HOURS = 8

# Common synonyms: a query term on the left also searches for the words on the right.
ALIASES = {
    "ml": "machine learning",
    "ai": "artificial intelligence machine learning",
    "people management": "leadership management",
    "managing": "management leadership",
    "manager": "management leadership",
    "k8s": "kubernetes",
    "js": "javascript",
    "ts": "typescript",
    "ux": "user experience design",
    "pm": "product management",
    "sre": "site reliability engineering",
    "devops": "infrastructure operations",
    "public speaking": "presenting communication",
    "db": "databases",
    "postgres": "postgresql databases",
}

_TOKEN_RE = re.compile(r"[\w+#]+", re.UNICODE)
_STOP = frozenset("a an and the of to in for with on at by from i me my want wants learn learning get better grow "
                  "how about into be become more some".split())


def tokens(text: str) -> list[str]:
    words = [w for w in _TOKEN_RE.findall(text.casefold()) if w not in _STOP]
    return [w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in words]


def expand_aliases(text: str) -> str:
    folded = f" {text.casefold()} "
    extra = [expansion for alias, expansion in ALIASES.items() if f" {alias} " in folded]
    return " ".join([text, *extra])


@dataclass(frozen=True)
class MentorCard:
    person_id: str
    name: str
    title: str = ""
    expertise: tuple[str, ...] = ()
    years: int = 0
    career_path: str = ""
    values: tuple[str, ...] = ()
    capacity_left: int = 1
    offer_cadence: str = ""
    languages: tuple[str, ...] = ()
    tz: str = "UTC"
    bio: str = ""

    def document(self) -> str:
        # Expertise counts twice: it is what the mentor says they can teach.
        topics = " ".join(self.expertise)
        return " ".join([topics, topics, self.title, self.career_path, self.bio])


@dataclass(frozen=True)
class Seeker:
    person_id: str
    words: str = ""
    goals: str = ""  # the person's goals and areas to improve, used with the words (or alone when no words)
    career_aspiration: str = ""
    values: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    tz: str = "UTC"

    @property
    def query(self) -> str:
        return " ".join(p for p in (self.words, self.goals) if p.strip())


@dataclass(frozen=True)
class Match:
    mentor: MentorCard
    score: float
    parts: dict[str, float] = field(default_factory=dict)
    matched_topics: tuple[str, ...] = ()
    shared_values: tuple[str, ...] = ()
    shared_languages: tuple[str, ...] = ()
    hours_apart: float = 0.0


def utc_offset_hours(tz: str, now: datetime) -> float:
    try:
        offset = now.astimezone(ZoneInfo(tz or "UTC")).utcoffset()
    except (KeyError, ValueError):
        offset = None
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def hours_apart(tz_a: str, tz_b: str, now: datetime) -> float:
    diff = abs(utc_offset_hours(tz_a, now) - utc_offset_hours(tz_b, now)) % 24
    return min(diff, 24 - diff)


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    folded = {x.casefold() for x in b}
    return tuple(x for x in a if x.casefold() in folded)


def _matched_topics(query_tokens: set[str], expertise: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(topic for topic in expertise if query_tokens & set(tokens(topic)))


class MentorIndex:
    """A BM25 index over mentors, built once and queried many times."""

    def __init__(self, mentors: list[MentorCard]):
        self.mentors = list(mentors)
        self._retriever = None
        self._vocab: set[str] = set()
        if self.mentors:
            corpus = [tokens(m.document()) or [""] for m in self.mentors]
            self._retriever = bm25s.BM25()
            self._retriever.index(corpus, show_progress=False)
            self._vocab = {t for doc in corpus for t in doc}

    def text_scores(self, query: str) -> list[float]:
        q = [t for t in dict.fromkeys(tokens(expand_aliases(query))) if t in self._vocab]
        if not q or self._retriever is None:
            return [0.0] * len(self.mentors)
        return [float(s) for s in self._retriever.get_scores(q)]

    def rank(self, seeker: Seeker, now: datetime, limit: int | None = None) -> list[Match]:
        query = seeker.query
        text = self.text_scores(query)
        best_text = max(text, default=0.0) or 1.0
        query_tokens = set(tokens(expand_aliases(query)))
        aspiration = set(tokens(seeker.career_aspiration))
        matches = []
        for mentor, raw in zip(self.mentors, text, strict=True):
            if mentor.person_id == seeker.person_id or mentor.capacity_left <= 0:
                continue
            if query.strip() and raw <= 0:
                continue  # with words to go on, a mentor must know something about them
            apart = hours_apart(seeker.tz, mentor.tz, now)
            shared_values = _overlap(mentor.values, seeker.values)
            shared_langs = _overlap(mentor.languages, seeker.languages)
            career_tokens = set(tokens(mentor.career_path + " " + mentor.title))
            parts = {
                "text": raw / best_text,
                "experience": min(mentor.years, YEARS_FOR_FULL_CREDIT) / YEARS_FOR_FULL_CREDIT,
                "career": len(aspiration & career_tokens) / len(aspiration) if aspiration else 0.0,
                "values": len(shared_values) / len(seeker.values) if seeker.values else 0.0,
                "capacity": min(mentor.capacity_left, 3) / 3,
                "timezone": max(0.0, WORKDAY_HOURS - apart) / WORKDAY_HOURS,
                "language": 1.0 if shared_langs or not seeker.languages else 0.0,
            }
            score = sum(WEIGHTS[k] * v for k, v in parts.items())
            matches.append(Match(
                mentor=mentor, score=round(score, 6), parts=parts,
                matched_topics=_matched_topics(query_tokens, mentor.expertise),
                shared_values=shared_values, shared_languages=shared_langs, hours_apart=apart,
            ))
        # Deterministic ties: more room first, then name, then id.
        matches.sort(key=lambda m: (-m.score, -m.mentor.capacity_left, m.mentor.name.casefold(), m.mentor.person_id))
        return matches[:limit] if limit else matches


def rank(seeker: Seeker, mentors: list[MentorCard], now: datetime, limit: int | None = None) -> list[Match]:
    return MentorIndex(mentors).rank(seeker, now, limit)
