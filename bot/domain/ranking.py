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
and a handful of vector operations. A profile edit does not rebuild it: `with_changes` appends the new card and
retires the old row (bot/domain/mentor_rows.py).
"""

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from bot.domain.mentor_rows import MentorCard, MentorRows, fold
from bot.domain.search_filters import Filters
from bot.domain.search_text import (
    STOPWORDS,
    analyse,
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
from bot.domain.semantic import Embedder, model_words, thin
from bot.domain.timekeeping import zone

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
# ... for a question made only of words the model does not know well (semantic.thin: "gcp" is g + cp, 0.55 from
# "gRPC"): only a near-identical meaning counts ("Work-life balance" vs "work life balance" is 0.87).
SEMANTIC_THRESHOLD_THIN = 0.8
SEMANTIC_FLOOR = 0.4  # closeness below this is not worth spreading to mentors (see MentorIndex.read)
SHOW_FRACTION = 0.7  # shown only with a text score at least this share of the best one (calibrated)
# Within "text": the words typed now count more than the standing goals; with no words, goals are all of it.
WORDS_SHARE = 0.75
SLOTS_FOR_FULL_CREDIT = 3
WORKDAY_HOURS = 8
CLOSEST_TOPICS = 3  # topics named when nobody fits
READ_CACHE = 512  # texts whose reading an index remembers, at most...
READ_CACHE_BYTES = 32 << 20  # ...and at most this much memory (18 bytes a mentor a text: 27 texts at 100k)


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


def _overlap(a: tuple[str, ...], b: Iterable[str]) -> tuple[str, ...]:
    folded = set(fold(b))
    return tuple(x for x in a if x.casefold() in folded)


@lru_cache(maxsize=4096)
def thin_words(text: str) -> bool:
    """The words typed (asking words aside) are all ones the model cannot read (semantic.thin)."""
    typed = [w for w in words(text) if w not in STOPWORDS] or words(text)
    return bool(typed) and all(thin(w) for w in typed)


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
    sem_threshold: float = 0.5  # the cosine that made evidence by meaning for this text (SEMANTIC_THRESHOLD[_THIN])


class MentorIndex(MentorRows):
    """BM25 indexes plus precomputed criteria over mentors (the rows: bot/domain/mentor_rows.py), built once and
    queried many times; `with_changes` makes the next one from this one when profiles are edited."""

    def __init__(self, mentors: Iterable[MentorCard], embedder: Embedder | None | bool = True):
        super().__init__(mentors, embedder)
        self._fresh()

    def _fresh(self) -> None:
        self._reads: dict[tuple[str, bool], _Text] = {}  # (text, light) -> reading, oldest first (see read)
        self._reads_lock = threading.Lock()
        self._no_move = np.zeros(len(self.mentors))
        self._no_move.flags.writeable = False
        self._read_cap = max(8, min(READ_CACHE, READ_CACHE_BYTES // max(1, 18 * len(self.mentors))))

    def _add_field(self, score: np.ndarray, name: str, terms: list[str], weight: float,
                   mask: np.ndarray | None = None) -> None:
        """score += weight x the field's BM25 normalised to 0..1 (only where mask), in place: at 100k mentors
        every full-width array operation counts."""
        q = list(dict.fromkeys(t for t in terms if self._fields[name].knows(t)))
        if not q:
            return
        scores = self._fields[name].scores(q)
        if mask is not None:
            np.multiply(scores, mask, out=scores)
        if self.dead_rows:
            np.multiply(scores, self.alive, out=scores)
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
            parts = [p.without(leaving) for p in parts if p.core - leaving]
        asked = qset | whole(expand(text))
        ordered = in_order(text)
        typed_words = set(ordered[0])
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
            # covers most of one part of what is asked, words met through an abbreviation or synonym included
            # ("burning out" -> burnout), when the topic is what it means (search_text.Part.covered_by)
            covers = any(part.covered_by(self._topic_whole[i], hit) for part in parts)
            topic_ok[i] = full or covers
            # in order as written; a topic that is itself an alias also in order as spelled out, against the words
            # spelled out ("Query tuning" is database performance, and so is "DB performance")
            # ... and in order against the words spelled out, when it names what an abbreviation means ("a11y" is
            # Accessibility; "Performance" is only the typed half of "DB performance")
            phrase[i] = float(_contiguous(own, ordered[0])
                              or any(_contiguous(own, o) and not set(own) <= typed_words for o in ordered[1:])
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
        w = TEXT_WEIGHTS
        ok_m, phrase_m, sem_m = np.zeros(n, dtype=bool), np.zeros(n, dtype=np.float32), np.zeros(n, dtype=np.float32)
        for t in np.flatnonzero(topic_ok).tolist():  # the few topics matched: mark the mentors listing them
            ok_m[self._members[t]] = True
            if phrase[t]:
                phrase_m[self._members[t]] = w["phrase"]  # once per mentor, however many topics in order
        # Each mentor's closest topic in meaning. Topics far below the threshold cannot make evidence and barely
        # move the order, so only those above SEMANTIC_FLOOR are spread, lowest first so the highest stays.
        near = np.flatnonzero(topic_sem >= SEMANTIC_FLOOR)
        for t in near[np.argsort(topic_sem[near], kind="stable")]:
            sem_m[self._members[t]] = topic_sem[t]
        score = sem_m * np.float32(w["semantic"])
        if topic_ok.any():
            self._add_field(score, "topics", terms, w["topics"], ok_m)
            score += phrase_m
        if wanted is not None:
            score += (w["move"] * move).astype(np.float32)
        if not light:  # light: the goals behind typed words (a quarter of the text score), no tie-breaker fields
            self._add_field(score, "career", terms, w["career"])
            self._add_field(score, "about", terms, w["about"])
        lexical = ok_m | (move >= 1.0) if wanted is not None else ok_m  # reaching the destination from
        # elsewhere only adds to the score
        moved = move >= 1.0 if wanted is not None and wanted.origin else None
        threshold = SEMANTIC_THRESHOLD_THIN if thin_words(text) else SEMANTIC_THRESHOLD
        return _Text(score, lexical | (sem_m >= threshold), topic_ok, topic_sem, move, lexical, moved, threshold)

    def closest_topics(self, text: str, count: int = CLOSEST_TOPICS) -> tuple[str, ...]:
        """The topics that exist nearest to the words: by meaning, else by spelling."""
        if not self._topics or not text.strip():
            return ()
        if self._topic_vectors is not None and self.embedder is not None:
            sims = np.where(self._topic_live, self._topic_vectors @ self.embedder.embed([text])[0], -1.0)
            return tuple(self._topics[i] for i in np.argsort(-sims, kind="stable")[:count] if sims[i] > 0)
        live = [t for t, ok in zip(self._topics, self._topic_live, strict=True) if ok]
        found = process.extract(text, live, scorer=fuzz.token_set_ratio, limit=count)
        return tuple(t for t, score, _ in found if score > 0)

    def repaired(self, text: str) -> str | None:
        """The words with typos repaired against the directory's vocabulary, or None if none was found."""
        return fix_typos(text, self._typo_vocab, self._typo_choices, real=model_words()) if self._typo_choices else None

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
            ok &= self._count(self._languages, fold(filters.languages)) > 0
        if filters.max_hours_apart is not None:
            ok &= (zone_apart <= filters.max_hours_apart)[self._zone_of]
        if filters.offer_format:
            ok &= (self._count(self._formats, [filters.offer_format.casefold()]) > 0) | self._any_format
        if filters.program and not filters.any_program:
            ok &= self._count(self._programs, [filters.program.strip().casefold()]) > 0
        if filters.department:
            ok &= self._count(self._departments, fold([filters.department])) > 0
        if filters.level:
            ok &= self._count(self._levels, fold([filters.level])) > 0
        return ok

    def _scored(self, seeker: Seeker, now: datetime, slots: np.ndarray, exclude: Iterable[str] = (),
                filters: Filters = Filters()) -> "_Scored":
        """The score of every mentor who qualifies for `seeker`, with the evidence behind it. The one place the fit
        is computed: search() pages it, fit_vector() and explain() serve matching rounds."""
        eligible = slots > 0
        if self.dead_rows:
            eligible &= self.alive
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
        seeker_values = fold(seeker.values)
        values = (self._count(self._values, seeker_values)[idx] / len(set(seeker_values))
                  if seeker_values else np.zeros(len(idx)))
        seeker_langs = fold(seeker.languages)
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
        ids = [t for t in self._topic_ids[i].tolist() if t >= 0]  # plain ints: numpy scalars cost per element
        oks = [x.topic_ok for x in texts if x is not None]
        return tuple(self._topics[t] for t in ids if any(ok[t] for ok in oks))

    def _close(self, i: int, text: _Text) -> tuple[str, ...]:
        """The mentor's topics that are evidence by meaning only (not already matched as words)."""
        ids = [t for t in self._topic_ids[i].tolist() if t >= 0 and not text.topic_ok[t]
               and text.topic_sem[t] >= text.sem_threshold]
        ids.sort(key=lambda t: -text.topic_sem[t])
        return tuple(self._topics[t] for t in ids[:2])

    def rank(self, seeker: Seeker, now: datetime, limit: int | None = None, **kw) -> list[Match]:
        return self.search(seeker, now, limit=limit, **kw).matches


def rank(seeker: Seeker, mentors: list[MentorCard], now: datetime, limit: int | None = None, **kw) -> list[Match]:
    return MentorIndex(mentors).rank(seeker, now, limit, **kw)
