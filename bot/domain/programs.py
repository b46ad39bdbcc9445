"""Program settings as an admin enters them, and who may run programs. Pure: the form's values in, the settings
or field errors out."""

import re
from dataclasses import dataclass
from datetime import date

MATCH_MODES = {"self_serve": "Self-serve search", "rounds": "Matching rounds", "both": "Both"}
HOURS_APART = (2, 3, 4, 6, 8, 12)
STATUSES = ("active", "paused", "archived")
NAME_MAX, DESCRIPTION_MAX = 100, 1000
CHANNEL_RE = re.compile(r"[CG][A-Z0-9]{2,30}")
USER_RE = re.compile(r"[UW][A-Z0-9]{2,30}")


@dataclass(frozen=True)
class ProgramForm:
    name: str
    description: str = ""
    channel_id: str = ""
    admin_ids: tuple[str, ...] = ()
    cohort_start: date | None = None
    cohort_end: date | None = None
    match_mode: str = "both"
    max_hours_apart: int = 6
    different_department: bool = False

    def settings(self) -> dict:
        """The Program columns this form sets (not name and admins, which have their own rules)."""
        return {"description": self.description, "channel_id": self.channel_id, "cohort_start": self.cohort_start,
                "cohort_end": self.cohort_end, "match_mode": self.match_mode,
                "max_hours_apart": self.max_hours_apart, "different_department": self.different_department}


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def parse_form(name: str, description: str, channel_id: str, admin_ids: tuple[str, ...], start: str, end: str,
               mode: str, hours: str, different_department: bool) -> tuple[ProgramForm | None, dict[str, str]]:
    """Field errors keyed by the modal's block ids; values come from Slack but are checked like any input."""
    errors = {}
    name = " ".join(name.split())
    if not name:
        errors["name"] = "Give the program a name."
    elif len(name) > NAME_MAX:
        errors["name"] = f"Keep the name under {NAME_MAX} characters."
    if len(description.strip()) > DESCRIPTION_MAX:
        errors["description"] = f"Keep the description under {DESCRIPTION_MAX} characters."
    if not CHANNEL_RE.fullmatch(channel_id or ""):
        errors["channel"] = "Pick the program's channel: pairs are announced and people join there."
    admins = tuple(dict.fromkeys(a for a in admin_ids if USER_RE.fullmatch(a)))
    if not admins:
        errors["admins"] = "A program needs at least one admin."
    cohort_start, cohort_end = _day(start), _day(end)
    if start and cohort_start is None:
        errors["start"] = "Pick a date."
    if end and cohort_end is None:
        errors["end"] = "Pick a date."
    if cohort_start and cohort_end and cohort_end <= cohort_start:
        errors["end"] = "The cohort must end after it starts."
    if mode not in MATCH_MODES:
        errors["mode"] = "Pick how people match."
    if not hours.isdigit() or int(hours) not in HOURS_APART:
        errors["hours"] = "Pick the widest time-zone gap for a pair."
    if errors:
        return None, errors
    return ProgramForm(name=name, description=description.strip(), channel_id=channel_id, admin_ids=admins,
                       cohort_start=cohort_start, cohort_end=cohort_end, match_mode=mode,
                       max_hours_apart=int(hours), different_department=different_department), {}


def may_create(user_id: str, admins_something: bool, configured: tuple[str, ...], workspace_admin: bool) -> bool:
    """Who may create programs: existing program admins, the ADMIN_USER_IDS setting, and Slack workspace
    admins and owners."""
    return admins_something or user_id in configured or workspace_admin
