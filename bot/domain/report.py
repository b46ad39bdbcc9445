"""The admin report's rules, as plain Python: privacy of small groups, sessions a cadence expects, the topic words
counted from /findmentor queries, and the shape of the report. Pure.

Privacy: any figure about fewer than MIN_GROUP people is shown as "fewer than 5" (figure()), in Slack, the chart,
the CSV summary and the CLI. Admins never see a note, a rating of an identified person, or goal text.
"""

import re
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.domain.cadence import INTERVAL_DAYS, add_months, normal_cadence

MIN_GROUP = 5
SUPPRESSED = "fewer than 5"
FUNNEL = ("enrolled", "profile complete", "goals set", "requested or in a round", "matched", "active", "completed")
CSV_COLUMNS = ("pair", "program", "cohort", "started", "ended", "cadence", "sessions_held", "sessions_expected",
               "status", "end_reason")

# A program's cohorts: each approved matching round ("Round 1", "Round 2", … in the order they were approved) and
# the pairs formed outside any round, by intro request. A cohort key is a round's id (as text) or BY_REQUEST.
BY_REQUEST = "request"
BY_REQUEST_LABEL = "By request"
WHOLE_PROGRAM = "all"
_COHORT_ARG = re.compile(r"""\bcohort:\s*(?:"([^"]*)"|“([^”]*)”|(\S+))\s*$""", re.IGNORECASE)

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.-]*[a-z0-9+#]|[a-z0-9]")
STOPWORDS = frozenset("""a an and are as at be by can do for from get how i in into is it me my of on or our so
the to up want we with you your learn learning better more about some""".split())


def is_small(population: int | None) -> bool:
    return population is not None and population < MIN_GROUP


def figure(value: int | float | None, population: int | None = None, fmt: str = "{:,}") -> str:
    """The one way a figure is shown: "fewer than 5" when it is about fewer than MIN_GROUP people (the
    population; by default the value itself is a count of people), else the value formatted; "n/a" for none."""
    if is_small(value if population is None and isinstance(value, int) else population):
        return SUPPRESSED
    if value is None:
        return "n/a"
    return fmt.format(value)


def shown(value: int, population: int | None = None) -> int | None:
    """A count for a chart: None where figure() would say "fewer than 5"."""
    return None if is_small(value if population is None else population) else value


def expected_sessions(anchor: datetime, cadence: str, until: datetime) -> int:
    """Sessions a pair agreed to hold from its first session up to `until` (the first one included)."""
    if until < anchor:
        return 0
    cadence = normal_cadence(cadence)
    if cadence == "monthly":
        months = (until.year - anchor.year) * 12 + until.month - anchor.month
        return months + (1 if add_months(anchor.date(), months) <= until.date() else 0)
    return (until - anchor).days // INTERVAL_DAYS[cadence] + 1


def topic_words(query: str, limit: int | None = 20) -> list[str]:
    """The distinct topic words of a /findmentor query (or of a mentor's expertise), lower-cased, without filler
    words."""
    seen = dict.fromkeys(w for w in _WORD.findall(query.casefold()) if w not in STOPWORDS and len(w) <= 40)
    return list(seen)[:limit]


def round_label(number: int) -> str:
    return f"Round {number}"


def split_report_args(args: str) -> tuple[str, str | None]:
    """`/mentor report Guild cohort:2` -> ("Guild", "2"); `cohort:"round 2"` and `cohort:request` too. The cohort
    is the last word; None when absent."""
    found = _COHORT_ARG.search(args)
    if found is None:
        return args.strip(), None
    return args[:found.start()].strip(), next(g for g in found.groups() if g is not None).strip()


def match_cohort(text: str, rounds: list[int]) -> str | None:
    """The cohort key a typed cohort names, given the program's approved round ids in order: "2", "round 2",
    "#2" -> the second round's id; "request", "by request" -> BY_REQUEST; "all" -> WHOLE_PROGRAM; else None."""
    folded = " ".join(text.casefold().replace("#", " ").split())
    if folded in ("request", "by request", "requests", "by-request"):
        return BY_REQUEST
    if folded in ("all", "whole program", "every cohort"):
        return WHOLE_PROGRAM
    number = folded.removeprefix("round").strip()
    if number.isdigit() and 1 <= int(number) <= len(rounds):
        return str(rounds[int(number) - 1])
    return None


def median_days(deltas: list[timedelta]) -> float | None:
    return round(statistics.median(d.total_seconds() / 86400 for d in deltas), 1) if deltas else None


def month_of(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


@dataclass(frozen=True)
class ProgramLine:
    """One line of the overview of an admin's programs (and of their App Home)."""

    program_id: int
    name: str
    members: int
    active_pairs: int
    at_risk: int


@dataclass
class Report:
    """One program's report: counts only (and names of at-risk pairs, with their signal)."""

    program: str
    cohort: str = ""  # the cohort's label; "" for the whole program
    funnel: dict[str, int] = field(default_factory=dict)
    pairs: int = 0  # pairs that started
    sessions_held: int = 0
    sessions_expected: int = 0
    checkins_answered: int = 0
    checkins_expected: int = 0  # two people per expected session
    days_to_match: float | None = None
    matched_with_request: int = 0
    goals: dict[str, int] = field(default_factory=dict)  # people who set / moved / completed a goal
    pulse_rating: dict[int, int] = field(default_factory=dict)
    pulse_helping: dict[str, int] = field(default_factory=dict)
    exit_overall: dict[int, int] = field(default_factory=dict)
    exit_goals: dict[str, int] = field(default_factory=dict)
    exit_again: dict[str, int] = field(default_factory=dict)
    end_reasons: dict[str, int] = field(default_factory=dict)
    mentors: int = 0
    capacity: int = 0
    taken: int = 0
    full: int = 0
    over_asked: int = 0
    never_asked: int = 0
    waiting: int = 0
    waiting_days: float | None = None
    supply_gap: list[tuple[str, int]] = field(default_factory=list)
    at_risk: list[tuple[str, str, str]] = field(default_factory=list)  # mentor id, mentee id, signal text
    held_by_month: dict[str, int] = field(default_factory=dict)
    held_pairs_by_month: dict[str, int] = field(default_factory=dict)


def _share(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "n/a"


def _distribution(counts: dict, labels: dict | None = None) -> str:
    """'5: 12 · 4: fewer than 5 · …': each bucket is a count of people, suppressed on its own."""
    if all(isinstance(k, int) for k in counts):
        keys = sorted(counts, reverse=True)
    else:  # in the labels' order (yes before no), then anything unlabelled
        keys = [k for k in (labels or {}) if k in counts] + sorted(k for k in counts if k not in (labels or {}))
    if not keys:
        return "no answers yet"
    total = sum(counts.values())
    if is_small(total):
        return SUPPRESSED
    return " · ".join(f"{(labels or {}).get(k, k)}: {figure(counts[k])}" for k in keys)


def summary(r: Report, labels: dict[str, dict] | None = None) -> list[tuple[str, list[str]]]:
    """The report as (heading, lines) of plain text: the same words in Slack, the CLI and the digest. Every figure
    goes through figure(). `labels` maps end reasons, helping, goals achieved and again to words."""
    labels = labels or {}
    f = r.funnel
    held_share = figure(r.sessions_held, r.pairs, "{:,}") + (
        "" if is_small(r.pairs) else f" of {r.sessions_expected:,} agreed ({_share(r.sessions_held, r.sessions_expected)})")
    answered = "" if is_small(r.pairs) else f" ({_share(r.checkins_answered, r.checkins_expected)} of prompts)"
    whole = " (whole program)" if r.cohort else ""  # mentor load and who is waiting are not a cohort's
    return [
        ("Funnel", [" → ".join(f"{stage} {figure(f.get(stage, 0))}" for stage in FUNNEL)]),
        ("Engagement", [
            f"Pairs that started: {figure(r.pairs)}",
            f"Sessions held: {held_share}",
            f"Check-ins answered: {figure(r.checkins_answered, r.pairs)}{answered}",
            f"Request to match: {figure(r.days_to_match, r.matched_with_request, '{} days')} (median)",
        ]),
        ("Goals", [f"People who set goals {figure(r.goals.get('set', 0))} · moved one "
                   f"{figure(r.goals.get('moved', 0))} · completed one {figure(r.goals.get('completed', 0))}"]),
        ("Quality", [
            f"Pulse, how it's going (1-5): {_distribution(r.pulse_rating)}",
            f"Pulse, helping with goals: {_distribution(r.pulse_helping, labels.get('helping'))}",
            f"Exit survey, overall (1-5): {_distribution(r.exit_overall)}",
            f"Exit survey, goals achieved: {_distribution(r.exit_goals, labels.get('goals'))}",
            f"Exit survey, would do it again: {_distribution(r.exit_again, labels.get('again'))}",
            f"Why pairs ended: {_distribution(r.end_reasons, labels.get('reasons'))}",
        ]),
        (f"Mentors{whole}", [
            f"Mentors {figure(r.mentors)} · slots {figure(r.capacity, r.mentors)} · taken "
            f"{figure(r.taken, r.mentors)}" + ("" if is_small(r.mentors) else f" ({_share(r.taken, r.capacity)})"),
            f"Full {figure(r.full)} · over-asked {figure(r.over_asked)} · never asked {figure(r.never_asked)}",
        ]),
        (f"Waiting{whole}", [
            f"Mentees waiting for an answer: {figure(r.waiting)}, for "
            f"{figure(r.waiting_days, r.waiting, '{} days')} (median)",
            "Asked for in /findmentor, offered by no mentor with room: "
            + (", ".join(f"{word} ({n})" for word, n in r.supply_gap) or "none"),
        ]),
    ]


def title(r: Report) -> str:
    return f"Program report: {r.program}" + (f" · {r.cohort}" if r.cohort else "")


def summary_text(r: Report, labels: dict[str, dict] | None = None) -> str:
    lines = [title(r)]
    for heading, body in summary(r, labels):
        lines.append(f"{heading}:")
        lines += [f"  {line}" for line in body]
    return "\n".join(lines)
