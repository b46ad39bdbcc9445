"""Who fits best as a mentor, and why. Pure: no Slack, no database.

Text relevance is evidence first: a mentor is shown only for something real: a topic they list (matched as
words, stemmed, with abbreviations), a career move they made ("from QA to dev"), or a topic close in meaning
(semantic similarity over a calibrated threshold). A word in a bio or a title never shows anyone by itself; it only
breaks ties. Among those with evidence, BM25 (bm25s) per field, an in-order phrase bonus, the career move and the
semantic similarity make the text score (TEXT_WEIGHTS, calibrated by bench/calibrate.py on the labelled set in
bench/relevance/), and the guide's other criteria (experience, career path, values, time, time zone, language)
add to it (WEIGHTS). Mentors far below the best text score are left out (SHOW_FRACTION): noise, not choice.

MentorIndex is built once per directory version and queried many times: everything that does not depend on the
person asking (BM25 indexes, each distinct topic's words and embedding, years, capacity, cadence, postings of
values/languages/career words, time-zone ids) is precomputed, so a query costs a few BM25 lookups, one embedding
and a handful of vector operations.
"""

import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import bm25s
import numpy as np
from rapidfuzz import fuzz, process

from bot.domain.search_filters import Filters
from bot.domain.search_text import (
    analyse,
    career_steps,
    content,
    expand,
    fix_typos,
    in_order,
    segments,
    topic_move_fit,
    transition,
    transition_fit,
    whole,
    words,
)
from bot.domain.semantic import Embedder, default_embedder
from bot.domain.timekeeping import zone

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
# Within "text" (calibrated on bench/relevance/ by bench/calibrate.py, not by hand): expertise and goals far above
# a word in a title or bio.
TEXT_WEIGHTS = {
    "topics": 1.0,  # BM25 over the expertise the mentor lists
    "phrase": 1.0,  # a listed topic found whole and in order in the words ("design systems" is not "system design"),
    # also through the aliases both sides spell out ("Query tuning" and "DB performance" are database performance)
    "move": 2.0,  # the career move asked for, walked by the mentor in that order
    "semantic": 2.0,  # closest listed topic in meaning (cosine)
    "career": 0.2,  # BM25 over the career path's words
    "about": 0.05,  # BM25 over title and bio: a tie-breaker, never evidence
}
SEMANTIC_THRESHOLD = 0.5  # cosine at or above which a topic counts as evidence by meaning (calibrated)
SEMANTIC_FLOOR = 0.4  # closeness below this is not worth spreading to mentors (see MentorIndex.read)
SHOW_FRACTION = 0.7  # shown only with a text score at least this share of the best one (calibrated)
# Within "text": the words typed now count more than the standing goals; with no words, goals are all of it.
WORDS_SHARE = 0.75
YEARS_FOR_FULL_CREDIT = 15
SLOTS_FOR_FULL_CREDIT = 3
WORKDAY_HOURS = 8
# Within "time": half is slots left, half is the cadence offered (more often = more time invested).
CADENCE_CREDIT = {"weekly": 1.0, "biweekly": 0.75, "": 0.75, "flexible": 0.75, "monthly": 0.5}
CLOSEST_TOPICS = 3  # topics named when nobody fits
READ_CACHE = 512  # texts whose reading an index remembers, at most...
READ_CACHE_BYTES = 32 << 20  # ...and at most this much memory (18 bytes a mentor a text: 27 texts at 100k)


def tokens(text: str) -> list[str]:
    """Stemmed content words (no aliases)."""
    return content(text)


def expand_aliases(text: str) -> str:
    return expand(text)


def alias_tokens(text: str) -> list[str]:
    return analyse(text)


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
    offer_format: str = ""  # huddle / video / in person / "" (any)
    programs: tuple[str, ...] = ()


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
    close_topics: tuple[str, ...] = ()  # listed topics close in meaning to the words (no shared word)
    career_move: str = ""  # the mentor's career path, when it is the move asked for


@dataclass
class _Scored:
    """Everyone who qualifies for one seeker (positions idx in the index) and what their score is made of."""

    idx: np.ndarray
    score: np.ndarray
    parts: dict[str, np.ndarray]
    apart: np.ndarray
    slots_here: np.ndarray
    words: "_Text | None"
    goals: "_Text | None"
    lead: "_Text"
    did_you_mean: str
    query: str  # what was searched (repaired words, else the words, else the goals): for the closest topics


@dataclass(frozen=True)
class Ranking:
    total: int  # how many mentors qualify
    matches: list[Match]  # the requested page, best first
    did_you_mean: str = ""  # the words as searched when a typo was repaired
    closest_topics: tuple[str, ...] = ()  # when nobody fits: the nearest topics that do exist


def utc_offset_hours(tz: str, now: datetime) -> float:
    offset = now.astimezone(zone(tz)).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def hours_apart(tz_a: str, tz_b: str, now: datetime) -> float:
    diff = abs(utc_offset_hours(tz_a, now) - utc_offset_hours(tz_b, now)) % 24
    return min(diff, 24 - diff)


def _fold(items: Iterable[str]) -> list[str]:
    return [x.strip().casefold() for x in items if x.strip()]


def _overlap(a: tuple[str, ...], b: Iterable[str]) -> tuple[str, ...]:
    folded = set(_fold(b))
    return tuple(x for x in a if x.casefold() in folded)


def _postings(rows: list[Iterable[str]]) -> dict[str, np.ndarray]:
    """term -> indices of the rows that hold it (each row counted once per term)."""
    lists: dict[str, list[int]] = {}
    for i, terms in enumerate(rows):
        for term in set(terms):
            lists.setdefault(term, []).append(i)
    return {t: np.asarray(ix, dtype=np.int32) for t, ix in lists.items()}


def _bm25(docs: list[list[str]]):
    retriever = bm25s.BM25()
    retriever.index([d or [""] for d in docs], show_progress=False)
    return retriever, {t for d in docs for t in d}


def _contiguous(needle: Sequence[str], hay: Sequence[str]) -> bool:
    needle, hay, k = tuple(needle), tuple(hay), len(needle)
    return k > 0 and any(hay[i:i + k] == needle for i in range(len(hay) - k + 1))


@dataclass
class _Text:
    """One text (the words, or the goals) read against the whole directory."""
    score: np.ndarray  # per mentor, the text relevance
    evidence: np.ndarray  # per mentor, bool: something real to show them for
    topic_ok: np.ndarray  # per distinct topic, bool: matched as words
    topic_sem: np.ndarray  # per distinct topic, cosine with the text
    move: np.ndarray  # per mentor, transition fit
    lexical: np.ndarray  # per mentor, bool: evidence in words (a listed topic or the move), not only meaning
    # per mentor, bool, when the text is a career move from a named origin: who made that very move (see _scored)
    moved: np.ndarray | None = None


class MentorIndex:
    """BM25 indexes plus precomputed criteria over mentors, built once and queried many times."""

    def __init__(self, mentors: list[MentorCard], embedder: Embedder | None | bool = True):
        self.mentors = list(mentors)
        self.embedder = default_embedder() if embedder is True else (embedder or None)
        self._reads: dict[tuple[str, bool], _Text] = {}  # (text, light) -> reading, oldest first (see read)
        self._reads_lock = threading.Lock()
        self._no_move = np.zeros(len(self.mentors))
        self._no_move.flags.writeable = False
        self._read_cap = max(8, min(READ_CACHE, READ_CACHE_BYTES // max(1, 18 * len(self.mentors))))
        n = len(self.mentors)
        self._pos = {m.person_id: i for i, m in enumerate(self.mentors)}
        # Distinct topics: a directory of 100k people lists a few thousand topics; each is read once.
        topic_ix: dict[str, int] = {}
        for m in self.mentors:
            for t in m.expertise:
                topic_ix.setdefault(t.strip().casefold(), len(topic_ix))
        self._topics = [""] * len(topic_ix)
        for m in self.mentors:
            for t in m.expertise:
                i = topic_ix[t.strip().casefold()]
                self._topics[i] = self._topics[i] or t.strip()
        self._topic_words = [content(t) for t in self._topics]  # the topic's own words, in order
        self._topic_whole = [whole(t) for t in self._topics]  # all but grammar: naming the topic whole
        self._topic_terms = [frozenset(analyse(t)) for t in self._topics]  # with aliases
        self._topics_with: dict[str, list[int]] = {}  # term -> topics holding it: a query reads only those
        for i, terms in enumerate(self._topic_terms):
            for term in terms:
                self._topics_with.setdefault(term, []).append(i)
        width = max((len(m.expertise) for m in self.mentors), default=0)
        ids = np.full((n, width), -1, dtype=np.int32)
        for i, m in enumerate(self.mentors):
            for j, t in enumerate(m.expertise):
                ids[i, j] = topic_ix[t.strip().casefold()]
        self._topic_ids = ids  # (mentor, topic slot), for explanations
        members: list[list[int]] = [[] for _ in self._topics]
        for i, m in enumerate(self.mentors):
            for t in m.expertise:
                members[topic_ix[t.strip().casefold()]].append(i)
        self._members = [np.asarray(x, dtype=np.int32) for x in members]  # topic -> mentors listing it
        self._topic_vectors = (self.embedder.embed(self._topics) if self.embedder is not None and self._topics
                               else None)
        # Distinct career paths, read once each for career moves.
        path_ix: dict[str, int] = {}
        self._path_of = np.array([path_ix.setdefault(m.career_path, len(path_ix)) for m in self.mentors],
                                 dtype=np.int32)
        self._paths = list(path_ix)
        self._path_steps = [career_steps(p) for p in self._paths]
        # Fields: what the mentor lists, where they have been, and who they are (title, bio; tie-breaks only).
        self._fields = {}
        if n:
            self._fields["topics"] = _bm25([analyse(" ; ".join(m.expertise)) for m in self.mentors])
            self._fields["career"] = _bm25([analyse(m.career_path) for m in self.mentors])
            self._fields["about"] = _bm25([analyse(f"{m.title} {m.bio}") for m in self.mentors])
        # Typo repair knows the words of topics, career paths and titles (not bios).
        known = {w for m in self.mentors for t in (*m.expertise, m.career_path, m.title) for w in words(t)}
        self._typo_choices = tuple(sorted(w for w in known if len(w) >= 3 and w.isalpha()))
        self._typo_vocab = frozenset(analyse(" ".join(known)))
        self._years = np.array([min(max(m.years, 0), YEARS_FOR_FULL_CREDIT) for m in self.mentors],
                               dtype=np.float64) / YEARS_FOR_FULL_CREDIT
        self._capacity = np.array([m.capacity_left for m in self.mentors], dtype=np.int64)
        self._cadence = np.array([CADENCE_CREDIT.get(m.offer_cadence.strip().casefold(), 0.75)
                                  for m in self.mentors], dtype=np.float64)
        self._values = _postings([_fold(m.values) for m in self.mentors])
        self._languages = _postings([_fold(m.languages) for m in self.mentors])
        self._programs = _postings([_fold(m.programs) for m in self.mentors])
        self._formats = _postings([_fold([m.offer_format]) for m in self.mentors])
        self._any_format = np.array([not m.offer_format.strip() for m in self.mentors], dtype=bool)
        self._career = _postings([analyse(m.career_path + " " + m.title) for m in self.mentors])
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

    def _add_field(self, score: np.ndarray, name: str, terms: list[str], weight: float,
                   mask: np.ndarray | None = None) -> None:
        """score += weight x the field's BM25 normalised to 0..1 (only where mask), in place: at 100k mentors
        every full-width array operation counts."""
        retriever, vocab = self._fields[name]
        q = [t for t in dict.fromkeys(terms) if t in vocab]
        if not q:
            return
        scores = np.asarray(retriever.get_scores(q), dtype=np.float32)
        if mask is not None:
            np.multiply(scores, mask, out=scores)
        top = float(scores.max())
        if top > 0:
            np.multiply(scores, weight / top, out=scores)
            score += scores

    def text_scores(self, query: str) -> np.ndarray:
        return self.read(query).score

    def read(self, text: str, light: bool = False) -> _Text:
        """How well each mentor fits one text, and whether there is evidence for it. Remembered for the last
        READ_CACHE texts: a person's standing goals come with each of their requests, and Show more asks again."""
        key = (text, light)
        with self._reads_lock:
            found = self._reads.get(key)
        if found is not None:
            return found
        found = self._read(text, light)
        with self._reads_lock:
            self._reads[key] = found
            if len(self._reads) > self._read_cap:
                self._reads.pop(next(iter(self._reads)))
        return found

    def _read(self, text: str, light: bool) -> _Text:
        n, ntopics = len(self.mentors), len(self._topics)
        terms = analyse(text)
        parts = segments(text)
        qset = set(terms)
        wanted = transition(text)
        if wanted is not None and wanted.origin_text:  # where the person is leaving is no topic to learn
            leaving = set(analyse(wanted.origin_text)) - set(analyse(text.casefold().replace(wanted.origin_text, " ")))
            qset -= leaving
            parts = [p - leaving for p in parts if p - leaving]
        asked = qset | whole(expand(text))
        ordered = in_order(text)
        # Topic by topic: matched as words when all its words are asked for, or it covers most of what is asked.
        topic_ok = np.zeros(ntopics, dtype=bool)
        phrase = np.zeros(ntopics)
        for i in sorted({t for term in qset for t in self._topics_with.get(term, ())}):
            own, hit = self._topic_words[i], self._topic_terms[i] & qset
            if not hit:
                continue
            # a topic written as a career move counts for the move asked only, in its direction
            as_move = topic_move_fit(wanted, self._topics[i]) if wanted is not None else None
            if as_move is not None:
                topic_ok[i] = as_move
                phrase[i] = float(as_move)
                continue
            full = bool(own) and set(own) <= qset and self._topic_whole[i] <= asked
            # covers most of one part of what is asked; a word met only through an abbreviation or synonym
            # ("burning out" -> burnout) counts as one
            covers = any((len(hit & core) + bool(hit - core)) / len(core) > 0.5 for core in parts)
            topic_ok[i] = full or covers
            # in order as written; a topic that is itself an alias also in order as spelled out, against the words
            # spelled out ("Query tuning" is database performance, and so is "DB performance")
            phrase[i] = float(_contiguous(own, ordered[0])
                              or any(_contiguous(f, o) for f in in_order(self._topics[i])[1:] for o in ordered[1:]))
        topic_sem = np.zeros(ntopics)
        if self._topic_vectors is not None and self.embedder is not None and ntopics and text.strip():
            topic_sem = self._topic_vectors @ self.embedder.embed([text])[0]
        move = self._no_move  # shared and never written: most questions are not career moves
        if wanted is not None and self._paths:
            fits = np.array([transition_fit(wanted, p) if steps else 0.0
                             for p, steps in zip(self._paths, self._path_steps, strict=True)])
            move = fits[self._path_of]
        if not n:
            return _Text(np.zeros(0), np.zeros(0, dtype=bool), topic_ok, topic_sem, move, np.zeros(0, dtype=bool))
        ok_m, phrase_m, sem_m = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool), np.zeros(n, dtype=np.float32)
        for t in np.flatnonzero(topic_ok):  # the few topics matched: mark the mentors listing them
            ok_m[self._members[t]] = True
            if phrase[t]:
                phrase_m[self._members[t]] = True
        # Each mentor's closest topic in meaning. Topics far below the threshold cannot make evidence and barely
        # move the order, so only those above SEMANTIC_FLOOR are spread, lowest first so the highest stays.
        near = np.flatnonzero(topic_sem >= SEMANTIC_FLOOR)
        for t in near[np.argsort(topic_sem[near], kind="stable")]:
            sem_m[self._members[t]] = topic_sem[t]
        w = TEXT_WEIGHTS
        score = sem_m * np.float32(w["semantic"])
        if topic_ok.any():
            self._add_field(score, "topics", terms, w["topics"], ok_m)
            score[phrase_m] += w["phrase"]
        if wanted is not None:
            score += (w["move"] * move).astype(np.float32)
        if not light:  # light: the goals behind typed words (a quarter of the text score), no tie-breaker fields
            self._add_field(score, "career", terms, w["career"])
            self._add_field(score, "about", terms, w["about"])
        lexical = ok_m | (move >= 1.0) if wanted is not None else ok_m  # reaching the destination from
        # elsewhere only adds to the score
        moved = move >= 1.0 if wanted is not None and wanted.origin else None
        return _Text(score, lexical | (sem_m >= SEMANTIC_THRESHOLD), topic_ok, topic_sem, move, lexical, moved)

    def closest_topics(self, text: str, count: int = CLOSEST_TOPICS) -> tuple[str, ...]:
        """The topics that exist nearest to the words: by meaning, else by spelling."""
        if not self._topics or not text.strip():
            return ()
        if self._topic_vectors is not None and self.embedder is not None:
            sims = self._topic_vectors @ self.embedder.embed([text])[0]
            return tuple(self._topics[i] for i in np.argsort(-sims, kind="stable")[:count] if sims[i] > 0)
        found = process.extract(text, self._topics, scorer=fuzz.token_set_ratio, limit=count)
        return tuple(t for t, score, _ in found if score > 0)

    def repaired(self, text: str) -> str | None:
        """The words with typos repaired against the directory's vocabulary, or None if none was found."""
        return fix_typos(text, self._typo_vocab, self._typo_choices) if self._typo_choices else None

    def _count(self, postings: dict[str, np.ndarray], terms: Iterable[str]) -> np.ndarray:
        n = len(self.mentors)
        hits = [postings[t] for t in set(terms) if t in postings]
        if not hits:
            return np.zeros(n)
        return np.bincount(np.concatenate(hits), minlength=n).astype(np.float64)

    def slots_after(self, taken: Mapping[str, int] | None) -> np.ndarray:
        """Slots left per mentor once `taken` (mentor id -> open mentorships) is subtracted. Callers may cache it
        while the mentorships do not change (bot.features.findmentor does)."""
        slots = self._capacity.copy()
        if taken:
            where = np.fromiter((self._pos.get(p, -1) for p in taken), dtype=np.int64, count=len(taken))
            counts = np.fromiter(taken.values(), dtype=np.int64, count=len(taken))
            known = where >= 0
            np.subtract.at(slots, where[known], counts[known])
        return slots

    def _zone_apart(self, seeker_tz: str, now: datetime) -> np.ndarray:
        """Hours apart per distinct time zone of the directory (index with self._zone_of)."""
        mine = utc_offset_hours(seeker_tz, now)
        zone_apart = np.array([abs(utc_offset_hours(z, now) - mine) % 24 for z in self._zones])
        return np.minimum(zone_apart, 24 - zone_apart)

    def _allowed(self, filters: Filters, zone_apart: np.ndarray) -> np.ndarray:
        n = len(self.mentors)
        ok = np.ones(n, dtype=bool)
        if filters.languages:
            ok &= self._count(self._languages, _fold(filters.languages)) > 0
        if filters.max_hours_apart is not None:
            ok &= (zone_apart <= filters.max_hours_apart)[self._zone_of]
        if filters.offer_format:
            ok &= (self._count(self._formats, [filters.offer_format.casefold()]) > 0) | self._any_format
        if filters.program and not filters.any_program:
            ok &= self._count(self._programs, [filters.program.strip().casefold()]) > 0
        return ok

    def _scored(self, seeker: Seeker, now: datetime, slots: np.ndarray, exclude: Iterable[str] = (),
                filters: Filters = Filters()) -> "_Scored":
        """The score of every mentor who qualifies for `seeker`, with the evidence behind it. The one place the fit
        is computed: search() pages it, fit_vector() and explain() serve matching rounds."""
        eligible = slots > 0
        for person_id in {seeker.person_id, *exclude}:
            i = self._pos.get(person_id)
            if i is not None:
                eligible[i] = False
        zone_apart = self._zone_apart(seeker.tz, now)
        if filters:
            eligible &= self._allowed(filters, zone_apart)

        words_, goals = seeker.words.strip(), seeker.goals.strip()
        did_you_mean = ""
        w = self.read(words_) if words_ else None
        # Nobody matched in words, and a word is unknown to the directory but close to one it knows: search the
        # repaired words, and say so ("pyhton" would otherwise find PyTorch by meaning).
        if w is not None and not (w.lexical & eligible).any():
            fixed = self.repaired(words_)
            if fixed:
                did_you_mean = words_ = fixed
                w = self.read(fixed)
        g = self.read(goals, light=w is not None) if goals else None
        lead = w if w is not None else g
        assert lead is not None  # the query is not empty: words or goals
        # Evidence first; then, for typed words, only those near the best text score: the rest would be noise.
        # Standing goals are a list of several wants, each a fair reason on its own, so they are not cut.
        eligible &= lead.evidence
        # A career move from a named origin ("analyst to product manager") is answered by those who made that move
        # when anyone who may be shown did; people who only reached the destination from elsewhere, or only know
        # it as a topic, are the fallback, not noise beside them.
        if lead.moved is not None and (eligible & lead.moved).any():
            eligible &= lead.moved
        if w is not None and eligible.any():
            best = lead.score[eligible].max()
            eligible &= lead.score >= SHOW_FRACTION * best
        idx = np.flatnonzero(eligible)
        if not len(idx):
            return _Scored(idx, np.zeros(0), {}, np.zeros(0), np.zeros(0, dtype=np.int64), w, g, lead,
                           did_you_mean, words_ or goals)

        def norm(text: _Text | None) -> np.ndarray:
            if text is None:
                return np.zeros(len(idx))
            part = text.score[idx]
            top = part.max()
            return part / top if top > 0 else part

        text = norm(w) * WORDS_SHARE + norm(g) * (1 - WORDS_SHARE) if w is not None else norm(g)
        aspiration = set(analyse(seeker.career_aspiration))
        career = self._count(self._career, aspiration)[idx] / len(aspiration) if aspiration else np.zeros(len(idx))
        seeker_values = _fold(seeker.values)
        values = (self._count(self._values, seeker_values)[idx] / len(set(seeker_values))
                  if seeker_values else np.zeros(len(idx)))
        seeker_langs = _fold(seeker.languages)
        language = ((self._count(self._languages, seeker_langs)[idx] > 0).astype(np.float64)
                    if seeker_langs else np.ones(len(idx)))
        apart = zone_apart[self._zone_of[idx]]
        slots_here = slots[idx]
        parts = {
            "text": text,
            "experience": self._years[idx],
            "career": np.minimum(np.maximum(career, lead.move[idx]), 1.0),
            "values": np.minimum(values, 1.0),
            "time": 0.5 * np.minimum(slots_here, SLOTS_FOR_FULL_CREDIT) / SLOTS_FOR_FULL_CREDIT
            + 0.5 * self._cadence[idx],
            "timezone": np.maximum(0.0, WORKDAY_HOURS - apart) / WORKDAY_HOURS,
            "language": language,
        }
        score = np.round(sum(WEIGHTS[k] * v for k, v in parts.items()), 6)
        return _Scored(idx, score, parts, apart, slots_here, w, g, lead, did_you_mean, words_ or goals)

    def _match(self, seeker: Seeker, scored: "_Scored", j: int) -> Match:
        i = scored.idx[j]
        mentor = self.mentors[i]
        return Match(
            mentor=mentor, score=float(scored.score[j]), parts={k: float(v[j]) for k, v in scored.parts.items()},
            matched_topics=self._matched(i, scored.words, scored.goals), close_topics=self._close(i, scored.lead),
            career_move=mentor.career_path if scored.lead.move[i] >= 1.0 else "",
            shared_values=_overlap(mentor.values, seeker.values),
            shared_languages=_overlap(mentor.languages, seeker.languages),
            hours_apart=float(scored.apart[j]), slots_left=int(scored.slots_here[j]),
        )

    def search(self, seeker: Seeker, now: datetime, *, offset: int = 0, limit: int | None = None,
               exclude: Iterable[str] = (), taken: Mapping[str, int] | None = None,
               slots: np.ndarray | None = None, filters: Filters = Filters()) -> Ranking:
        """One page of the ranking. Pass `taken`, or `slots` from slots_after() when it is cached."""
        if not len(self.mentors) or not seeker.query.strip():
            return Ranking(0, [])
        if slots is None:
            slots = self.slots_after(taken)
        scored = self._scored(seeker, now, slots, exclude, filters)
        idx, score, slots_here = scored.idx, scored.score, scored.slots_here
        if not len(idx):
            return Ranking(0, [], did_you_mean=scored.did_you_mean, closest_topics=self.closest_topics(scored.query))
        # Only what the page needs is sorted: everyone scoring at least the k-th best score (ties included, so the
        # order stays exact), then np.lexsort, which sorts by the LAST key first: score desc, slots desc, name/id.
        end = len(idx) if limit is None else min(offset + limit, len(idx))
        cand = np.arange(len(idx))
        if 0 < end < len(idx):
            kth = np.partition(score, len(idx) - end)[len(idx) - end]
            cand = np.flatnonzero(score >= kth)
        order = cand[np.lexsort((self._name_rank[idx[cand]], -slots_here[cand], -score[cand]))]
        return Ranking(len(idx), [self._match(seeker, scored, j) for j in order[offset:end]],
                       did_you_mean=scored.did_you_mean)

    def fit_vector(self, seeker: Seeker, now: datetime, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                                       np.ndarray]:
        """(mentor indices, fit, hours apart) for every mentor who qualifies: the same score and evidence as search(),
        for all of them at once and without building a Match each (a matching round scores every mentee this way)."""
        if not len(self.mentors) or not seeker.query.strip():
            empty = np.zeros(0)
            return empty.astype(np.int64), empty, empty
        scored = self._scored(seeker, now, slots)
        return scored.idx, scored.score, scored.apart

    def explain(self, seeker: Seeker, mentor_id: str, now: datetime, slots: np.ndarray) -> Match | None:
        """The Match (score and why) of one mentor for `seeker`, exactly as search() would show it."""
        i = self._pos.get(mentor_id)
        if i is None or not seeker.query.strip():
            return None
        scored = self._scored(seeker, now, slots)
        where = np.flatnonzero(scored.idx == i)
        return self._match(seeker, scored, int(where[0])) if len(where) else None

    def _matched(self, i: int, *texts: _Text | None) -> tuple[str, ...]:
        ids = [t for t in self._topic_ids[i] if t >= 0]
        return tuple(self._topics[t] for t in ids if any(x is not None and x.topic_ok[t] for x in texts))

    def _close(self, i: int, text: _Text) -> tuple[str, ...]:
        """The mentor's topics that are evidence by meaning only (not already matched as words)."""
        ids = [t for t in self._topic_ids[i] if t >= 0 and not text.topic_ok[t]
               and text.topic_sem[t] >= SEMANTIC_THRESHOLD]
        ids.sort(key=lambda t: -text.topic_sem[t])
        return tuple(self._topics[t] for t in ids[:2])

    def rank(self, seeker: Seeker, now: datetime, limit: int | None = None, **kw) -> list[Match]:
        return self.search(seeker, now, limit=limit, **kw).matches


def rank(seeker: Seeker, mentors: list[MentorCard], now: datetime, limit: int | None = None, **kw) -> list[Match]:
    return MentorIndex(mentors).rank(seeker, now, limit, **kw)
