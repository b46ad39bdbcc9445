"""Filters for /findmentor typed inline (`/findmentor python lang:german tz:3 format:video program:"Eng"`) or
carried in a button value, read and validated the same way: values are attacker-controlled, so every value is
bounded, and an unknown key or a bad value is reported, never guessed. Pure.

Only what the directory has: a mentor's languages, time zone, meeting format offered, programs, and the department
and level from the profile CSV (matched whole, case aside; filtered on, never shown in an answer).
"""

import re
from dataclasses import dataclass

FORMATS = ("huddle", "video", "in person")
ANY_PROGRAM = ("any", "all")
MAX_HOURS = 12
MAX_VALUE = 64
MAX_LANGUAGES = 5
KEYS = {"lang": "languages", "language": "languages", "tz": "max_hours_apart", "format": "offer_format",
        "program": "program", "dept": "department", "department": "department", "level": "level"}
# key:value or key:"value with spaces"; the value stops at the next space unless quoted.
_FILTER_RE = re.compile(r'(?<!\S)(\w+):(?:"([^"]*)"|(\S*))')
# "in my time zone" asks for overlap, not for the words "time" and "zone".
SAME_ZONE_RE = re.compile(r"\b(?:in|within|near) (?:my|our|the same) (?:time ?zone|timezone|tz)\b", re.IGNORECASE)
SAME_ZONE_HOURS = 2


@dataclass(frozen=True)
class Filters:
    """Hard limits the person chose; empty = no limit."""
    languages: tuple[str, ...] = ()  # speaks at least one of them
    max_hours_apart: float | None = None  # working hours at most this far apart
    offer_format: str = ""  # huddle / video / in person: mentors offering it (or any format)
    program: str = ""  # member of this program; "any" widens the search beyond the seeker's own programs
    department: str = ""  # in this department (the profile CSV's org data)
    level: str = ""  # at this level (the profile CSV's org data, e.g. "Senior" or "L5")

    @property
    def any_program(self) -> bool:
        """`program:any`: someone in programs searches every mentor, not only their programs' (the default)."""
        return self.program.strip().casefold() in ANY_PROGRAM

    def __bool__(self) -> bool:
        return bool(self.languages or self.max_hours_apart is not None or self.offer_format or self.program
                    or self.department or self.level)


@dataclass(frozen=True)
class Parsed:
    words: str  # the words left once filters are taken out
    filters: Filters
    problems: tuple[str, ...] = ()  # what could not be read, to tell the person (plain text, to be escaped)


def _format(value: str) -> str | None:
    v = " ".join(value.casefold().replace("-", " ").replace("_", " ").split())
    v = {"inperson": "in person", "in-person": "in person", "person": "in person", "call": "video"}.get(v, v)
    return v if v in FORMATS else None


def read(text: str) -> Parsed:
    """Take the filters out of what was typed."""
    languages: list[str] = []
    hours: float | None = None
    offer_format = program = ""
    org = {"department": "", "level": ""}
    problems: list[str] = []

    def take(m: re.Match) -> str:
        nonlocal hours, offer_format, program
        key = m[1].casefold()
        value = (m[2] if m[2] is not None else m[3] or "").strip()[:MAX_VALUE]
        field = KEYS.get(key)
        if field is None:
            return m[0]  # not a filter ("ci:cd", "10:30"): leave the words alone
        if not value:
            problems.append(f"{key}: needs a value")
        elif field == "languages":
            languages.extend(v.strip() for v in value.split(",") if v.strip())
        elif field == "max_hours_apart":
            try:
                hours = float(value.removesuffix("h"))
            except ValueError:
                hours = None
            if hours is None or not 0 <= hours <= MAX_HOURS:
                problems.append(f"tz: wants hours apart from 0 to {MAX_HOURS}, e.g. tz:3")
                hours = None
        elif field == "offer_format":
            offer_format = _format(value) or ""
            if not offer_format:
                problems.append("format: is one of " + ", ".join(FORMATS))
        elif field in org:
            org[field] = value
        else:
            program = value
        return " "

    rest = _FILTER_RE.sub(take, text)
    if SAME_ZONE_RE.search(rest):
        rest = SAME_ZONE_RE.sub(" ", rest)
        hours = SAME_ZONE_HOURS if hours is None else hours
    if len(languages) > MAX_LANGUAGES:
        problems.append(f"lang: at most {MAX_LANGUAGES} languages")
        languages = languages[:MAX_LANGUAGES]
    filters = Filters(languages=tuple(dict.fromkeys(languages)), max_hours_apart=hours, offer_format=offer_format,
                      program=program, **org)
    return Parsed(" ".join(rest.split()), filters, tuple(problems))


def to_value(f: Filters) -> dict:
    """The filters as a button value carries them (short keys)."""
    out: dict = {}
    if f.languages:
        out["l"] = list(f.languages)
    if f.max_hours_apart is not None:
        out["z"] = f.max_hours_apart
    if f.offer_format:
        out["f"] = f.offer_format
    if f.program:
        out["p"] = f.program
    if f.department:
        out["d"] = f.department
    if f.level:
        out["v"] = f.level
    return out


def from_value(data: object) -> Filters:
    """Filters back from a button value; anything malformed is dropped (a forged value gets no filter, not an
    error: the search it runs is one the person could type)."""
    if not isinstance(data, dict):
        return Filters()
    langs = data.get("l")
    languages = tuple(str(x)[:MAX_VALUE] for x in langs[:MAX_LANGUAGES] if isinstance(x, str) and x.strip()) \
        if isinstance(langs, list) else ()
    z = data.get("z")
    hours = float(z) if isinstance(z, int | float) and not isinstance(z, bool) and 0 <= z <= MAX_HOURS else None
    f = data.get("f")
    offer_format = _format(f) or "" if isinstance(f, str) else ""
    return Filters(languages=languages, max_hours_apart=hours, offer_format=offer_format, program=_text(data.get("p")),
                   department=_text(data.get("d")), level=_text(data.get("v")))


def _text(value: object) -> str:
    return value.strip()[:MAX_VALUE] if isinstance(value, str) else ""


def from_form(languages: str, hours: str, offer_format: str, program: str, department: str = "",
              level: str = "") -> tuple[Filters, dict[str, str]]:
    """Filters from the Refine modal's fields (attacker-controlled like any payload): (filters, field errors)."""
    errors: dict[str, str] = {}
    langs = [x.strip()[:MAX_VALUE] for x in languages.split(",") if x.strip()]
    if len(langs) > MAX_LANGUAGES:
        errors["languages"] = f"At most {MAX_LANGUAGES} languages."
    max_hours = None
    if hours and hours != "any":
        try:
            max_hours = float(hours)
        except ValueError:
            max_hours = -1.0
        if not 0 <= max_hours <= MAX_HOURS:
            errors["tz"] = f"Hours apart from 0 to {MAX_HOURS}."
            max_hours = None
    fmt = ""
    if offer_format and offer_format != "any":
        fmt = _format(offer_format) or ""
        if not fmt:
            errors["format"] = "One of " + ", ".join(FORMATS) + "."
    return Filters(languages=tuple(dict.fromkeys(langs[:MAX_LANGUAGES])), max_hours_apart=max_hours,
                   offer_format=fmt, program=_text(program), department=_text(department), level=_text(level)), errors


def describe(f: Filters) -> str:
    """Plain text, for the answer's header (escape before showing)."""
    parts = []
    if f.languages:
        parts.append("speaks " + " or ".join(f.languages))
    if f.max_hours_apart is not None:
        parts.append(f"at most {f.max_hours_apart:g} h apart")
    if f.offer_format:
        parts.append(f"meets by {f.offer_format}")
    if f.any_program:
        parts.append("in every program")
    elif f.program:
        parts.append(f"in program {f.program}")
    if f.department:
        parts.append(f"in department {f.department}")
    if f.level:
        parts.append(f"at level {f.level}")
    return ", ".join(parts)
