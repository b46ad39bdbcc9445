"""Reading the profile CSV: every bad row is reported with its line number; nothing is half-imported."""

import csv
import io
import re
from dataclasses import dataclass, field

from bot.domain.plain_text import control_error
from bot.domain.text import split_list, truncate
from bot.domain.timekeeping import zone_or_none

REQUIRED_COLUMNS = (
    "slack_id", "name", "email", "title", "role", "expertise", "years_experience",
    "career_path", "values", "capacity", "timezone", "languages", "bio",
)
ROLES = ("mentor", "mentee", "both")
MAX_CAPACITY = 10
MAX_YEARS = 60
MAX_BIO = 2000
MAX_DEPARTMENT, MAX_LEVEL = 100, 50


MULTI_LINE = ("bio",)  # the modal's bio is multi-line too


@dataclass(frozen=True)
class ProfileRow:
    line: int
    slack_id: str
    name: str
    email: str | None
    title: str
    role: str
    expertise: list[str]
    years_experience: int
    career_path: str
    values: list[str]
    capacity: int
    timezone: str
    languages: list[str]
    bio: str
    programs: list[str] = field(default_factory=list)
    # Org data for matching rounds (optional columns; None = the column is absent, so nothing is overwritten).
    # manager is a Slack user id or an email; shown to program admins only.
    manager: str | None = None
    department: str | None = None
    level: str | None = None
    proud_of: str = ""  # optional column: what they're proud of / projects they can talk about


@dataclass(frozen=True)
class RowError:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def valid_timezone(name: str) -> bool:
    return zone_or_none(name) is not None


def parse_profiles_csv(text: str) -> tuple[list[ProfileRow], list[RowError]]:
    """Line numbers are the file's own (header = line 1), so a person can find the row in an editor."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        return [], [RowError(1, "header is missing column(s): " + ", ".join(missing))]
    reader.fieldnames = header
    rows: list[ProfileRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        try:
            row = _parse_row(line, record)
        except ValueError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if row.slack_id in seen:
            errors.append(RowError(line, f"slack_id {row.slack_id} already appears on line {seen[row.slack_id]}"))
            continue
        seen[row.slack_id] = line
        rows.append(row)
    return rows, errors


def _parse_row(line: int, r: dict) -> ProfileRow:
    def get(col: str) -> str:
        return (r.get(col) or "").strip()

    for col, value in r.items():  # every column, read or not: one rule with the modal (bot.domain.plain_text)
        if isinstance(col, str) and isinstance(value, str) and control_error(value, multiline=col in MULTI_LINE):
            raise ValueError(f"{col} contains control characters (such as NUL); remove them")

    slack_id = get("slack_id")
    if not slack_id or slack_id[:1] not in ("U", "W") or not slack_id.isalnum() or not slack_id.isupper():
        raise ValueError(f"slack_id must be a Slack user id like U012ABCDEF, got {slack_id!r}")
    name = get("name")
    if not name:
        raise ValueError("name is empty")
    email = get("email") or None
    if email and ("@" not in email or " " in email):
        raise ValueError(f"email {email!r} is not an email address")
    role = get("role").lower()
    if role not in ROLES:
        raise ValueError(f"role must be mentor, mentee or both, got {role!r}")
    years_text = get("years_experience") or "0"
    if not years_text.isdigit() or int(years_text) > MAX_YEARS:
        raise ValueError(f"years_experience must be a whole number 0-{MAX_YEARS}, got {years_text!r}")
    capacity_text = get("capacity") or "0"
    if not capacity_text.isdigit() or int(capacity_text) > MAX_CAPACITY:
        raise ValueError(f"capacity must be a whole number 0-{MAX_CAPACITY}, got {capacity_text!r}")
    timezone = get("timezone")
    if timezone and not valid_timezone(timezone):
        raise ValueError(f"timezone {truncate(timezone, 40)!r} is not an IANA time zone such as Europe/Berlin")
    bio = get("bio")
    if len(bio) > MAX_BIO:
        raise ValueError(f"bio is {len(bio)} characters; the limit is {MAX_BIO}")
    manager = get("manager") if "manager" in r else None
    if manager and not (re.fullmatch(r"[UW][A-Z0-9]{2,30}", manager) or re.fullmatch(r"[^@\s]+@[^@\s]+", manager)):
        raise ValueError(f"manager must be a Slack user id or an email, got {manager!r}")
    if manager == slack_id:
        raise ValueError("manager is the person themselves")
    department = get("department") if "department" in r else None
    if department and len(department) > MAX_DEPARTMENT:
        raise ValueError(f"department is longer than {MAX_DEPARTMENT} characters")
    level = get("level") if "level" in r else None
    if level and len(level) > MAX_LEVEL:
        raise ValueError(f"level is longer than {MAX_LEVEL} characters")
    return ProfileRow(
        line=line,
        slack_id=slack_id,
        name=name,
        email=email,
        title=get("title"),
        role=role,
        expertise=split_list(get("expertise")),
        years_experience=int(years_text),
        career_path=get("career_path"),
        values=split_list(get("values")),
        capacity=int(capacity_text),
        timezone=timezone,
        languages=split_list(get("languages")),
        bio=bio,
        programs=split_list(get("programs")),
        manager=manager,
        department=department,
        level=level,
        proud_of=_proud_of(get("proud_of")),
    )


MAX_PROUD_OF = 500


def _proud_of(text: str) -> str:
    if len(text) > MAX_PROUD_OF:
        raise ValueError(f"proud_of is {len(text)} characters; the limit is {MAX_PROUD_OF}")
    return text
