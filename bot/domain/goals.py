"""Career goals and the career journal: what a goal and a progress entry may hold. Pure: no Slack, no database.

The guide's first step is knowing your goals: short-term ones within a year, long-term ones over several years, each
with a measurable target and a date. Progress updates (a percentage or a milestone, plus a note) are the journal."""

from dataclasses import dataclass
from datetime import date

HORIZONS = ("short", "long")
HORIZON_LABELS = {"short": "Short-term (within a year)", "long": "Long-term (several years)"}
STATUSES = ("active", "done", "archived")
MAX_TITLE = 200
MAX_TARGET = 500
MAX_MILESTONE = 200
MAX_NOTE = 3000
SHORT_TERM_DAYS = 366  # "within a year", with a leap day's slack
LONG_TERM_YEARS = 15


@dataclass(frozen=True)
class GoalData:
    horizon: str
    title: str
    target: str
    target_date: date
    status: str


@dataclass(frozen=True)
class ProgressData:
    progress: int | None  # percent, or None when only a milestone is logged
    milestone: str
    note: str


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def validate_goal(horizon: str, title: str, target: str, target_date: str, status: str,
                  today: date) -> tuple[GoalData | None, dict[str, str]]:
    """today: the person's own date (their time zone), so 'in the past' means what they think it means."""
    errors: dict[str, str] = {}
    horizon = horizon or "short"
    if horizon not in HORIZONS:
        errors["horizon"] = "Pick short-term or long-term."
    title, target = title.strip(), target.strip()
    if not title:
        errors["title"] = "Say what the goal is."
    elif len(title) > MAX_TITLE:
        errors["title"] = f"The goal must be at most {MAX_TITLE} characters (it has {len(title)})."
    if not target:
        errors["target"] = "Add a measurable target: how will you know you got there?"
    elif len(target) > MAX_TARGET:
        errors["target"] = f"The target must be at most {MAX_TARGET} characters (it has {len(target)})."
    due = _parse_date(target_date or "")
    if due is None:
        errors["target_date"] = "Pick a target date."
    elif due < today:
        errors["target_date"] = "The target date is in the past: pick a date from today on."
    elif horizon == "short" and (due - today).days > SHORT_TERM_DAYS:
        errors["target_date"] = "A short-term goal is due within a year: pick an earlier date, or make it long-term."
    elif due.year - today.year > LONG_TERM_YEARS:
        errors["target_date"] = f"Pick a date within {LONG_TERM_YEARS} years."
    status = status or "active"
    if status not in STATUSES:
        errors["status"] = "Pick active, done or archived."
    if errors or due is None:
        return None, errors
    return GoalData(horizon=horizon, title=title, target=target, target_date=due, status=status), {}


def validate_progress(percent: str, milestone: str, note: str) -> tuple[ProgressData | None, dict[str, str]]:
    errors: dict[str, str] = {}
    percent, milestone, note = percent.strip().rstrip("%").strip(), milestone.strip(), note.strip()
    progress = None
    if percent:
        if not (percent.isascii() and percent.isdigit()) or int(percent) > 100:
            errors["percent"] = "Progress must be a whole number from 0 to 100."
        else:
            progress = int(percent)
    if len(milestone) > MAX_MILESTONE:
        errors["milestone"] = f"The milestone must be at most {MAX_MILESTONE} characters."
    elif not percent and not milestone:
        errors["percent"] = "Give a percentage or name the milestone you reached."
    if len(note) > MAX_NOTE:
        errors["note"] = f"The note must be at most {MAX_NOTE} characters (it has {len(note)})."
    if errors:
        return None, errors
    return ProgressData(progress=progress, milestone=milestone, note=note), {}


def progress_bar(percent: int, width: int = 10) -> str:
    """A text bar that reads the same in every client: '▓▓▓▓░░░░░░ 40%'."""
    percent = max(0, min(100, percent))
    filled = round(percent * width / 100)
    return "▓" * filled + "░" * (width - filled) + f" {percent}%"
