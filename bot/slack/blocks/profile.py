"""The profile and self-assessment modals. Pure: profile row (or None) in, view JSON out."""

from bot.domain import hours
from bot.domain.profile import (
    CADENCES,
    CATALOG_TOPICS,
    EXPERTISE_CATALOG,
    FORMATS,
    MAX_PATH,
    MAX_PROUD_OF,
    MAX_SELF_ASSESSMENT,
    MAX_TITLE,
    VALUES,
)
from bot.domain.profiles_csv import MAX_BIO, MAX_CAPACITY
from bot.slack import ids
from bot.slack.blocks.common import context
from bot.slack.blocks.forms import (
    checkboxes,
    find_option,
    input_block,
    modal,
    multi_select,
    option,
    radio,
    static_select,
    text_input,
)

PROFILE_CALLBACK = ids.PROFILE_CALLBACK
SELF_ASSESSMENT_CALLBACK = ids.SELF_ASSESSMENT_CALLBACK
ROLE_OPTIONS = [option("Mentee: I want a mentor", "mentee"), option("Mentor: I can mentor others", "mentor"),
                option("Both", "both")]
CADENCE_OPTIONS = [option(c.capitalize(), c) for c in CADENCES] + [option("Flexible", "flexible")]
FORMAT_OPTIONS = [option(f.capitalize(), f) for f in FORMATS]
DAY_OPTIONS = [option(label, name) for name, label in zip(hours.DAY_NAMES, hours.DAY_LABELS, strict=True)]


def _topic_groups() -> dict[str, list[dict]]:
    return {area: [option(t, t) for t in topics] for area, topics in EXPERTISE_CATALOG.items()}


def profile_modal(profile, slack_tz: str) -> dict:
    """profile: the stored Profile or None. slack_tz: the zone Slack's users.info reports for the person."""
    p = profile
    expertise = list(p.expertise) if p else []
    picked = [option(CATALOG_TOPICS[t.casefold()], CATALOG_TOPICS[t.casefold()])
              for t in expertise if t.casefold() in CATALOG_TOPICS]
    other = [t for t in expertise if t.casefold() not in CATALOG_TOPICS]
    values = list(p.values) if p else []
    # A value typed elsewhere (CSV import) stays pickable, so saving the modal never drops it.
    value_options = [option(v.capitalize(), v) for v in (*VALUES, *(v for v in values if v not in VALUES))]
    formats = [f.strip() for f in (p.offer_format if p else "").split(",") if f.strip()]
    cadence = (p.offer_cadence or "flexible") if p else ""
    tz = (p.timezone if p and p.timezone else "") or slack_tz
    mine = hours.hours_of(p.work_hours, p.work_days) if p else hours.DEFAULT
    blocks = [
        context("Mentors are matched on what you say here: experience, career path, values and time. "
                "Only the role is required; the Home shows what is still missing."),
        input_block("role", "I want to take part as", radio(ROLE_OPTIONS, find_option(ROLE_OPTIONS, p.role if p else "")),
                    hint="Choose mentee if you are looking for a mentor."),
        input_block("title", "Title", text_input(p.title if p else "", max_length=MAX_TITLE,
                                                 placeholder="e.g. Backend Engineer"), optional=True),
        input_block("topics", "Expertise topics", multi_select(groups=_topic_groups(), initial=picked,
                                                               placeholder="Type to search topics"),
                    optional=True, hint="What you know well (mentors) or are building up (mentees)."),
        input_block("topics_other", "Other topics", text_input(", ".join(other), placeholder="comma-separated"),
                    optional=True, hint="Anything not in the list, separated by commas."),
        input_block("years", "Years of experience",
                    text_input(str(p.years_experience) if p and p.years_experience else "", max_length=3,
                               placeholder="e.g. 4"), optional=True),
        input_block("career_path", "Career path: the track you are on",
                    text_input(p.career_path if p else "", max_length=MAX_PATH,
                               placeholder="e.g. Backend engineer, moving towards platform work"), optional=True),
        input_block("aspiration", "Where you want to go",
                    text_input(p.career_aspiration if p else "", max_length=MAX_PATH,
                               placeholder="e.g. Tech lead within two years"), optional=True),
        input_block("values", "Values", multi_select(options=value_options,
                                                     initial=[o for o in value_options if o["value"] in values],
                                                     placeholder="Pick up to 5"), optional=True),
        input_block("capacity", "Mentors: how many mentees you can take",
                    text_input(str(p.capacity) if p and p.role != "mentee" else "", max_length=2,
                               placeholder="0–10"),
                    optional=True, hint=f"0 to {MAX_CAPACITY}; 0 pauses new requests."),
        input_block("cadence", "Mentors: how often you can meet",
                    static_select(CADENCE_OPTIONS, find_option(CADENCE_OPTIONS, cadence), placeholder="Pick a cadence"),
                    optional=True),
        input_block("formats", "Mentors: how you like to meet", checkboxes(
            FORMAT_OPTIONS, [o for o in FORMAT_OPTIONS if o["value"] in formats]), optional=True),
        input_block("languages", "Languages", text_input(", ".join(p.languages) if p else "",
                                                         placeholder="e.g. English, German"), optional=True),
        input_block("timezone", "Time zone", text_input(tz, max_length=64, placeholder="e.g. Europe/Berlin"),
                    optional=True, hint=f"From your Slack settings: {slack_tz}. Change it only to override."),
        input_block("bio", "Short bio", text_input(p.bio if p else "", multiline=True, max_length=MAX_BIO,
                                                   placeholder="A few lines others will read"), optional=True),
        input_block("proud_of", "What I'm proud of / projects I can talk about",
                    text_input(getattr(p, "proud_of", "") if p else "", multiline=True, max_length=MAX_PROUD_OF,
                               placeholder="e.g. the payments platform migration"), optional=True,
                    hint="Intro requests to you quote it, as the guide's template does."),
        input_block("work_hours", "Your working hours", text_input(
            hours.window_text(mine), max_length=11, placeholder="09:00-17:00"), optional=True,
            hint="In your time zone. Messages from mentorbot arrive only then."),
        input_block("work_days", "Your work days", checkboxes(
            DAY_OPTIONS, [o for i, o in enumerate(DAY_OPTIONS) if i in mine.days]), optional=True,
            hint="None ticked means Monday to Friday."),
    ]
    return modal("Your profile", PROFILE_CALLBACK, blocks)


def self_assessment_modal(profile) -> dict:
    blocks = [
        context("The guide's first step: know where you stand. Only you and your active mentors see "
                "this."),
        input_block("strengths", "Strengths", text_input(profile.strengths if profile else "", multiline=True,
                                                         max_length=MAX_SELF_ASSESSMENT,
                                                         placeholder="What do you do well?"), optional=True),
        input_block("areas", "Areas to improve", text_input(profile.areas_to_improve if profile else "",
                                                            multiline=True, max_length=MAX_SELF_ASSESSMENT,
                                                            placeholder="What do you want to get better at?"),
                    optional=True),
    ]
    return modal("Self-assessment", SELF_ASSESSMENT_CALLBACK, blocks)

