"""The "Refine" modal of a /findmentor answer: the words and the same filters as the inline ones (language,
time-zone overlap, meeting format, program, department, level). Pure."""

from bot.domain.search_filters import FORMATS, MAX_VALUE, Filters
from bot.slack import ids
from bot.slack.blocks.forms import find_option, input_block, modal, option, static_select, text_input

REFINE_CALLBACK, REFINE_ACTION = ids.FINDMENTOR_REFINE_CALLBACK, ids.FINDMENTOR_REFINE
ANY = "any"
HOURS = (1, 2, 3, 4, 6, 8)
HOUR_OPTIONS = [option("Any time zone", ANY)] + [option(f"At most {h} h apart", str(h)) for h in HOURS]
FORMAT_OPTIONS = [option("Any format", ANY)] + [option(f.capitalize(), f) for f in FORMATS]


def refine_modal(words: str, filters: Filters) -> dict:
    hours = f"{filters.max_hours_apart:g}" if filters.max_hours_apart is not None else ANY
    blocks = [
        input_block("words", "What you want to learn", text_input(words, max_length=1500,
                                                                    placeholder="e.g. public speaking")),
        input_block("languages", "Speaks", text_input(", ".join(filters.languages), max_length=200,
                                                      placeholder="e.g. German, French"), optional=True,
                    hint="Any of these languages; leave empty for any."),
        input_block("tz", "Working hours", static_select(HOUR_OPTIONS, find_option(HOUR_OPTIONS, hours)
                                                         or HOUR_OPTIONS[0])),
        input_block("format", "Meets by", static_select(FORMAT_OPTIONS, find_option(FORMAT_OPTIONS,
                                                                                    filters.offer_format or ANY))),
        input_block("program", "Program", text_input(filters.program, max_length=MAX_VALUE,
                                                     placeholder="e.g. Engineering Mentoring"), optional=True,
                    hint="Only its mentors; `any` searches beyond your own programs."),
        input_block("department", "Department", text_input(filters.department, max_length=MAX_VALUE,
                                                           placeholder="e.g. Platform"), optional=True,
                    hint="Only mentors in this department."),
        input_block("level", "Level", text_input(filters.level, max_length=MAX_VALUE, placeholder="e.g. Senior"),
                    optional=True, hint="Only mentors at this level."),
    ]
    return modal("Refine the search", REFINE_CALLBACK, blocks, submit="Search")
