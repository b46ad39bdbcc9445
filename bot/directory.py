"""The people directory from Slack: `mentorbot sync-users`, and the mapping team_join / user_change share.

users.list is Tier 2 (about 20 calls a minute): pages are paced, and a 429's Retry-After is honoured by the
client's RateLimitErrorRetryHandler (bot.app.make_client). Each page is committed on its own, so an interrupted sync
keeps what it did and a rerun finishes the rest (upserts are idempotent)."""

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

SLACKBOT_ID = "USLACKBOT"  # listed by users.list with is_bot false
TIER2_INTERVAL = 3.0  # seconds between users.list calls: 20 a minute
PAGE_SIZE = 200  # Slack recommends at most 200 per page


@dataclass(frozen=True)
class DirectoryEntry:
    slack_id: str
    name: str
    title: str
    tz: str
    email: str | None
    deleted: bool


def entry_from_slack(user: dict) -> DirectoryEntry | None:
    """A person from a Slack user object, or None for bots, apps and Slackbot (never people to mentor)."""
    if not isinstance(user, dict) or not user.get("id"):
        return None
    if user.get("is_bot") or user.get("is_app_user") or user["id"] == SLACKBOT_ID:
        return None
    profile = user.get("profile") or {}
    name = profile.get("real_name") or user.get("real_name") or profile.get("display_name") or user.get("name") or ""
    return DirectoryEntry(slack_id=user["id"], name=name[:255], title=(profile.get("title") or "")[:255],
                          tz=(user.get("tz") or "")[:64], email=profile.get("email") or None,
                          deleted=bool(user.get("deleted")))


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
                f"{o['deactivated']} deactivated, {o['reactivated']} reactivated, {o['skipped']} bots skipped")


def sync_users(engine: Engine, client, *, page_size: int = PAGE_SIZE, pacer: Pacer | None = None) -> SyncReport:
    from storage.db import session_scope
    from storage.directory import apply_entry

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


def cmd_sync_users(args, env) -> int:
    from slack_sdk.errors import SlackApiError

    from bot.app import make_client
    from bot.cli import CliError, engine_checked
    from bot.config import ConfigError, load_settings

    # Only the bot token is needed here: no signing secret, no app token.
    settings = load_settings(env, require_slack=False)
    if not settings.bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN", "expected a bot token starting with xoxb-")
    if args.page_size < 1 or args.page_size > 1000 or args.pace < 0:
        raise CliError("--page-size must be 1–1000 and --pace at least 0", code=2)
    engine = engine_checked(settings.database_url)
    try:
        report = sync_users(engine, make_client(settings, max_retries=5), page_size=args.page_size,
                            pacer=Pacer(args.pace))
    except SlackApiError as exc:
        raise CliError(f"users.list failed: {exc.response.get('error')}") from None
    print(report.summary())
    return 0


def add_commands(subparsers) -> None:
    sync = subparsers.add_parser("sync-users", help="update people from Slack's users.list (names, titles, "
                                                    "time zones, deactivations)")
    sync.add_argument("--page-size", type=int, default=PAGE_SIZE, help=f"users per page (default {PAGE_SIZE})")
    sync.add_argument("--pace", type=float, default=TIER2_INTERVAL,
                      help=f"seconds between pages (default {TIER2_INTERVAL:g}: Slack's Tier 2 is ~20 calls/min)")
    sync.set_defaults(func=cmd_sync_users)


def refresh_person(engine: Engine, client, user_id: str) -> DirectoryEntry | None:
    """Ask Slack (users.info, Tier 4) about one person and store what it says. None if Slack cannot say."""
    from slack_sdk.errors import SlackApiError

    from storage.db import session_scope
    from storage.directory import apply_entry

    try:
        entry = entry_from_slack(client.users_info(user=user_id).get("user") or {})
    except SlackApiError as exc:
        log.warning("users.info failed: %s", exc.response.get("error"))
        return None
    if entry is not None:
        with session_scope(engine) as session:
            apply_entry(session, entry)
    return entry
