"""`mentorbot program create NAME --channel CHANNEL_ID [--admin USER_ID ...]`: programs announce new pairs in
their channel; admins are told if the bot cannot post there."""

import re

from bot.bootstrap import engine_checked
from bot.config import load_database_url
from bot.errors import CliError

CHANNEL_RE = re.compile(r"[CG][A-Z0-9]{2,30}")
USER_RE = re.compile(r"[UW][A-Z0-9]{2,30}")


def cmd_program_create(args, env) -> int:
    from storage.db import session_scope
    from storage.programs import ProgramExists, create_program

    name = args.name.strip()
    if not name or len(name) > 100:
        raise CliError("program name must be 1-100 characters", code=2)
    if not CHANNEL_RE.fullmatch(args.channel):
        raise CliError(f"--channel must be a Slack channel id like C012ABCDEF, got {args.channel!r}", code=2)
    bad = [a for a in args.admin if not USER_RE.fullmatch(a)]
    if bad:
        raise CliError(f"--admin must be Slack user ids like U012ABCDEF, got {', '.join(map(repr, bad))}", code=2)
    engine = engine_checked(load_database_url(env))
    try:
        with session_scope(engine) as session:
            program = create_program(session, name, args.channel, args.admin)
            program_id = program.id
    except ProgramExists:
        raise CliError(f"a program named {name!r} already exists") from None
    admins = f", admins {', '.join(args.admin)}" if args.admin else ""
    print(f"created program {name!r} (id {program_id}) announcing in {args.channel}{admins}")
    return 0


def add_commands(subparsers) -> None:
    program = subparsers.add_parser("program", help="manage mentorship programs")
    sub = program.add_subparsers(dest="program_command", required=True, metavar="ACTION")
    create = sub.add_parser("create", help="create a program with an announcement channel")
    create.add_argument("name")
    create.add_argument("--channel", required=True, help="channel id for pairing announcements (C...)")
    create.add_argument("--admin", action="append", default=[], help="program admin's Slack user id (repeatable)")
    create.set_defaults(func=cmd_program_create)
