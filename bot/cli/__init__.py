"""The `mentorbot` command. Every failure a person can cause ends in one clear line, never a traceback."""

import argparse
import logging
import sys
from pathlib import Path

from bot.bootstrap import engine_checked, runtime_deps, setup_logging, wsgi_application
from bot.cli import directory, privacy, programs, rounds, tick
from bot.config import ConfigError, load_database_url, read_env
from bot.errors import CliError


def cmd_migrate(args, env) -> int:
    from storage.migrate import upgrade

    url = load_database_url(env)
    upgrade(url)
    print("database is up to date")
    return 0


def cmd_demo(args, env) -> int:
    from bot.config import LOG_LEVELS
    from bot.devkit.demo.scenario import run_demo

    level = (env.get("LOG_LEVEL", "").strip() or "ERROR").upper()  # quiet unless asked: the transcript is the output
    if level not in LOG_LEVELS:
        raise ConfigError("LOG_LEVEL", "expected one of " + ", ".join(LOG_LEVELS))
    setup_logging(level)
    return run_demo(db_path=args.db)


def cmd_import_profiles(args, env) -> int:
    from bot.domain.profiles_csv import parse_profiles_csv
    from storage.db import session_scope
    from storage.people import import_profile_rows, manager_row_errors
    from storage.programs import program_row_errors

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read {path}: {exc.__class__.__name__}") from None
    rows, errors = parse_profiles_csv(text)
    for error in errors:
        print(f"{path}: {error}", file=sys.stderr)
    if errors and not args.skip_invalid:
        raise CliError(f"{len(errors)} invalid row(s); nothing imported (fix them, or pass --skip-invalid)")
    engine = engine_checked(load_database_url(env))
    with session_scope(engine) as session:
        # Program names are checked against the database: unknown ones are row errors like the others.
        bad = sorted(program_row_errors(session, rows) + manager_row_errors(session, rows), key=lambda e: e.line)
        for error in bad:
            print(f"{path}: {error}", file=sys.stderr)
        if bad and not args.skip_invalid:
            raise CliError(f"{len(bad)} row(s) name unknown programs or managers; nothing imported (create the "
                           "programs with `mentorbot program create`, fix the managers, or pass --skip-invalid)")
        bad_lines = {e.line for e in bad}
        rows = [r for r in rows if r.line not in bad_lines]
        errors = [*errors, *bad]
        created, updated = import_profile_rows(session, rows)
    skipped = f", {len(errors)} skipped" if errors else ""
    print(f"imported {len(rows)} profile(s): {created} new, {updated} updated{skipped}")
    return 0


def cmd_run(args, env) -> int:
    from bot.app import create_app
    from bot.server import ProductionServer, production_options

    deps = runtime_deps(env)
    settings = deps.settings
    if settings.socket_mode:
        from apscheduler.schedulers.background import BackgroundScheduler
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        from bot.outbox.worker import build_scheduler

        # Socket Mode is the single-process setup: the scheduler's jobs run here too (same as `mentorbot worker`).
        app = create_app(deps)
        build_scheduler(deps, app.client, scheduler_class=BackgroundScheduler).start()
        logging.getLogger("mentorbot").info("serving Socket Mode, scheduler running")
        SocketModeHandler(app, settings.app_token).start()
        return 0
    deps.engine.dispose()  # settings and schema are checked here, once; each gunicorn worker opens its own connections

    def build():
        return wsgi_application(deps)

    logging.getLogger("mentorbot").info("serving HTTP on port %s (POST /slack/events, GET /healthz)", settings.port)
    ProductionServer(build, production_options(settings.port, settings.log_level)).run()
    return 0


def cmd_worker(args, env) -> int:
    from bot.outbox.worker import build_scheduler

    scheduler = build_scheduler(runtime_deps(env))
    logging.getLogger("mentorbot").info("worker started")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    return 0


# Command modules beyond the core ones above: each has add_commands(subparsers) and sets func(args, env) -> exit
# code. A new command group is a module in bot/cli/ and one entry here.
COMMAND_MODULES = (tick, directory, programs, rounds, privacy)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentorbot", description="A self-hosted Slack mentorship bot.")
    parser.add_argument("--env-file", default=".env", help="read settings from this file too (default: .env)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="serve Slack (Socket Mode if SLACK_APP_TOKEN is set, else HTTP on PORT)") \
        .set_defaults(func=cmd_run)
    sub.add_parser("worker", help="run the scheduler process").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="create or upgrade the database schema").set_defaults(func=cmd_migrate)
    demo = sub.add_parser("demo", help="play a scripted scenario against a built-in local Slack (no tokens)")
    demo.add_argument("--db", help="SQLite file to use (default: a temporary one)")
    demo.set_defaults(func=cmd_demo)
    imp = sub.add_parser("import-profiles", help="import people and profiles from a CSV file")
    imp.add_argument("file")
    imp.add_argument("--skip-invalid", action="store_true", help="import the valid rows, skipping bad ones")
    imp.set_defaults(func=cmd_import_profiles)
    for module in COMMAND_MODULES:
        module.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        env = read_env(dotenv_path=args.env_file)
        return args.func(args, env)
    except ConfigError as exc:
        print(f"mentorbot: config error: {exc.variable} — {exc.expected}", file=sys.stderr)
        return 2
    except CliError as exc:
        print(f"mentorbot: {exc}", file=sys.stderr)
        return exc.code


if __name__ == "__main__":
    sys.exit(main())
