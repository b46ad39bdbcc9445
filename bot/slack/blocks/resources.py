"""Learning resources: the suggestions in a meeting reminder (a mentor can recommend one), and the notes.
Pure builders; titles escaped, links only when safe (bot.domain.resources.safe_link)."""

from bot.domain.resources import ADD_FORMAT, Item, safe_link
from bot.domain.text import escape, mention, truncate
from bot.slack.blocks.common import actions, button, context, message, section

RECOMMEND = "resource_recommend"  # value: "<resource id>:<mentorship id>"


def label(item: Item) -> str:
    title = escape(truncate(item.title, 150))
    link = f"<{item.link}|{title}>" if safe_link(item.link) else f"*{title}*"
    return f"{link} ({escape(item.kind)})"


def reminder_blocks(items: list[Item], mentorship_id: int, mentee_id: str | None) -> list[dict]:
    """mentee_id: set in the mentor's reminder, whose suggestions each get a Recommend button."""
    if not items:
        return []
    out = [section("*From the library*, for what you're working on:\n" + "\n".join(f"• {label(i)}" for i in items))]
    if mentee_id:  # one block each: an action_id is unique within its block
        out += [actions(button(f"Recommend {truncate(i.title, 40)}", RECOMMEND, f"{i.id}:{mentorship_id}"),
                        block_id=f"resource_{i.id}") for i in items]
    return out


def recommended_to_mentee(mentor_id: str, item: Item) -> dict:
    line = f"{mention(mentor_id)} recommends {label(item)}. It's in your check-in journal (`/mentor journal`)."
    return message(f"Your mentor recommends {escape(item.title)}", [section(line)])


def recommended(mentee_id: str, item: Item) -> dict:
    text = f"Sent to {mention(mentee_id)}: {label(item)}. It's in your pair's journal."
    return message(text, [section(text)])


def already(item: Item) -> dict:
    text = f"You already recommended {label(item)} to this mentee, so nothing changed."
    return message(text, [section(text)])


def refused() -> dict:
    text = "Only the mentor of an active mentorship can recommend a resource, so nothing changed."
    return message(text, [section(text), context("Mentees: ask your mentor for what they'd read.")])


def library_list(items: list[Item], admin: bool) -> dict:
    lines = "\n".join(f"• {label(i)}: " + escape(", ".join(i.topics)) for i in items) or "The library is empty."
    tail = (f"Program admins add to it: `/mentor resource add {ADD_FORMAT}`" if admin
            else "Meeting reminders suggest these by topic; mentors can recommend them.")
    return message("The learning library", [section("*The learning library*\n" + lines), context(tail)])


def added(item: Item) -> dict:
    text = f"Added to the library: {label(item)}. Reminders suggest it for: {escape(', '.join(item.topics))}."
    return message(text, [section(text)])


def add_problem(why: str) -> dict:
    text = f"Nothing was added: {why}"
    return message(text, [section(text)])
