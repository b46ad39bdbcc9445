"""`mentorbot tick --now ...`: one sweep and one drain as if at that instant, for operators and tests."""

from datetime import UTC, datetime

from bot.bootstrap import engine_checked
from bot.config import load_settings
from bot.errors import CliError


def parse_instant(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise CliError(f"--now: expected an ISO 8601 instant such as 2026-12-07T09:00:00Z, got {text!r}", 2) from None
    if value.tzinfo is None:
        raise CliError("--now: give a time zone, e.g. 2026-12-07T09:00:00Z", 2)
    return value.astimezone(UTC)


def cmd_tick(args, env) -> int:
    from bot.features.deps import Deps
    from bot.outbox.tick import tick
    from bot.slack.client import make_client

    now = parse_instant(args.now) if args.now else datetime.now(UTC)
    settings = load_settings(env)
    engine = engine_checked(settings.database_url)
    deps = Deps(engine=engine, settings=settings, clock=lambda: now)
    report = tick(deps, make_client(settings), now)
    written = sum(report.written.values())
    d = report.drain
    print(f"tick at {now.isoformat()}: {written} row(s) written, {d.sent} sent, {d.cancelled} cancelled, "
          f"{d.failed} failed, {d.deferred} deferred, {d.retried} retried, {d.reclaimed} reclaimed, "
          f"{d.reconciled} found already posted")
    if d.reclaimed:
        print(f"{d.reclaimed} row(s) came back from an expired lease (a worker died): each is looked for in its "
              "recipient's DM before it is sent again")
    if d.halted:
        print(f"the drain stopped early: {d.halted}; the rest stays pending for the next tick")
    for error in d.errors:
        print(f"failed: {error}")
    return 0


def add_commands(sub) -> None:
    p = sub.add_parser("tick", help="run one sweep and one drain (as if at --now), then exit")
    p.add_argument("--now", help="ISO 8601 instant, e.g. 2026-12-07T09:00:00Z (default: the current time)")
    p.set_defaults(func=cmd_tick)
