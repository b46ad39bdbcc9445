"""The /findmentor answer: ranked mentors, each with why, a Request intro and View profile button, then more."""

import json
import re

from bot.domain.ranking import Match, MentorCard
from bot.domain.search_filters import Filters, describe, to_value
from bot.domain.text import escape, truncate
from bot.slack import ids
from bot.slack.blocks.common import actions, button, context, divider, message, section
from bot.slack.blocks.findmentor_refine import REFINE_ACTION

TOP_N = 5
BIO_SNIPPET = 200
QUERY_IN_VALUE = 1500  # the words ride in button values (2000 characters at most)


CLOSE_TO = 60  # characters of the words quoted in "(close to ...)"


def why_line(m: Match, words: str = "") -> str:
    """The reasons a person can compare between two mentors; the evidence first, and only real evidence: a topic
    they list, a topic close in meaning to the words, or the career move asked for."""
    parts = []
    if m.matched_topics:
        parts.append("knows " + ", ".join(f"*{escape(t)}*" for t in m.matched_topics))
    if m.close_topics:
        near = f" (close to *{escape(truncate(words, CLOSE_TO))}*)" if words.strip() else ""
        parts.append("knows " + ", ".join(f"*{escape(t)}*" for t in m.close_topics) + near)
    if m.career_move:
        parts.append(f"walked *{escape(m.career_move)}*")
    parts.append(f"{m.mentor.years} yr{'s' if m.mentor.years != 1 else ''} experience")
    if m.shared_values:
        parts.append("shares " + ", ".join(escape(v) for v in m.shared_values))
    if m.shared_languages:
        parts.append("speaks " + ", ".join(escape(v) for v in m.shared_languages))
    slots = m.slots_left or m.mentor.capacity_left
    parts.append(f"{slots} slot{'s' if slots != 1 else ''} left")
    hours = round(m.hours_apart, 1)
    parts.append("same working hours" if hours == 0 else f"{hours:g} h apart")
    return " · ".join(parts)


def carried(words: str) -> str:
    """The words as buttons carry them: only search uses them, and search ignores <, > and &, so they go
    (no mention syntax rides along in any payload either)."""
    return re.sub(r"[<>&]", " ", words)[:QUERY_IN_VALUE]


def intro_value(mentor_id: str, words: str) -> str:
    return json.dumps({"m": mentor_id, "q": carried(words)}, separators=(",", ":"))


def mentor_blocks(rank: int, m: Match, words: str) -> list[dict]:
    title = f" — {escape(m.mentor.title)}" if m.mentor.title else ""
    bio = f"\n{escape(truncate(m.mentor.bio, BIO_SNIPPET))}" if m.mentor.bio else ""
    return [
        divider(),
        section(f"*{rank}. {escape(m.mentor.name)}*{title}{bio}"),
        context(why_line(m, words)),
        actions(button("Request intro", ids.INTRO_OPEN, intro_value(m.mentor.person_id, words), style="primary"),
                button("View profile", ids.PROFILE_VIEW, m.mentor.person_id), block_id=f"mentor_{rank}"),
    ]


def _limits(filters: Filters | None) -> str:
    said = describe(filters) if filters else ""
    return f" ({escape(said)})" if said else ""


def results(query: str, matches: list[Match], total: int | None = None, *, words: str = "",
            offset: int = 0, filters: Filters | None = None, did_you_mean: str = "") -> dict:
    """One page of results. `words` is what the person typed ('' = their goals), carried by the buttons with the
    filters, so "Show more" asks the same question."""
    shown = matches[:TOP_N]
    total = len(matches) if total is None else total
    first, last = offset + 1, offset + len(shown)
    where = f"{first}–{last} of {total}" if offset or total > len(shown) else f"{total} found"
    lead = f"Did you mean *{escape(did_you_mean)}*? " if did_you_mean else ""
    blocks = [section(f"{lead}Mentors for *{escape(query)}*{_limits(filters)} — best fit first ({where}):")]
    for rank, m in enumerate(shown, start=offset + 1):
        blocks.extend(mentor_blocks(rank, m, words))
    more = []
    if last < total:
        value = json.dumps({"q": carried(words), "o": last, **to_value(filters or Filters())}, separators=(",", ":"))
        more.append(button(f"Show more ({total - last} more)", ids.FINDMENTOR_MORE, value))
    blocks.append(actions(*more, refine_button(words, filters)))
    names = ", ".join(escape(m.mentor.name) for m in shown)
    # The fallback text is shown in notifications and parsed as mrkdwn too.
    return message(f"{lead}Mentors for {escape(query)}: {names}", blocks)


def suggestions(lead: str, matches: list[Match], words: str = "") -> dict:
    """Other mentors to try (after a decline or an expiry); `lead` is already-escaped mrkdwn."""
    blocks = [section(lead)]
    for rank, m in enumerate(matches, start=1):
        blocks.extend(mentor_blocks(rank, m, words))
    if not matches:
        blocks.append(context("No other mentor with room matches your goals right now. Try `/findmentor` with "
                              "other words, or add goals to your profile."))
    names = ", ".join(escape(m.mentor.name) for m in matches)
    return message(lead + (f" Suggestions: {names}" if names else ""), blocks)


def need_words() -> dict:
    text = ("Tell me what you want to learn, e.g. `/findmentor python` or `/findmentor people management`. "
            "Adding goals to your profile lets me suggest mentors without any words.")
    return message(text, [section(text)])


def refine_button(words: str, filters: Filters | None) -> dict:
    """Opens the Refine modal with the same words and filters (the value is re-validated when clicked)."""
    value = json.dumps({"q": carried(words), **to_value(filters or Filters())}, separators=(",", ":"))
    return button("Refine", REFINE_ACTION, value)


def no_match(query: str, closest: tuple[str, ...] = (), filters: Filters | None = None,
             did_you_mean: str = "", words: str = "") -> dict:
    """Honest: nobody with room lists it; the nearest topics that do exist, to try instead."""
    asked = escape(did_you_mean or query)
    text = f"No mentor with room right now lists *{asked}*{_limits(filters)}."
    if closest:
        text += " Closest topics mentors do list: " + ", ".join(f"`{escape(t)}`" for t in closest) + "."
    else:
        text += " Try broader words (e.g. a skill like `python` or `leadership`)."
    if filters:
        text += " Fewer filters may find someone."
    text += " Mentors free up over time, too."
    return message(text, [section(text), actions(refine_button(words or query, filters))])


def bad_filters(problems: tuple[str, ...]) -> dict:
    text = ("I couldn't read " + "; ".join(escape(p) for p in problems) + ". Filters: `lang:german`, `tz:3` "
            "(hours apart at most), `format:video` (huddle, video, in person), `program:\"Name\"` (`program:any`: beyond "
            "your own programs).")
    return message(text, [section(text)])


def not_available(name: str = "") -> dict:
    who = escape(name) if name else "That mentor"
    text = (f"{who} can't take an intro request from you right now (no free slot, away, already asked, or not "
            "a mentor). Run `/findmentor` again for mentors who can.")
    return message(text, [section(text)])


def profile_modal(card: MentorCard, slots_left: int, offer_format: str = "") -> dict:
    lines = [f"*{escape(card.name)}*" + (f" — {escape(card.title)}" if card.title else "")]
    if card.expertise:
        lines.append("*Can help with:* " + ", ".join(escape(t) for t in card.expertise))
    lines.append(f"*Experience:* {card.years} years" + (f" · {escape(card.career_path)}" if card.career_path else ""))
    if card.values:
        lines.append("*Values:* " + ", ".join(escape(v) for v in card.values))
    if card.languages:
        lines.append("*Languages:* " + ", ".join(escape(v) for v in card.languages))
    offer = ", ".join(escape(x) for x in (card.offer_cadence, offer_format) if x) or "flexible"
    lines.append(f"*Time zone:* {escape(card.tz)} · *Meets:* {offer} · *Slots left:* {max(slots_left, 0)}")
    blocks = [section("\n".join(lines))]
    if card.bio:
        blocks.append(section(escape(card.bio)))
    return {"type": "modal", "title": {"type": "plain_text", "text": "Mentor profile"},
            "close": {"type": "plain_text", "text": "Close"}, "blocks": blocks}
