"""Learning resources: program admins add to the library from Slack; a mentor recommends one from it (suggested by
topic in their meeting reminder); it lands in the pair's journal and the mentee gets a DM. Values are attacker-controlled: the clicker must be the
mentor of that active mentorship, and each resource is recommended to a pair once."""

from dataclasses import dataclass

from bot.domain.resources import Item, parse_new
from bot.features.deps import Deps
from bot.slack.blocks import resources as blocks
from storage import resources as store
from storage.checkins import programs_administered
from storage.db import session_scope
from storage.locks import write_transaction
from storage.models import Mentorship


@dataclass
class Recommended:
    mine: dict
    mentee_id: str = ""
    theirs: dict | None = None


def _parse(value: str | None) -> tuple[int, int] | None:
    parts = (value or "").split(":")
    if len(parts) != 2 or not all(p.isdigit() and 0 < len(p) < 10 for p in parts):
        return None
    return int(parts[0]), int(parts[1])


def recommend(deps: Deps, user_id: str, value: str | None) -> Recommended:
    parsed = _parse(value)
    with write_transaction(deps.engine) as session:
        resource = store.get_resource(session, parsed[0]) if parsed else None
        m = session.get(Mentorship, parsed[1]) if parsed else None
        if resource is None or m is None or m.status != "active" or m.mentor_id != user_id:
            return Recommended(blocks.refused())
        item = Item(resource.id, resource.title, resource.kind, resource.link, tuple(resource.topics or ()))
        if store.already_recommended(session, m.id, resource):
            return Recommended(blocks.already(item))
        store.recommend(session, m.id, user_id, resource)
        return Recommended(blocks.recommended(m.mentee_id, item), m.mentee_id,
                           blocks.recommended_to_mentee(user_id, item))


def library(deps: Deps, user_id: str) -> dict:
    with session_scope(deps.engine) as session:
        return blocks.library_list(store.library(session), bool(programs_administered(session, user_id)))


def add(deps: Deps, user_id: str, text: str) -> dict:
    """A program admin adds a resource: `Title | kind | https://link | topic, topic`."""
    parsed, why = parse_new(text)
    with write_transaction(deps.engine) as session:
        if not programs_administered(session, user_id):
            return blocks.add_problem("only program admins can add to the library.")
        if parsed is None:
            return blocks.add_problem(why)
        title, kind, link, topics = parsed
        row = store.add_resource(session, title, kind, link, list(topics), user_id)
        if row is None:
            return blocks.add_problem("the library already has a resource with that title.")
        return blocks.added(Item(row.id, title, kind, link, topics))
