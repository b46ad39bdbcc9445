"""The people directory from Slack: the sync behind `mentorbot sync-users`, and users.info for one person.

users.list is Tier 2 (about 20 calls a minute): pages are paced, and a 429's Retry-After is honoured by the
client's RateLimitErrorRetryHandler (bot.slack.client.make_client). Each page is committed on its own, so an interrupted sync
keeps what it did and a rerun finishes the rest (upserts are idempotent)."""

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.errors import SlackApiError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.domain.directory import DirectoryEntry, entry_from_slack
from storage.db import session_scope
from storage.directory import apply_entry, partners
from storage.people import get_person

log = logging.getLogger(__name__)

TIER2_INTERVAL = 3.0  # seconds between users.list calls: 20 a minute
PAGE_SIZE = 200  # Slack recommends at most 200 per page


class Pacer:
    """At most one call per `interval` seconds. Time and sleep are injected so tests need not wait."""

    def __init__(self, interval: float, sleep: Callable[[float], None] = time.sleep,
                 monotonic: Callable[[], float] = time.monotonic):
        self.interval, self.sleep, self.monotonic = interval, sleep, monotonic
        self._last: float | None = None

    def wait(self) -> None:
        if self._last is not None:
            remaining = self.interval - (self.monotonic() - self._last)
            if remaining > 0:
                self.sleep(remaining)
        self._last = self.monotonic()


@dataclass
class SyncReport:
    pages: int
    outcomes: Counter

    def summary(self) -> str:
        o = self.outcomes
        return (f"synced {self.pages} page(s) of users.list: {o['created']} new, {o['updated']} updated, "
                f"{o['deactivated']} deactivated, {o['reactivated']} reactivated, {o['skipped']} bots skipped"
                + (f", {o['ignored']} deactivated and unknown (not stored)" if o["ignored"] else ""))


def sync_users(engine: Engine, client, *, page_size: int = PAGE_SIZE, pacer: Pacer | None = None) -> SyncReport:

    pacer = pacer or Pacer(TIER2_INTERVAL)
    outcomes: Counter = Counter()
    cursor, pages = None, 0
    while True:
        pacer.wait()
        response = client.users_list(limit=page_size, cursor=cursor) if cursor else client.users_list(limit=page_size)
        pages += 1
        with session_scope(engine) as session:
            for user in response.get("members") or []:
                entry = entry_from_slack(user)
                outcomes[apply_entry(session, entry) if entry else "skipped"] += 1
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return SyncReport(pages=pages, outcomes=outcomes)


def refresh_person(engine: Engine, client, user_id: str) -> DirectoryEntry | None:
    """Ask Slack (users.info, Tier 4) about one person and store what it says. None if Slack cannot say."""
    try:
        entry = entry_from_slack(client.users_info(user=user_id).get("user") or {})
    except SlackApiError as exc:
        log.warning("users.info failed: %s", exc.response.get("error"))
        return None
    if entry is None:
        return None
    try:
        with session_scope(engine) as session:
            apply_entry(session, entry)
    except IntegrityError:  # a team_join for the same new person inserted them meanwhile: update that row
        with session_scope(engine) as session:
            apply_entry(session, entry)
    return entry


def apply_slack_user(engine: Engine, user: dict, now: datetime) -> tuple[str | None, list[str]]:
    """team_join / user_change: store what Slack says of the person. Returns the outcome and, when they were
    deactivated or came back, their active partners (whose Home shows the pair's new state)."""
    entry = entry_from_slack(user)
    if entry is None:
        return None, []
    with session_scope(engine) as session:
        outcome = apply_entry(session, entry, now)
        others = partners(session, entry.slack_id) if outcome in ("deactivated", "reactivated") else []
        others = [o for o in others if (p := get_person(session, o)) is not None and p.active]
    return outcome, others
