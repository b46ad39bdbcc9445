"""`mentorbot erase SLACK_ID`, `mentorbot purge --yes`, `mentorbot resume-sending` and `mentorbot audit`: the
operator's side of people owning their data (leavers, data-subject requests, an uninstalled workspace)."""

import re

from bot.bootstrap import engine_checked
from bot.config import load_database_url
from bot.errors import CliError

USER_RE = re.compile(r"[UW][A-Z0-9]{2,30}")


def cmd_erase(args, env) -> int:
    from bot.features.deps import system_clock
    from bot.features.privacy import erase

    if not USER_RE.fullmatch(args.slack_id):
        raise CliError(f"expected a Slack user id like U012ABCDEF, got {args.slack_id!r}", code=2)
    engine = engine_checked(load_database_url(env))
    result = erase(engine, args.slack_id, system_clock(), "cli")
    if result is None:
        raise CliError(f"no person {args.slack_id} in the database (already erased, or never known)")
    print(f"erased {args.slack_id}: {len(result.ended_with)} mentorship(s) ended (the other person is told), "
          f"{result.withdrawn_intros} intro request(s) withdrawn, {result.cancelled_messages} queued message(s) "
          f"cancelled; logged as {result.tombstone}")
    return 0


def cmd_purge(args, env) -> int:
    from bot.features.deps import system_clock
    from bot.features.privacy import purge

    if not args.yes:
        raise CliError("purge deletes every person, note and message of this workspace for good: "
                       "run `mentorbot purge --yes` to confirm", code=2)
    engine = engine_checked(load_database_url(env))
    rows = purge(engine, "cli", system_clock())
    print(f"purged: {rows} rows deleted (the audit log keeps who purged, and when)")
    return 0


def cmd_resume_sending(args, env) -> int:
    from bot.features.deps import system_clock
    from storage import audit
    from storage.db import session_scope

    engine = engine_checked(load_database_url(env))
    with session_scope(engine) as session:
        was = audit.sending_paused(session)
        if was:
            audit.resume_sending(session)
            audit.record(session, "cli", "sending_resumed", "operator", at=system_clock())
    print(f"sending resumes (it was paused: {was}); queued messages go out on the next drain" if was
          else "sending was not paused")
    return 0


def cmd_audit(args, env) -> int:
    from storage import audit
    from storage.db import session_scope

    engine = engine_checked(load_database_url(env))
    with session_scope(engine) as session:
        entries = audit.latest(session, args.limit)
        for e in entries:
            print(f"{e.at:%Y-%m-%d %H:%M:%S} UTC  {e.action:<16} {e.actor:<28} {e.detail}")
        audit.record(session, "cli", "audit", "")
    if not entries:
        print("the audit log is empty")
    return 0


def add_commands(subparsers) -> None:
    erase = subparsers.add_parser("erase", help="erase one person's data (irreversible; the audit log keeps when)")
    erase.add_argument("slack_id")
    erase.set_defaults(func=cmd_erase)
    purge = subparsers.add_parser("purge", help="delete all of this workspace's data (irreversible)")
    purge.add_argument("--yes", action="store_true", help="confirm")
    purge.set_defaults(func=cmd_purge)
    subparsers.add_parser("resume-sending", help="send again after an uninstall or revoked token (after reinstall)") \
        .set_defaults(func=cmd_resume_sending)
    audit = subparsers.add_parser("audit", help="who ran which report, export, erase or purge, and when")
    audit.add_argument("--limit", type=int, default=50)
    audit.set_defaults(func=cmd_audit)
