"""The `mentorbot` command. Every failure a person can cause ends in one clear line, never a traceback."""

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from bot.bootstrap import engine_checked, runtime_deps, setup_logging, wsgi_application
from bot.cli import directory, privacy, programs, report, rounds, tick
from bot.config import ConfigError, load_database_url, read_env
from bot.errors import CliError


def on_sigterm(stop: threading.Event, then=None) -> None:
    """SIGTERM (and Ctrl-C) set `stop` and run `then` once: the process finishes in-flight work and exits 0."""
    def handler(signum, frame):
        if not stop.is_set():
            stop.set()
            logging.getLogger("mentorbot").info("stopping (signal %s): finishing in-flight work", signum)
            if then is not None:
                then()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


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

        from bot.outbox.heartbeat import Beater
        from bot.outbox.worker import build_scheduler
        from bot.slack.socket_mode import make_socket_mode_handler

        # Socket Mode is the single-process setup: the scheduler's jobs run here too (same as `mentorbot worker`).
        app = create_app(deps)
        stop = threading.Event()
        scheduler = build_scheduler(deps, app.client, scheduler_class=BackgroundScheduler, stop=stop)
        handler = make_socket_mode_handler(app, settings.app_token)
        on_sigterm(stop)
        scheduler.start()
        handler.connect()
        beater = Beater("socket", alive=handler.client.is_connected).start()
        logging.getLogger("mentorbot").info("serving Socket Mode, scheduler running")
        stop.wait()
        beater.stop()
        handler.close()  # no new envelopes; listeners already running finish in Bolt's pool
        scheduler.shutdown(wait=True)  # the drain finishes its posts and releases what it claimed
        return 0
    deps.engine.dispose()  # settings and schema are checked here, once; each gunicorn worker opens its own connections

    def build():
        return wsgi_application(deps)

    logging.getLogger("mentorbot").info("serving HTTP on port %s (POST /slack/events, GET /healthz)", settings.port)
    ProductionServer(build, production_options(settings.port, settings.log_level)).run()
    return 0


def cmd_worker(args, env) -> int:
    from bot.outbox import heartbeat
    from bot.outbox.worker import build_scheduler

    stop = threading.Event()
    scheduler = build_scheduler(runtime_deps(env), stop=stop, heartbeat=True)
    # On SIGTERM the running drain stops claiming, finishes its in-flight posts and releases the rest (pending at
    # once, not after the lease); shutdown(wait=True) waits for it, then the process exits 0.
    on_sigterm(stop, then=lambda: scheduler.shutdown(wait=True))
    logging.getLogger("mentorbot").info("worker started")
    try:
        scheduler.start()
    finally:
        heartbeat.clear("worker")
    logging.getLogger("mentorbot").info("worker stopped")
    return 0


def cmd_health(args, env) -> int:
    """For supervisors: exit 0 when the process's heartbeat is fresh and the database answers, else 1."""
    from sqlalchemy import text

    from bot.outbox import heartbeat
    from storage.db import make_engine

    ok, line = heartbeat.check(args.role, args.max_age)  # HEARTBEAT_DIR from the environment, as the writer
    if ok:
        try:
            with make_engine(load_database_url(env)).connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            ok, line = False, f"{line}; database unreachable ({type(exc).__name__})"
    print(f"mentorbot: {line}", file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


# Command modules beyond the core ones above: each has add_commands(subparsers) and sets func(args, env) -> exit
# code. A new command group is a module in bot/cli/ and one entry here.
COMMAND_MODULES = (tick, directory, programs, rounds, privacy, report)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentorbot", description="A self-hosted Slack mentorship bot.")
    parser.add_argument("--env-file", default=".env", help="read settings from this file too (default: .env)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="serve Slack (Socket Mode if SLACK_APP_TOKEN is set, else HTTP on PORT)") \
        .set_defaults(func=cmd_run)
    sub.add_parser("worker", help="run the scheduler process").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="create or upgrade the database schema").set_defaults(func=cmd_migrate)
    health = sub.add_parser("health", help="exit 0 if the worker (or Socket Mode) process is alive, else 1")
    health.add_argument("--role", choices=("worker", "socket"), default="worker",
                        help="worker: `mentorbot worker`; socket: `mentorbot run` in Socket Mode (connected)")
    health.add_argument("--max-age", type=float, default=45.0, help="seconds a heartbeat stays fresh (default 45)")
    health.set_defaults(func=cmd_health)
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
