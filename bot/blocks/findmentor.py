"""The /findmentor answer: ranked mentors, each with why."""

from bot.blocks.common import context, divider, message, section
from bot.ranking import Match
from bot.text import escape, truncate

TOP_N = 5
BIO_SNIPPET = 200


def why_line(m: Match) -> str:
    """The reasons a person can compare between two mentors."""
    parts = []
    if m.matched_topics:
        parts.append("knows " + ", ".join(f"*{escape(t)}*" for t in m.matched_topics))
    parts.append(f"{m.mentor.years} yr{'s' if m.mentor.years != 1 else ''} experience")
    if m.shared_values:
        parts.append("shares " + ", ".join(escape(v) for v in m.shared_values))
    if m.shared_languages:
        parts.append("speaks " + ", ".join(escape(v) for v in m.shared_languages))
    slots = m.mentor.capacity_left
    parts.append(f"{slots} slot{'s' if slots != 1 else ''} left")
    hours = round(m.hours_apart, 1)
    parts.append("same working hours" if hours == 0 else f"{hours:g} h apart")
    return " · ".join(parts)


def results(query: str, matches: list[Match], total: int | None = None) -> dict:
    shown = matches[:TOP_N]
    total = len(matches) if total is None else total
    blocks = [section(f"Mentors for *{escape(query)}* — best fit first ({total} found):")]
    for rank, m in enumerate(shown, start=1):
        title = f" — {escape(m.mentor.title)}" if m.mentor.title else ""
        blocks.append(divider())
        bio = f"\n{escape(truncate(m.mentor.bio, BIO_SNIPPET))}" if m.mentor.bio else ""
        blocks.append(section(f"*{rank}. {escape(m.mentor.name)}*{title}{bio}"))
        blocks.append(context(why_line(m)))
    names = ", ".join(escape(m.mentor.name) for m in shown)
    # The fallback text is shown in notifications and parsed as mrkdwn too.
    return message(f"Mentors for {escape(query)}: {names}", blocks)


def need_words() -> dict:
    text = ("Tell me what you want to learn, e.g. `/findmentor python` or `/findmentor people management`. "
            "Adding goals to your profile lets me suggest mentors without any words.")
    return message(text, [section(text)])


def no_match(query: str) -> dict:
    text = (f"No mentor with room right now matches *{escape(query)}*. Try broader words "
            "(e.g. a skill like `python` or `leadership`), or check back later as mentors free up.")
    return message(text, [section(text)])
