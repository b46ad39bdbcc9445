"""`mentorbot round plan --program NAME --out plan.csv` and `mentorbot round approve ROUND_ID`: the operator's way
to a matching round. `plan` saves the same preview as `/mentor round` in Slack (nothing is sent) and writes it as
CSV; `approve` approves it once and queues the proposals (the worker sends them)."""

import csv
import html
import sys

from bot.bootstrap import engine_checked
from bot.config import load_database_url
from bot.errors import CliError

COLUMNS = ["mentee_id", "mentor_id", "fit", "why"]


def plain(why: str) -> str:
    """The stored why is Slack mrkdwn (escaped, *bold* topics): plain text for a spreadsheet."""
    return html.unescape(why.replace("*", ""))


def cmd_round_plan(args, env) -> int:
    from datetime import UTC, datetime

    from bot.features.rounds import plan
    from storage.db import session_scope
    from storage.programs import get_program_by_name
    from storage.rounds import round_lines

    engine = engine_checked(load_database_url(env))
    with session_scope(engine) as session:
        program = get_program_by_name(session, args.program)
    if program is None:
        raise CliError(f"no program named {args.program!r}")
    try:  # opened before planning: an unwritable path must not leave a round in preview
        out = sys.stdout if args.out == "-" else open(args.out, "w", newline="", encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.__class__.__name__}") from None
    planned = plan(engine, program, "cli", datetime.now(UTC))
    if planned.error:
        if out is not sys.stdout:
            out.close()
        raise CliError(planned.error)
    with session_scope(engine) as session:
        lines = round_lines(session, planned.round_id)
    rows = [COLUMNS]
    rows += [[x.mentee_id, x.mentor_id, f"{x.fit:.4f}", plain(x.why)] for x in lines if x.mentor_id]
    rows += [[x.mentee_id, "", "", x.why] for x in lines if not x.mentor_id]
    csv.writer(out).writerows(rows)
    if out is not sys.stdout:
        out.close()
    r = planned.plan.report
    print(f"round {planned.round_id} planned for {program.name!r} (nothing sent): {r.matched} of {r.eligible} "
          f"eligible mentees matched, average fit {r.average_fit:.2f}, {r.top3_share:.0%} with one of their top 3, "
          f"{r.blocking_pairs} blocking pairs; approve with `mentorbot round approve {planned.round_id}`",
          file=sys.stderr)
    return 0


def cmd_round_approve(args, env) -> int:
    from datetime import UTC, datetime

    from bot.features.rounds import approve_round
    from storage.db import session_scope
    from storage.rounds import get_round

    engine = engine_checked(load_database_url(env))
    with session_scope(engine) as session:
        if get_round(session, args.round_id) is None:
            raise CliError(f"no round {args.round_id}")
    done = approve_round(engine, args.round_id, datetime.now(UTC))
    if not done.ok:
        raise CliError(f"round {args.round_id} was already approved or discarded; nothing sent twice", code=1)
    skipped = f"; skipped {len(done.skipped)} (left the program since the plan): {', '.join(done.skipped)}" \
        if done.skipped else ""
    print(f"round {args.round_id} approved: {done.proposed} pair(s) proposed, DMs queued for the worker{skipped}")
    return 0


def add_commands(subparsers) -> None:
    round_ = subparsers.add_parser("round", help="matching rounds: plan a program's round, then approve it")
    sub = round_.add_subparsers(dest="round_command", required=True, metavar="ACTION")
    plan = sub.add_parser("plan", help="plan a round (nothing is sent) and write it as CSV")
    plan.add_argument("--program", required=True, help="the program's name")
    plan.add_argument("--out", required=True, help="CSV file to write (- for stdout)")
    plan.set_defaults(func=cmd_round_plan)
    approve = sub.add_parser("approve", help="approve a planned round: its proposals are sent")
    approve.add_argument("round_id", type=int)
    approve.set_defaults(func=cmd_round_approve)
