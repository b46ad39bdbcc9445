"""What a profile may hold and what makes it complete. Pure: no Slack, no database.

The modal's raw answers go in (ProfileForm), a clean ProfileData or field errors come out, keyed by the modal's
block ids so the handler can answer `response_action: errors` as is."""

from dataclasses import dataclass, field

from bot.domain import hours
from bot.domain.profiles_csv import MAX_BIO, MAX_CAPACITY, MAX_YEARS, ROLES, valid_timezone
from bot.domain.text import split_list

# The curated expertise list, grouped by area (the modal's option_groups; searchable by typing in Slack).
EXPERTISE_CATALOG: dict[str, tuple[str, ...]] = {
    "Engineering": ("Python", "Java", "TypeScript", "React", "APIs", "Distributed systems", "System design",
                    "Code review", "Testing", "Web performance", "Databases", "SQL", "Mobile"),
    "Data": ("Machine learning", "Statistics", "Experiment design", "Data pipelines", "Analytics"),
    "Infrastructure": ("Kubernetes", "Site reliability engineering", "Incident response", "Cloud cost",
                       "Security", "Threat modelling"),
    "Product and design": ("Product management", "Roadmapping", "User experience", "Design systems",
                           "Accessibility", "User research"),
    "Leadership": ("Leadership", "People management", "Hiring", "Career growth", "Stakeholder management",
                   "Public speaking", "Writing", "Negotiation"),
    "Business": ("Customer support", "Sales", "Marketing", "Finance", "Operations"),
}
CATALOG_TOPICS = {t.casefold(): t for topics in EXPERTISE_CATALOG.values() for t in topics}

VALUES = ("candour", "inclusion", "craft", "balance", "curiosity", "ownership", "kindness", "growth",
          "collaboration", "impact")
CADENCES = ("weekly", "biweekly", "monthly")  # '' = flexible
FORMATS = ("huddle", "video", "in person")

# Field limits: the table's column sizes, and a short list stays short.
MAX_TITLE = 255
MAX_PATH = 500
MAX_TOPICS = 15
MAX_TOPIC = 60
MAX_VALUES = 5
MAX_VALUE = 30
MAX_LANGUAGES = 6
MAX_LANGUAGE = 40
MAX_SELF_ASSESSMENT = 1000


@dataclass(frozen=True)
class ProfileForm:
    """The modal's raw answers: strings as typed, lists as picked."""

    role: str = ""
    title: str = ""
    topics_picked: tuple[str, ...] = ()
    topics_other: str = ""
    years: str = ""
    career_path: str = ""
    aspiration: str = ""
    values: tuple[str, ...] = ()
    capacity: str = ""
    cadence: str = ""
    formats: tuple[str, ...] = ()
    languages: str = ""
    timezone: str = ""
    bio: str = ""
    work_hours: str = ""
    work_days: tuple[str, ...] = ()
    proud_of: str = ""


@dataclass(frozen=True)
class ProfileData:
    role: str
    title: str
    expertise: list[str]
    years_experience: int
    career_path: str
    career_aspiration: str
    values: list[str]
    capacity: int
    offer_cadence: str
    offer_format: str
    languages: list[str]
    timezone: str
    bio: str
    work_hours: str = ""  # '' = the default window (bot.domain.hours)
    work_days: str = ""  # '' = Monday to Friday
    proud_of: str = ""


MAX_PROUD_OF = 500


def is_mentor(role: str) -> bool:
    return role in ("mentor", "both")


def is_mentee(role: str) -> bool:
    return role in ("mentee", "both")


def _whole_number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _too_long(value: str, limit: int) -> bool:
    return len(value) > limit


def merge_topics(picked: tuple[str, ...] | list[str], other: str) -> list[str]:
    """Picked topics then typed ones (comma or semicolon separated); a typed catalog topic takes the catalog's
    spelling; duplicates (any case) dropped."""
    typed = split_list(other.replace(",", ";"))
    merged = [*picked, *(CATALOG_TOPICS.get(t.casefold(), t) for t in typed)]
    return split_list(";".join(merged))


def validate_profile(form: ProfileForm) -> tuple[ProfileData | None, dict[str, str]]:
    """(data, {}) when valid, else (None, {block_id: message}) for every bad field at once."""
    errors: dict[str, str] = {}
    role = form.role.strip()
    if role not in ROLES:
        errors["role"] = "Pick mentor, mentee or both."
    title = form.title.strip()
    if _too_long(title, MAX_TITLE):
        errors["title"] = f"Title must be at most {MAX_TITLE} characters."
    topics = merge_topics(form.topics_picked, form.topics_other)
    if any(_too_long(t, MAX_TOPIC) for t in topics):
        errors["topics_other"] = f"Each topic must be at most {MAX_TOPIC} characters."
    elif len(topics) > MAX_TOPICS:
        errors["topics_other"] = f"At most {MAX_TOPICS} topics in all: keep the ones you know best."
    years = _whole_number(form.years or "0")
    if years is None:
        errors["years"] = "Years must be a number, e.g. 4."
    elif years > MAX_YEARS:
        errors["years"] = f"Years must be between 0 and {MAX_YEARS}."
    career_path, aspiration = form.career_path.strip(), form.aspiration.strip()
    if _too_long(career_path, MAX_PATH):
        errors["career_path"] = f"Career path must be at most {MAX_PATH} characters."
    if _too_long(aspiration, MAX_PATH):
        errors["aspiration"] = f"Where you want to go must be at most {MAX_PATH} characters."
    values = split_list(";".join(form.values))
    if len(values) > MAX_VALUES or any(_too_long(v, MAX_VALUE) for v in values):
        errors["values"] = f"Pick at most {MAX_VALUES} values."
    capacity = _whole_number(form.capacity or "0")
    if capacity is None or capacity > MAX_CAPACITY:
        errors["capacity"] = f"Capacity must be 0–{MAX_CAPACITY} (0 means paused)."
    cadence = form.cadence.strip()
    cadence = "" if cadence == "flexible" else cadence  # '' = flexible, as the table stores it
    if cadence not in ("", *CADENCES):
        errors["cadence"] = "Pick weekly, biweekly, monthly or flexible."
    formats = [f for f in FORMATS if f in form.formats]
    if len(formats) != len(set(form.formats)):
        errors["formats"] = "Pick from huddle, video or in person."
    languages = split_list(form.languages.replace(",", ";"))
    if len(languages) > MAX_LANGUAGES or any(_too_long(lang, MAX_LANGUAGE) for lang in languages):
        errors["languages"] = f"List at most {MAX_LANGUAGES} languages, separated by commas."
    tz = form.timezone.strip()
    if tz and not valid_timezone(tz):
        errors["timezone"] = "Use a time zone name such as Europe/Berlin or America/New_York."
    bio = form.bio.strip()
    if _too_long(bio, MAX_BIO):
        errors["bio"] = f"Bio must be at most {MAX_BIO} characters (it has {len(bio)})."
    window = form.work_hours.strip()
    parsed = hours.parse_window(window) if window else (hours.DEFAULT.start, hours.DEFAULT.end)
    if parsed is None:
        errors["work_hours"] = "Write your hours as 09:00-17:00 (start before end, at least an hour)."
    days = hours.parse_days(",".join(form.work_days)) if form.work_days else hours.DEFAULT.days
    if days is None:
        errors["work_days"] = "Pick from Monday to Sunday."
    proud_of = form.proud_of.strip()
    if _too_long(proud_of, MAX_PROUD_OF):
        errors["proud_of"] = f"Keep it under {MAX_PROUD_OF} characters (it has {len(proud_of)})."
    if errors or parsed is None or days is None:
        return None, errors
    chosen = hours.Hours(parsed[0], parsed[1], days)
    return ProfileData(
        role=role, title=title, expertise=topics, years_experience=years or 0, career_path=career_path,
        career_aspiration=aspiration, values=values, capacity=capacity or 0, offer_cadence=cadence,
        offer_format=", ".join(formats), languages=languages, timezone=tz, bio=bio,
        # The default is stored as '' so a later change of the default reaches everyone who never chose.
        work_hours="" if (chosen.start, chosen.end) == (hours.DEFAULT.start, hours.DEFAULT.end)
        else hours.window_text(chosen),
        work_days="" if days == hours.DEFAULT.days else hours.days_text(days), proud_of=proud_of,
    ), {}


def validate_self_assessment(strengths: str, areas: str) -> dict[str, str]:
    errors = {}
    for block_id, value, label in (("strengths", strengths, "Strengths"), ("areas", areas, "Areas to improve")):
        if _too_long(value.strip(), MAX_SELF_ASSESSMENT):
            errors[block_id] = f"{label} must be at most {MAX_SELF_ASSESSMENT} characters."
    return errors


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str] = field(default_factory=list)  # what to add, in words a person understands

    @property
    def complete(self) -> bool:
        return not self.missing


def completeness(profile, has_goals: bool = False) -> Completeness:
    """What matching needs from this person's profile (None = no profile yet), and what is missing.
    Mentors need what a mentee compares them on; mentees need what a mentor is matched against."""
    if profile is None:
        return Completeness(0, ["your role (mentor, mentee or both)", "your title", "your career path",
                                "your values", "your languages", "a short bio"])
    checks = [
        (bool(profile.title), "your title"),
        (bool(profile.career_path), "your career path (the track you are on)"),
        (bool(profile.values), "your values"),
        (bool(profile.languages), "the languages you speak"),
        (bool(profile.bio), "a short bio"),
    ]
    if is_mentor(profile.role):
        checks += [
            (bool(profile.expertise), "expertise topics you can help with"),
            (profile.years_experience > 0, "your years of experience"),
            (bool(profile.offer_format), "how you like to meet (huddle, video, in person)"),
        ]
    if is_mentee(profile.role):
        checks += [
            (bool(profile.career_aspiration), "where you want to go (career aspiration)"),
            (has_goals or bool(profile.areas_to_improve), "a goal or areas to improve"),
        ]
    done = sum(1 for ok, _ in checks if ok)
    return Completeness(round(100 * done / len(checks)), [what for ok, what in checks if not ok])
