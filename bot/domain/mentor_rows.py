"""What the mentor index knows of each mentor, row by row: built once, then grown by edits. Pure.

Building everything for 100k mentors takes seconds (three BM25 fields, every topic's words and embedding, postings),
so a profile edit does not rebuild: `with_changes` returns a new index in which the edited mentors' old rows are dead
(`alive` False, never shown) and their new cards are rows appended at the end, at a cost that grows with the number
of edits, not the directory's size (the BM25 fields score appended rows with the statistics they were built with:
bot/domain/bm25_field.py). Copy on write throughout: requests may be reading the old index while the new one is
made, so nothing shared is changed in place. Dead rows cost memory and a little scoring time; the caller rebuilds in
full once there are many (bot/features/findmentor.py).
"""

import copy
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from bot.domain.bm25_field import Bm25Field
from bot.domain.search_text import analyse, career_steps, content, whole, words
from bot.domain.semantic import Embedder, default_embedder

YEARS_FOR_FULL_CREDIT = 15
# Within "time": half is slots left, half is the cadence offered (more often = more time invested).
CADENCE_CREDIT = {"weekly": 1.0, "biweekly": 0.75, "": 0.75, "flexible": 0.75, "monthly": 0.5}


@dataclass(frozen=True, slots=True)
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
    offer_format: str = ""  # huddle / video / in person / "" (any)
    programs: tuple[str, ...] = ()
    department: str = ""  # org data from the profile CSV: filtered on, never shown
    level: str = ""


def fold(items: Iterable[str]) -> list[str]:
    return [x.strip().casefold() for x in items if x.strip()]


def _grown_lists(old: dict, adds: dict) -> dict:
    """old with each key's list extended by adds[key] (new lists; old ones untouched)."""
    out = dict(old)
    for key, more in adds.items():
        out[key] = [*old.get(key, ()), *more]
    return out


def _grown_postings(old: dict[str, np.ndarray], rows: list[Iterable[str]], start: int) -> dict[str, np.ndarray]:
    """term -> rows holding it, with rows start.. added (each row counted once per term)."""
    adds: dict[str, list[int]] = {}
    for i, terms in enumerate(rows, start):
        for term in set(terms):
            adds.setdefault(term, []).append(i)
    out = dict(old)
    for term, ix in adds.items():
        fresh = np.asarray(ix, dtype=np.int32)
        out[term] = np.concatenate([old[term], fresh]) if term in old else fresh
    return out


def _fields(cards: list[MentorCard]) -> dict[str, list[list[str]]]:
    """The BM25 fields' documents: what the mentor lists, where they have been, who they are (title, bio)."""
    return {"topics": [analyse(" ; ".join(m.expertise)) for m in cards],
            "career": [analyse(m.career_path) for m in cards],
            "about": [analyse(f"{m.title} {m.bio}") for m in cards]}


def _name_key(card: MentorCard) -> tuple[str, str]:
    return card.name.casefold(), card.person_id


class MentorRows:
    """Per-mentor data the ranking reads, one row per card; rows of edited or departed mentors stay, dead."""

    def __init__(self, mentors: Iterable[MentorCard], embedder: Embedder | None | bool = True):
        self.embedder = default_embedder() if embedder is True else (embedder or None)
        self.mentors: list[MentorCard] = []
        self._pos: dict[str, int] = {}
        self.alive = np.zeros(0, dtype=bool)
        self.dead_rows = 0
        self._topic_ix: dict[str, int] = {}
        self._topics: list[str] = []
        self._topic_words: list[list[str]] = []  # the topic's own words, in order
        self._topic_whole: list[frozenset[str]] = []  # all but grammar: naming the topic whole
        self._topic_terms: list[frozenset[str]] = []  # with aliases
        self._topics_with: dict[str, list[int]] = {}  # term -> topics holding it: a query reads only those
        self._members: list[np.ndarray] = []  # topic -> rows listing it
        self._topic_live = np.zeros(0, dtype=bool)  # topic -> listed by a live row
        self._topic_vectors: np.ndarray | None = None
        self._topic_ids = np.full((0, 0), -1, dtype=np.int32)  # (row, topic slot), for explanations
        self._path_ix: dict[str, int] = {}
        self._paths: list[str] = []
        self._path_steps: list = []
        self._path_of = np.zeros(0, dtype=np.int32)
        self._fields: dict[str, Bm25Field] = {}
        self._typo_choices: tuple[str, ...] = ()
        self._typo_vocab: frozenset[str] = frozenset()
        self._years = np.zeros(0)
        self._capacity = np.zeros(0, dtype=np.int64)
        self._cadence = np.zeros(0)
        self._any_format = np.zeros(0, dtype=bool)
        self._values: dict[str, np.ndarray] = {}
        self._languages: dict[str, np.ndarray] = {}
        self._programs: dict[str, np.ndarray] = {}
        self._formats: dict[str, np.ndarray] = {}
        self._career: dict[str, np.ndarray] = {}
        self._departments: dict[str, np.ndarray] = {}
        self._levels: dict[str, np.ndarray] = {}
        self._zone_ix: dict[str, int] = {}
        self._zones: list[str] = []
        self._zone_of = np.zeros(0, dtype=np.int32)
        self._base_keys: list[tuple[str, str]] = []  # (name, id) of the built rows, sorted: ties by name
        self._extra_keys: list[tuple[tuple[str, str], int]] = []  # appended rows' keys and rows
        self._name_rank = np.zeros(0)
        self._grow(list(mentors))

    def __len__(self) -> int:
        return len(self.mentors)

    @property
    def live(self) -> int:
        """Mentors held (rows less dead rows)."""
        return len(self._pos)

    def ids(self) -> set[str]:
        """The mentors held (live rows)."""
        return set(self._pos)

    def card(self, person_id: str) -> MentorCard | None:
        i = self._pos.get(person_id)
        return self.mentors[i] if i is not None else None

    def with_changes(self, cards: Iterable[MentorCard], gone: Iterable[str] = ()):
        """A new index in which `cards` replace (or join) the mentors with their ids and the `gone` ids are no
        longer mentors. This one is not changed."""
        cards = list(cards)
        new = copy.copy(self)
        leaving = {*gone, *(c.person_id for c in cards)}
        dead = np.asarray([self._pos[p] for p in leaving if p in self._pos], dtype=np.int64)
        new.alive = self.alive.copy()
        new.alive[dead] = False
        new.dead_rows = self.dead_rows + len(dead)
        new._pos = {p: i for p, i in self._pos.items() if p not in leaving}
        new._grow(cards)
        # Topics only the departed listed are no longer offered (the closest topics name live ones).
        touched = {int(t) for t in self._topic_ids[dead].ravel() if t >= 0} if len(dead) else set()
        if touched:
            live = new._topic_live.copy()
            for t in touched:
                live[t] = bool(new.alive[new._members[t]].any())
            new._topic_live = live
        new._fresh()
        return new

    def _fresh(self) -> None:
        """Per-index caches start empty (MentorIndex keeps its readings here)."""

    def _grow(self, cards: list[MentorCard]) -> None:
        """Append `cards` as new rows. Builds new containers rather than changing shared ones."""
        start, k = len(self.mentors), len(cards)
        built = start == 0 and not self._fields  # the first build: bm25s over every row
        self.mentors = self.mentors + cards
        self._pos = {**self._pos, **{m.person_id: start + j for j, m in enumerate(cards)}}
        self.alive = np.concatenate([self.alive, np.ones(k, dtype=bool)])
        self._grow_topics(cards, start)
        self._grow_paths(cards)
        docs = _fields(cards)
        if built:
            self._fields = {name: Bm25Field(rows) for name, rows in docs.items()} if k else {}
        else:
            self._fields = {name: field.appended(docs[name]) for name, field in self._fields.items()}
        # Typo repair knows the words of topics, career paths and titles (not bios).
        known = {w for m in cards for t in (*m.expertise, m.career_path, m.title) for w in words(t)}
        fresh = {w for w in known if len(w) >= 3 and w.isalpha()} - set(self._typo_choices)
        if fresh:
            self._typo_choices = tuple(sorted({*self._typo_choices, *fresh}))
        self._typo_vocab = self._typo_vocab | frozenset(analyse(" ".join(known)))
        years = [min(max(m.years, 0), YEARS_FOR_FULL_CREDIT) / YEARS_FOR_FULL_CREDIT for m in cards]
        self._years = np.concatenate([self._years, np.asarray(years, dtype=np.float64)])
        self._capacity = np.concatenate([self._capacity, np.asarray([m.capacity_left for m in cards], dtype=np.int64)])
        cadence = [CADENCE_CREDIT.get(m.offer_cadence.strip().casefold(), 0.75) for m in cards]
        self._cadence = np.concatenate([self._cadence, np.asarray(cadence, dtype=np.float64)])
        any_format = [not m.offer_format.strip() for m in cards]
        self._any_format = np.concatenate([self._any_format, np.asarray(any_format, dtype=bool)])
        self._values = _grown_postings(self._values, [fold(m.values) for m in cards], start)
        self._languages = _grown_postings(self._languages, [fold(m.languages) for m in cards], start)
        self._programs = _grown_postings(self._programs, [fold(m.programs) for m in cards], start)
        self._formats = _grown_postings(self._formats, [fold([m.offer_format]) for m in cards], start)
        self._career = _grown_postings(self._career, [analyse(m.career_path + " " + m.title) for m in cards], start)
        self._departments = _grown_postings(self._departments, [fold([m.department]) for m in cards], start)
        self._levels = _grown_postings(self._levels, [fold([m.level]) for m in cards], start)
        zone_ix = dict(self._zone_ix)
        zone_of = [zone_ix.setdefault(m.tz or "UTC", len(zone_ix)) for m in cards]
        self._zone_ix, self._zones = zone_ix, list(zone_ix)
        self._zone_of = np.concatenate([self._zone_of, np.asarray(zone_of, dtype=np.int32)])
        self._grow_name_rank(cards, start, built)

    def _grow_topics(self, cards: list[MentorCard], start: int) -> None:
        # Distinct topics: a directory of 100k people lists a few thousand topics; each is read once.
        topic_ix, first = dict(self._topic_ix), len(self._topic_ix)
        fresh: list[str] = []
        members: dict[int, list[int]] = {}
        for row, m in enumerate(cards, start):
            for t in m.expertise:
                key = t.strip().casefold()
                if key not in topic_ix:
                    topic_ix[key] = len(topic_ix)
                    fresh.append(t.strip())
                members.setdefault(topic_ix[key], []).append(row)
        self._topic_ix = topic_ix
        self._topics = self._topics + fresh
        self._topic_words = self._topic_words + [content(t) for t in fresh]
        self._topic_whole = self._topic_whole + [whole(t) for t in fresh]
        terms = [frozenset(analyse(t)) for t in fresh]
        self._topic_terms = self._topic_terms + terms
        adds: dict[str, list[int]] = {}
        for i, topic_terms in enumerate(terms, first):
            for term in topic_terms:
                adds.setdefault(term, []).append(i)
        self._topics_with = _grown_lists(self._topics_with, adds)
        grown = self._members + [np.zeros(0, dtype=np.int32)] * len(fresh)
        live = np.concatenate([self._topic_live, np.ones(len(fresh), dtype=bool)])
        for topic, rows in members.items():
            grown[topic] = np.concatenate([grown[topic], np.asarray(rows, dtype=np.int32)])
            live[topic] = True
        self._members, self._topic_live = grown, live
        if self.embedder is not None and fresh:
            vectors = self.embedder.embed(fresh)
            self._topic_vectors = vectors if self._topic_vectors is None else np.vstack([self._topic_vectors, vectors])
        width = max([self._topic_ids.shape[1], *(len(m.expertise) for m in cards)])
        ids = np.full((len(cards), width), -1, dtype=np.int32)
        for j, m in enumerate(cards):
            for slot, t in enumerate(m.expertise):
                ids[j, slot] = topic_ix[t.strip().casefold()]
        old = self._topic_ids
        if old.shape[1] < width:
            old = np.pad(old, ((0, 0), (0, width - old.shape[1])), constant_values=-1)
        self._topic_ids = np.vstack([old, ids]) if len(old) else ids

    def _grow_paths(self, cards: list[MentorCard]) -> None:
        """Distinct career paths, read once each for career moves."""
        path_ix = dict(self._path_ix)
        path_of = [path_ix.setdefault(m.career_path, len(path_ix)) for m in cards]
        fresh = list(path_ix)[len(self._path_ix):]
        self._path_ix, self._paths = path_ix, self._paths + fresh
        self._path_steps = self._path_steps + [career_steps(p) for p in fresh]
        self._path_of = np.concatenate([self._path_of, np.asarray(path_of, dtype=np.int32)])

    def _grow_name_rank(self, cards: list[MentorCard], start: int, built: bool) -> None:
        """Deterministic ties: more room first, then name, then id. Built rows rank 0..n-1 in that order; an appended
        row ranks between the built rows its key falls between (fractions keep appended rows in order too)."""
        if built:
            order = sorted(range(len(cards)), key=lambda i: _name_key(cards[i]))
            self._base_keys = [_name_key(cards[i]) for i in order]
            self._name_rank = np.empty(len(cards), dtype=np.float64)
            self._name_rank[order] = np.arange(len(cards), dtype=np.float64)
            return
        extra = sorted([*self._extra_keys, *((_name_key(m), start + j) for j, m in enumerate(cards))])
        rank = np.concatenate([self._name_rank, np.zeros(len(cards))])
        for q, (key, row) in enumerate(extra):
            rank[row] = bisect_left(self._base_keys, key) - 1 + (q + 1) / (len(extra) + 1)
        self._extra_keys, self._name_rank = extra, rank
