"""`mentorbot report --program NAME [--cohort N|request] [--csv FILE]`: the program's (or one cohort's) report
summary on stdout (figures about fewer than 5 people suppressed, as in Slack), and the per-pair CSV written to FILE."""

from bot.bootstrap import engine_checked
from bot.config import load_database_url
from bot.errors import CliError


def cmd_report(args, env) -> int:
    from datetime import UTC, datetime

    from bot.domain.report import match_cohort, summary_text
    from bot.features.deps import system_clock
    from bot.features.report import build, cohort_labels
    from bot.slack.blocks.report import LABELS
    from storage.db import session_scope
    from storage.programs import get_program_by_name
    from storage.report import cohort_rounds

    try:
        now = datetime.fromisoformat(args.now.replace("Z", "+00:00")).astimezone(UTC) if args.now else system_clock()
    except ValueError:
        raise CliError(f"--now must be an ISO date and time like 2027-03-01T12:00:00Z, got {args.now!r}", code=2) \
            from None
    engine = engine_checked(load_database_url(env))
    with session_scope(engine) as session:
        program = get_program_by_name(session, args.program)
        if program is None:
            raise CliError(f"no program named {args.program!r}: `mentorbot program create` makes one", code=2)
        cohort = match_cohort(args.cohort, cohort_rounds(session, program.id)) if args.cohort else None
        if args.cohort and cohort is None:
            raise CliError(f"{program.name} has no cohort {args.cohort!r}; its cohorts: "
                           + ", ".join(cohort_labels(session, program.id).values())
                           + " (--cohort 1 for round 1, --cohort request)", code=2)
        if args.csv:
            try:
                with open(args.csv, "w", newline="", encoding="utf-8") as out:
                    report = build(session, program, now, out, cohort)
            except OSError as exc:
                raise CliError(f"cannot write {args.csv}: {exc.strerror}") from None
        else:
            report = build(session, program, now, cohort=cohort)
    print(summary_text(report, LABELS))
    if report.at_risk:
        print(f"At-risk pairs: {len(report.at_risk)} (names in Slack: /mentor report)")
    if args.csv:
        print(f"CSV: one row per pair written to {args.csv}")
    return 0


def add_commands(subparsers) -> None:
    report = subparsers.add_parser("report", help="a program's report (summary; --csv writes one row per pair)")
    report.add_argument("--program", required=True, help="the program's name")
    report.add_argument("--cohort", help="one cohort: a round's number (1 is the first approved round) or 'request'")
    report.add_argument("--csv", help="write the per-pair CSV to this file")
    report.add_argument("--now", help="as if at this instant (ISO, UTC), e.g. 2027-03-01T12:00:00Z")
    report.set_defaults(func=cmd_report)
