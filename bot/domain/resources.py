"""Which learning resources fit a pair, by topic. Pure.

A resource fits when one of its topics appears, as whole words, in what the mentee is working on (their goals and
the pair's shared goals). More matching topics rank first; ties keep the library's order."""

import re
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+")
_SAFE_LINK = re.compile(r"https://[^\s<>|]{1,490}")


@dataclass(frozen=True)
class Item:
    id: int
    title: str
    kind: str
    link: str
    topics: tuple[str, ...]


def words(text: str) -> list[str]:
    return _WORD.findall((text or "").casefold())


def _has_phrase(haystack: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return n > 0 and any(haystack[i:i + n] == phrase for i in range(len(haystack) - n + 1))


def matched_topics(item: Item, text: str) -> list[str]:
    have = words(text)
    return [t for t in item.topics if _has_phrase(have, words(t))]


def suggest(items: list[Item], text: str, limit: int = 2) -> list[Item]:
    scored = [(len(matched_topics(item, text)), i, item) for i, item in enumerate(items)]
    return [item for score, _, item in sorted(scored, key=lambda s: (-s[0], s[1])) if score > 0][:limit]


def safe_link(url: str) -> bool:
    """https only, and nothing that could break out of a Slack <link|label>."""
    return bool(_SAFE_LINK.fullmatch(url or ""))


KINDS = ("book", "course", "club", "article", "video", "podcast")
MAX_TITLE, MAX_TOPICS, MAX_TOPIC = 200, 8, 40
ADD_FORMAT = "Title | kind | https://link | topic, topic"


def parse_new(text: str) -> tuple[tuple[str, str, str, tuple[str, ...]] | None, str]:
    """'Title | kind | https://link | topic, topic' -> ((title, kind, link, topics), '') or (None, why)."""
    parts = [p.strip() for p in (text or "").split("|")]
    if len(parts) != 4:
        return None, f"Write it as `{ADD_FORMAT}`."
    title, kind, link, topic_text = parts
    topics = tuple(t.strip() for t in topic_text.split(",") if t.strip())
    if not 3 <= len(title) <= MAX_TITLE:
        return None, f"The title needs 3 to {MAX_TITLE} characters."
    if kind.casefold() not in KINDS:
        return None, "The kind is one of: " + ", ".join(KINDS) + "."
    if not safe_link(link):
        return None, "The link must be a plain https:// address."
    if not topics or len(topics) > MAX_TOPICS or any(len(t) > MAX_TOPIC for t in topics):
        return None, f"Give 1 to {MAX_TOPICS} topics, separated by commas (each up to {MAX_TOPIC} characters)."
    return (title, kind.casefold(), link, topics), ""
