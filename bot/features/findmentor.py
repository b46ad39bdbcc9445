"""/findmentor: from words (or the caller's goals) to a ranked answer, and the suggestions other flows reuse.

The MentorIndex is cached per engine, keyed by storage.mentor_search.directory_version(): a warm request costs
three statements (the seeker, the caller's exclusions, the slots version), pinned by
tests/features/test_findmentor_statements.py, and the ranking itself. The directory version is read once a second by
one background thread per engine (the refresher), whether requests come or not.

No request waits for the index to change: requests keep using the index they have while the refresher makes the
next and swaps it in. A profile edit is patched in (the people stamped
since the index's version are re-read and `MentorIndex.with_changes` appends their cards: milliseconds at 100k
mentors), so it reaches results within about a second. A full build (seconds at 100k) happens only when patching
cannot be trusted or has piled up: more than PATCH_LIMIT people stamped at once (an import, a bulk enrolment), dead
rows over REBUILD_SHARE of the index, or a patch that still does not hold every mentor. (Joining a program stamps the
person, as their programs are on their card; an erasure leaves no stamp, so a patch that counts one mentor too many
compares ids.)
Only the very first request of a process builds in line.
"""

import gc
import logging
import threading
import weakref
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import search_filters
from bot.domain.profile import is_mentor
from bot.domain.ranking import MentorCard, MentorIndex, Ranking, Seeker
from bot.domain.search_filters import Filters
from bot.slack.blocks import findmentor as render
from storage.db import session_scope
from storage.matching import seeker_for
from storage.mentor_search import (
    directory_version,
    excluded_mentor_ids,
    mentor_cards,
    mentor_count,
    mentor_ids,
    slots_version,
    taken_slots,
    touched_since,
)
from storage.models import Person, Profile
from storage.people import get_profile

# The version check scans three tables (about 10 ms at 10k people on PostgreSQL), so it runs once a second per
# process, off the request path: a profile edit or a deactivation reaches /findmentor within about a second.
# Exclusions and slots are read on every request, and sending a request re-reads the mentor (available_card).
DIRECTORY_RECHECK_SECONDS = 1.0
PATCH_LIMIT = 1000  # people stamped since the last version, at most, for a patch rather than a build
REBUILD_SHARE = 0.05  # dead rows (edited or departed mentors' old rows) over this share of the index: build anew
REBUILD_MIN_DEAD = 500  # ...and at least this many (small directories build in milliseconds anyway)
# A transaction stamps updated_at before it commits: a patch re-reads everyone stamped since this long before the
# index's version was read, so a commit that lands late is not missed (the bot's transactions take milliseconds;
# cards that did not change are skipped, so re-reading costs no rows). Right after an import, more than PATCH_LIMIT
# people are that recent, so an edit in those seconds builds in full.
COMMIT_MARGIN = timedelta(seconds=10)
_cache: "weakref.WeakKeyDictionary[Engine, _Cached]" = weakref.WeakKeyDictionary()
_slots_cache: "weakref.WeakKeyDictionary[MentorIndex, tuple[tuple, object]]" = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()
_refreshers: "weakref.WeakKeyDictionary[Engine, threading.Event]" = weakref.WeakKeyDictionary()
_refresh_locks: "weakref.WeakKeyDictionary[Engine, threading.Lock]" = weakref.WeakKeyDictionary()
log = logging.getLogger(__name__)


class _Cached(NamedTuple):
    version: tuple  # storage.mentor_search.directory_version() when the index was made...
    read_at: datetime  # ...read at this time (before reading it): a patch re-reads who was stamped since
    index: MentorIndex


def _patchable(index: MentorIndex) -> bool:
    """Whether changes may be patched into `index`: not once its dead rows pile up (see the module docstring)."""
    return index.dead_rows < max(REBUILD_MIN_DEAD, REBUILD_SHARE * len(index))


def _patched(session: Session, since: datetime, index: MentorIndex) -> MentorIndex | None:
    """`index` with the people stamped since `since` re-read, or None if it must be built anew."""
    touched = touched_since(session, since - COMMIT_MARGIN, PATCH_LIMIT)
    if touched is None:
        return None
    cards = mentor_cards(session, only=touched)
    changed = [c for c in cards if index.card(c.person_id) != c]
    gone = {p for p in touched if index.card(p) is not None} - {c.person_id for c in cards}
    patched = index.with_changes(changed, gone) if changed or gone else index
    held = mentor_count(session)
    if patched.live != held:  # someone left without a stamp of their own (an erasure deletes the person row)
        missing = patched.ids() - mentor_ids(session)
        patched = patched.with_changes([], missing) if missing else patched
    return patched if patched.live == held else None  # still not the directory: build anew


def _built(session: Session) -> MentorIndex:
    """Build the whole index with CPython's cycle collector off, then move what it made out of the collector's sight.
    A build allocates millions of objects, and every so many allocations the collector walks every tracked object
    in the process (the index being served included) while holding the GIL: 200-450 ms pauses for every request
    thread, /findmentor's p99 at 835 ms during a 100k build. The index holds no reference cycles, so it needs no
    collector: gc.freeze() keeps the collector from walking it again (reference counting still frees it when a newer
    index replaces it). Measured at 100k: the build's longest pause went from 445 ms to under 30 ms, and the build
    from 10.6 s to 5.7 s."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        index = MentorIndex(mentor_cards(session))
        gc.freeze()  # no collection first: with the collector off, every object the build made is still "young"
        return index
    finally:
        if enabled:
            gc.enable()


def _next(engine: Engine) -> None:
    """Bring this engine's cached index up to the directory's version, patching where it can; repeat while the
    directory moves on under us (a few rounds at most: patches take milliseconds). One at a time per engine."""
    with _refresh_lock(engine):
        for _ in range(5):
            with _cache_lock:
                cached = _cache[engine]
            read_at = datetime.now(UTC)
            with session_scope(engine) as session:
                latest = directory_version(session)
                if latest == cached.version:
                    return
                patched = _patched(session, cached.read_at, cached.index) if _patchable(cached.index) else None
                fresh = patched if patched is not None else _built(session)
            with _cache_lock:
                _cache[engine] = _Cached(latest, read_at, fresh)


def _refresh_lock(engine: Engine) -> threading.Lock:
    with _cache_lock:
        return _refresh_locks.setdefault(engine, threading.Lock())


def _refresh_loop(engine_ref: "weakref.ref[Engine]", stop: threading.Event) -> None:
    """Once a second, whether requests come or not: an edit reaches the next /findmentor even in a quiet workspace,
    and no request ever waits for the check. Ends with the engine (or stop_refreshing)."""
    failing = False
    while not stop.wait(max(DIRECTORY_RECHECK_SECONDS, 0.05)):
        engine = engine_ref()
        if engine is None:
            return
        try:
            _next(engine)
        except Exception as exc:  # the database is down, say: the index in hand keeps answering; try again
            if not failing:  # once per outage, not once a second
                log.warning("mentor index refresh failing, retrying each second: %s", type(exc).__name__)
            failing = True
        else:
            if failing:
                log.info("mentor index refresh recovered")
            failing = False
        del engine


def _refreshing(engine: Engine) -> None:
    """Start this engine's refresher unless it runs."""
    with _cache_lock:
        if engine in _refreshers:
            return
        stop = _refreshers[engine] = threading.Event()
    threading.Thread(target=_refresh_loop, args=(weakref.ref(engine), stop), name="mentor-index",
                     daemon=True).start()


def stop_refreshing(engine: Engine) -> None:
    """For a process that is done with an engine (the test harness closing a stack)."""
    with _cache_lock:
        stop = _refreshers.pop(engine, None)
    if stop is not None:
        stop.set()


def wait_for_rebuild(engine: Engine) -> None:
    """For tests and benchmarks: bring the index up to the directory now (what the refresher does each second)."""
    if mentor_index_of(engine) is not None:
        _next(engine)


def mentor_index_of(engine: Engine) -> MentorIndex | None:
    """The index this process serves for `engine` now, without looking for changes (tests, benchmarks)."""
    with _cache_lock:
        cached = _cache.get(engine)
    return cached.index if cached else None


def mentor_index(session: Session) -> MentorIndex:
    """The index to answer from now; the refresher keeps it up to date, so a request never waits for that."""
    engine = session.get_bind()
    with _cache_lock:
        cached = _cache.get(engine)
    if cached:
        return cached.index
    read_at = datetime.now(UTC)  # the first request of a process has nothing to serve yet: it builds in line
    version = directory_version(session)
    index = _built(session)
    with _cache_lock:
        _cache.setdefault(engine, _Cached(version, read_at, index))
        index = _cache[engine].index
    _refreshing(engine)
    return index


def slots(session: Session, index: MentorIndex):
    """Slots left per mentor of `index`, cached while no mentorship opens or closes."""
    version = slots_version(session)
    with _cache_lock:
        cached = _slots_cache.get(index)
        if cached and cached[0] == version:
            return cached[1]
    array = index.slots_after(taken_slots(session))
    with _cache_lock:
        _slots_cache[index] = (version, array)
    return array


def search(session: Session, seeker: Seeker, now: datetime, *, offset: int = 0, limit: int = render.TOP_N,
           also_exclude: set[str] = frozenset(), filters: Filters = Filters()) -> Ranking:
    index = mentor_index(session)
    exclude = excluded_mentor_ids(session, seeker.person_id, now, within_programs=not filters.any_program) \
        | set(also_exclude)
    return index.search(seeker, now, offset=offset, limit=limit, exclude=exclude, slots=slots(session, index),
                        filters=filters)


def find_mentors(engine: Engine, user_id: str, words: str, now: datetime, offset: int = 0,
                 filters: Filters | None = None) -> dict:
    """The message to show the caller (ephemeral). `filters` None: read them from the words as typed."""
    if filters is None:
        parsed = search_filters.read(words)
        if parsed.problems:
            return render.bad_filters(parsed.problems)
        words, filters = parsed.words, parsed.filters
    words = words.strip()
    with session_scope(engine) as session:
        seeker = seeker_for(session, user_id, words)
        if not seeker.query.strip():
            return render.need_words()
        found = search(session, seeker, now, offset=max(offset, 0), filters=filters)
    words = found.did_you_mean or words  # what was searched: the buttons carry it, the header names it
    label = words or "your goals"
    if not found.total:
        return render.no_match(label, found.closest_topics, filters, found.did_you_mean, words)
    if not found.matches:  # a page past the end (an old "Show more"): start again
        return find_mentors(engine, user_id, words, now, 0, filters)
    return render.results(label, found.matches, found.total, words=words, offset=offset, filters=filters,
                          did_you_mean=found.did_you_mean)


def suggestions_for(session: Session, mentee_id: str, now: datetime, topics: list[str], skip: set[str],
                    count: int = 3) -> list:
    """Next mentors for someone whose request ended: mentors who know what drew them to the last one (those topics
    act as search words, so every suggestion fits them), ranked with their goals too; by goals alone when the
    request carried no topics. At most `count`, possibly fewer: the caller says how many it shows."""
    seeker = seeker_for(session, mentee_id, " ".join(topics))
    if not seeker.query.strip():
        return []
    return search(session, seeker, now, limit=count, also_exclude=skip).matches


def available_card(session: Session, mentee_id: str, mentor_id: str, now: datetime) -> tuple[MentorCard, int] | None:
    """The mentor's card and slots left if mentee_id may ask them now; None if not (forged or stale clicks)."""
    if mentor_id == mentee_id:
        return None
    card = mentor_index(session).card(mentor_id)
    # The programs only scope the search (`program:any` widens it); whom one may ask is not limited by them.
    if card is None or mentor_id in excluded_mentor_ids(session, mentee_id, now, within_programs=False):
        return None
    # Writes re-read the mentor rather than trust the cached card (it may be up to a second old).
    person, profile = session.get(Person, mentor_id), session.get(Profile, mentor_id)
    if person is None or not person.active or profile is None or not is_mentor(profile.role):
        return None
    left = profile.capacity - taken_slots(session).get(mentor_id, 0)
    return (card, left) if left > 0 else None


def profile_card(session: Session, mentor_id: str) -> tuple[MentorCard, int] | None:
    index = mentor_index(session)
    card = index.card(mentor_id)
    if card is None:
        return None
    return card, card.capacity_left - taken_slots(session).get(mentor_id, 0)


def profile_view(engine: Engine, mentor_id: str) -> dict | None:
    """"View profile" on a result: the mentor's profile modal, or None if they are not a searchable mentor."""
    with session_scope(engine) as session:
        found = profile_card(session, mentor_id)
        if found is None:
            return None
        profile = get_profile(session, mentor_id)
    card, left = found
    return render.profile_modal(card, left, profile.offer_format if profile else "")
