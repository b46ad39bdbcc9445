"""FROZEN COPY of bot/domain/ranking.py as it was before issue 9 (commit 340c0a3): the "today" baseline of
bench/relevance.py. Do not edit; do not import from the bot.

Who fits best as a mentor, and why. Pure: no Slack, no database.

Text relevance is BM25 (bm25s) over each mentor's expertise, title, career path and bio; the guide's other
criteria (experience, career path, values, time, time zone, language) add to it. Every number that shapes the
order is in WEIGHTS (and the few constants under it), so the ranking can be read in one place.

MentorIndex is built once per directory version and queried many times: everything that does not depend on the
person asking (BM25 index, years, capacity, cadence, postings of values/languages/career words, time-zone ids)
is precomputed as numpy arrays, so a query costs two BM25 lookups plus a handful of vector operations.
"""

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import bm25s
import numpy as np

# bm25s logs every index build at DEBUG; keep it out of the bot's logs.
logging.getLogger("bm25s").setLevel(logging.WARNING)

# The weights of the score's parts; each part is normalised to 0..1 first, so the weights are the trade-offs.
WEIGHTS = {
    "text": 0.55,  # what the person wants to learn vs. what the mentor knows: dominates on purpose
    "experience": 0.10,  # the guide: "the mentor's experience in your field is paramount"
    "career": 0.10,  # career-path alignment: the mentor walked the road the mentee wants
    "values": 0.08,  # shared values: mutual respect starts there
    "time": 0.07,  # willingness to invest time: slots left and how often the mentor offers to meet
    "timezone": 0.07,  # overlap of 09:00-17:00 working hours
    "language": 0.03,  # a shared language
}
# Within "text": the words typed now count more than the standing goals; with no words, goals are all of it.
WORDS_SHARE = 0.75
YEARS_FOR_FULL_CREDIT = 15
SLOTS_FOR_FULL_CREDIT = 3
WORKDAY_HOURS = 8
# Within "time": half is slots left, half is the cadence offered (more often = more time invested).
CADENCE_CREDIT = {"weekly": 1.0, "biweekly": 0.75, "": 0.75, "flexible": 0.75, "monthly": 0.5}

# Common synonyms: a phrase on the left also means the words on the right. Applied to queries AND documents, so
# "ML" in a profile meets "machine learning" in a query and the other way round.
ALIASES = {
    "ml": "machine learning",
    "machine learning": "ml",
    "ai": "artificial intelligence machine learning",
    "people management": "leadership",
    "people manager": "leadership",
    "managing people": "leadership people management",
    "managing": "management leadership",
    "manager": "management leadership",
    "tech lead": "technical leadership",
    "k8s": "kubernetes",
    "js": "javascript",
    "ts": "typescript",
    "frontend": "front end web",
    "front-end": "front end web",
    "ux": "user experience design",
    "ui": "user interface design",
    "pm": "product management",
    "product manager": "product management",
    "sre": "site reliability engineering",
    "devops": "infrastructure operations",
    "infra": "infrastructure",
    "public speaking": "presenting communication",
    "presentations": "presenting communication public speaking",
    "db": "databases",
    "postgres": "postgresql databases",
    "data science": "statistics machine learning",
    "infosec": "security",
    "appsec": "application security",
    "a/b testing": "experiment design",
    "ab testing": "experiment design",
}
# One pass over the text: longest phrases first, whole words only.
_ALIAS_RE = re.compile(r"(?<![\w+#/-])(" + "|".join(re.escape(a) for a in sorted(ALIASES, key=len, reverse=True))
                       + r")(?![\w+#/-])")

_TOKEN_RE = re.compile(r"[\w+#]+", re.UNICODE)
_STOP = frozenset("a an and the of to in for with on at by from i me my want wants learn learning get better grow "
                  "how about into be become more some aiming aim aspiring toward towards who is are as".split())


def tokens(text: str) -> list[str]:
    words = [w for w in _TOKEN_RE.findall(text.casefold()) if w not in _STOP]
    return [w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w for w in words]


def expand_aliases(text: str) -> str:
    extra = dict.fromkeys(ALIASES[m] for m in _ALIAS_RE.findall(text.casefold()))
    return " ".join([text, *extra])


def alias_tokens(text: str) -> list[str]:
    return tokens(expand_aliases(text))


@dataclass(frozen=True)
class MentorCard:
    person_id: str
    name: str
    title: str = ""
    expertise: tuple[str, ...] = ()
    years: int = 0
    career_path: str = ""
    values: tuple[str, ...] = ()
    # Slots free when the card was made; rank(taken=...) subtracts mentorships opened since (cached indexes).
    capacity_left: int = 1
    offer_cadence: str = ""
    languages: tuple[str, ...] = ()
    tz: str = "UTC"
    bio: str = ""

    def document(self) -> str:
        # Expertise counts twice: it is what the mentor says they can teach. Only expertise gets aliases: "ML" as
        # a skill means machine learning, but "Product Manager" as a title does not make someone a leadership
        # mentor.
        topics = expand_aliases(" ".join(self.expertise))
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
    slots_left: int = 0


@dataclass(frozen=True)
class Ranking:
    total: int  # how many mentors qualify
    matches: list[Match]  # the requested page, best first


@lru_cache(maxsize=1024)
def _zone(tz: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(tz or "UTC")
    except (KeyError, ValueError):
        return None


def utc_offset_hours(tz: str, now: datetime) -> float:
    zone = _zone(tz)
    offset = now.astimezone(zone).utcoffset() if zone is not None else None
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def hours_apart(tz_a: str, tz_b: str, now: datetime) -> float:
    diff = abs(utc_offset_hours(tz_a, now) - utc_offset_hours(tz_b, now)) % 24
    return min(diff, 24 - diff)


def _fold(items: Iterable[str]) -> list[str]:
    return [x.strip().casefold() for x in items if x.strip()]


def _overlap(a: tuple[str, ...], b: Iterable[str]) -> tuple[str, ...]:
    folded = set(_fold(b))
    return tuple(x for x in a if x.casefold() in folded)


@lru_cache(maxsize=64)
def _topic_tokens(topic: str) -> frozenset[str]:
    return frozenset(alias_tokens(topic))


def _postings(rows: list[Iterable[str]]) -> dict[str, np.ndarray]:
    """term -> indices of the rows that hold it (each row counted once per term)."""
    lists: dict[str, list[int]] = {}
    for i, terms in enumerate(rows):
        for term in set(terms):
            lists.setdefault(term, []).append(i)
    return {t: np.asarray(ix, dtype=np.int32) for t, ix in lists.items()}


class MentorIndex:
    """A BM25 index plus precomputed criteria over mentors, built once and queried many times."""

    def __init__(self, mentors: list[MentorCard]):
        self.mentors = list(mentors)
        n = len(self.mentors)
        self._pos = {m.person_id: i for i, m in enumerate(self.mentors)}
        self._retriever = None
        self._vocab: set[str] = set()
        if n:
            corpus = [tokens(m.document()) or [""] for m in self.mentors]
            self._retriever = bm25s.BM25()
            self._retriever.index(corpus, show_progress=False)
            self._vocab = {t for doc in corpus for t in doc}
        self._years = np.array([min(max(m.years, 0), YEARS_FOR_FULL_CREDIT) for m in self.mentors],
                               dtype=np.float64) / YEARS_FOR_FULL_CREDIT
        self._capacity = np.array([m.capacity_left for m in self.mentors], dtype=np.int64)
        self._cadence = np.array([CADENCE_CREDIT.get(m.offer_cadence.strip().casefold(), 0.75)
                                  for m in self.mentors], dtype=np.float64)
        self._values = _postings([_fold(m.values) for m in self.mentors])
        self._languages = _postings([_fold(m.languages) for m in self.mentors])
        self._career = _postings([alias_tokens(m.career_path + " " + m.title) for m in self.mentors])
        zones = sorted({m.tz or "UTC" for m in self.mentors})
        self._zones = zones
        zone_ix = {z: i for i, z in enumerate(zones)}
        self._zone_of = np.array([zone_ix[m.tz or "UTC"] for m in self.mentors], dtype=np.int32)
        # Deterministic ties: more room first, then name, then id (name_rank encodes name+id order).
        order = sorted(range(n), key=lambda i: (self.mentors[i].name.casefold(), self.mentors[i].person_id))
        self._name_rank = np.empty(n, dtype=np.int64)
        self._name_rank[order] = np.arange(n)

    def __len__(self) -> int:
        return len(self.mentors)

    def card(self, person_id: str) -> MentorCard | None:
        i = self._pos.get(person_id)
        return self.mentors[i] if i is not None else None

    def text_scores(self, query: str) -> np.ndarray:
        q = [t for t in dict.fromkeys(alias_tokens(query)) if t in self._vocab]
        if not q or self._retriever is None:
            return np.zeros(len(self.mentors))
        return np.asarray(self._retriever.get_scores(q), dtype=np.float64)

    def _count(self, postings: dict[str, np.ndarray], terms: Iterable[str]) -> np.ndarray:
        n = len(self.mentors)
        hits = [postings[t] for t in set(terms) if t in postings]
        if not hits:
            return np.zeros(n)
        return np.bincount(np.concatenate(hits), minlength=n).astype(np.float64)

    def slots_after(self, taken: Mapping[str, int] | None) -> np.ndarray:
        """Slots left per mentor once `taken` (mentor id -> open mentorships) is subtracted. Callers may cache it
        while the mentorships do not change (bot.findmentor does)."""
        slots = self._capacity.copy()
        if taken:
            where = np.fromiter((self._pos.get(p, -1) for p in taken), dtype=np.int64, count=len(taken))
            counts = np.fromiter(taken.values(), dtype=np.int64, count=len(taken))
            known = where >= 0
            np.subtract.at(slots, where[known], counts[known])
        return slots

    def search(self, seeker: Seeker, now: datetime, *, offset: int = 0, limit: int | None = None,
               exclude: Iterable[str] = (), taken: Mapping[str, int] | None = None,
               slots: np.ndarray | None = None) -> Ranking:
        """One page of the ranking. Pass `taken`, or `slots` from slots_after() when it is cached."""
        n = len(self.mentors)
        if not n or not seeker.query.strip():
            return Ranking(0, [])
        if slots is None:
            slots = self.slots_after(taken)
        eligible = slots > 0
        for person_id in {seeker.person_id, *exclude}:
            i = self._pos.get(person_id)
            if i is not None:
                eligible[i] = False

        words, goals = seeker.words.strip(), seeker.goals.strip()
        w = self.text_scores(words) if words else None
        g = self.text_scores(goals) if goals else None
        if w is not None:
            eligible &= w > 0  # with words to go on, a mentor must know something about them
        else:
            eligible &= g > 0
        idx = np.flatnonzero(eligible)
        if not len(idx):
            return Ranking(0, [])

        def norm(scores: np.ndarray | None) -> np.ndarray:
            if scores is None:
                return np.zeros(len(idx))
            part = scores[idx]
            top = part.max()
            return part / top if top > 0 else part

        text = norm(w) * WORDS_SHARE + norm(g) * (1 - WORDS_SHARE) if w is not None else norm(g)
        aspiration = set(tokens(expand_aliases(seeker.career_aspiration)))
        career = self._count(self._career, aspiration)[idx] / len(aspiration) if aspiration else np.zeros(len(idx))
        seeker_values = _fold(seeker.values)
        values = (self._count(self._values, seeker_values)[idx] / len(set(seeker_values))
                  if seeker_values else np.zeros(len(idx)))
        seeker_langs = _fold(seeker.languages)
        language = ((self._count(self._languages, seeker_langs)[idx] > 0).astype(np.float64)
                    if seeker_langs else np.ones(len(idx)))
        mine = utc_offset_hours(seeker.tz, now)
        zone_apart = np.array([abs(utc_offset_hours(z, now) - mine) % 24 for z in self._zones])
        zone_apart = np.minimum(zone_apart, 24 - zone_apart)
        apart = zone_apart[self._zone_of[idx]]
        slots_here = slots[idx]
        parts = {
            "text": text,
            "experience": self._years[idx],
            "career": np.minimum(career, 1.0),
            "values": np.minimum(values, 1.0),
            "time": 0.5 * np.minimum(slots_here, SLOTS_FOR_FULL_CREDIT) / SLOTS_FOR_FULL_CREDIT
            + 0.5 * self._cadence[idx],
            "timezone": np.maximum(0.0, WORKDAY_HOURS - apart) / WORKDAY_HOURS,
            "language": language,
        }
        score = np.round(sum(WEIGHTS[k] * v for k, v in parts.items()), 6)
        # Only what the page needs is sorted: everyone scoring at least the k-th best score (ties included, so the
        # order stays exact), then np.lexsort, which sorts by the LAST key first: score desc, slots desc, name/id.
        end = len(idx) if limit is None else min(offset + limit, len(idx))
        cand = np.arange(len(idx))
        if 0 < end < len(idx):
            kth = np.partition(score, len(idx) - end)[len(idx) - end]
            cand = np.flatnonzero(score >= kth)
        order = cand[np.lexsort((self._name_rank[idx[cand]], -slots_here[cand], -score[cand]))]
        query_tokens = set(alias_tokens(seeker.query))
        page = []
        for j in order[offset:end]:
            mentor = self.mentors[idx[j]]
            page.append(Match(
                mentor=mentor, score=float(score[j]), parts={k: float(v[j]) for k, v in parts.items()},
                matched_topics=tuple(t for t in mentor.expertise if query_tokens & _topic_tokens(t)),
                shared_values=_overlap(mentor.values, seeker.values),
                shared_languages=_overlap(mentor.languages, seeker.languages),
                hours_apart=float(apart[j]), slots_left=int(slots_here[j]),
            ))
        return Ranking(len(idx), page)

    def rank(self, seeker: Seeker, now: datetime, limit: int | None = None, **kw) -> list[Match]:
        return self.search(seeker, now, limit=limit, **kw).matches


def rank(seeker: Seeker, mentors: list[MentorCard], now: datetime, limit: int | None = None, **kw) -> list[Match]:
    return MentorIndex(mentors).rank(seeker, now, limit, **kw)
