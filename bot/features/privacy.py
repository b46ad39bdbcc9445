"""People own their data: export it, erase it; retention sweeps; purging a workspace; the audit log.

Every entry point records who and when in the audit log (storage/audit.py), never what. Erasing writes one
`pair_ended` outbox row per mentorship it ends, so the other person is told (not why) whoever erased: the person
in Slack, an operator with `mentorbot erase`, or the retention sweep.
"""

import io
import json
import logging
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.domain import kinds
from bot.domain.erasure import is_tombstone
from bot.features.answers import ModalOrRefusal, refused
from bot.features.deps import Deps
from bot.slack.blocks import privacy as blocks
from bot.slack.delivery import Outgoing, open_dm, send, upload_to_dm
from storage import audit
from storage import privacy as store
from storage.checkins import programs_administered
from storage.db import session_scope
from storage.models import Mentorship, ScheduledMessage
from storage.outbox import enqueue
from storage.people import get_person

log = logging.getLogger(__name__)

PAIR_ENDED = kinds.PAIR_ENDED
README = """mentorbot: your data
====================

This archive holds everything the mentorbot of your workspace keeps about you, as of {at} UTC.
data.json is the same content for programs: one key per section, each a list of records.

Sections:
{sections}

Not included: your mentoring pairs' own check-in notes (they are theirs), and anything only Slack holds
(your messages in Slack). To have all of it erased, run /mentor erase in Slack.
"""


def is_admin(session: Session, user_id: str) -> bool:
    return bool(programs_administered(session, user_id))


def export_zip(engine: Engine, user_id: str, now: datetime) -> bytes | None:
    """The person's export: a zip with data.json and README.txt. None if the bot holds nothing about them."""
    with session_scope(engine) as session:
        data = store.export_data(session, user_id)
        if data is None:
            return None
        audit.record(session, user_id, "export", "self", at=now)
    sections = "\n".join(f"- {name} ({len(data[name])}): {desc}"
                         for name, (desc, _) in store.EXPORT_SECTIONS.items())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.json", json.dumps({"exported_at": now.isoformat(), **data}, indent=2, ensure_ascii=False))
        z.writestr("README.txt", README.format(at=f"{now:%Y-%m-%d %H:%M}", sections=sections))
    return buf.getvalue()


def erase(engine: Engine, slack_id: str, now: datetime, detail: str) -> store.Erasure | None:
    """Erase one person (see storage/privacy.py), tell each former pair, log it under the tombstone, and make
    sure the database files keep nothing. None if there is no such person."""
    with session_scope(engine) as session:
        store.overwrite_deleted(session)
        result = store.erase_person(session, slack_id, now)
        if result is None:
            return None
        for mentorship_id, other in result.ended_with:
            if not is_tombstone(other):
                enqueue(session, kind=PAIR_ENDED, recipient_id=other, due_at=now, mentorship_id=mentorship_id,
                        idempotency_key=f"{PAIR_ENDED}:{mentorship_id}:{other}")
        audit.record(session, result.tombstone, "erase", detail, at=now)
    if not store.flush_files(engine):
        log.warning("erase: the SQLite WAL could not be truncated now (a reader held it); the next checkpoint will")
    log.info("erased a person: %d mentorship(s) ended, %d intro request(s) withdrawn, %d message(s) cancelled",
             len(result.ended_with), result.withdrawn_intros, result.cancelled_messages)
    return result


def render_pair_ended(deps: Deps, session: Session, row: ScheduledMessage) -> Outgoing | None:  # noqa: ARG001
    m = session.get(Mentorship, row.mentorship_id) if row.mentorship_id else None
    if m is None:
        return None
    return Outgoing(channel=row.recipient_id, **blocks.pair_ended(m.started_at, row.recipient_id == m.mentor_id))


def purge(engine: Engine, actor: str, now: datetime) -> int:
    with session_scope(engine) as session:
        store.overwrite_deleted(session)
        rows = store.purge_all(session)
        audit.record(session, actor, "purge", "", at=now)
    store.flush_files(engine)
    log.warning("purged the workspace's data: %d rows", rows)
    return rows


def audit_view(engine: Engine, user_id: str, now: datetime) -> dict:
    with session_scope(engine) as session:
        if not is_admin(session, user_id):
            return blocks.admins_only("see the audit log")
        audit.record(session, user_id, "audit", "", at=now)
        return blocks.audit_log(audit.latest(session))


def record_read(engine: Engine, user_id: str, action: str, now: datetime) -> None:
    """An admin report was run: who, which, when."""
    with session_scope(engine) as session:
        audit.record(session, user_id, action, "", at=now)


def sweep_privacy(deps: Deps, session: Session, now: datetime) -> int:
    """ERASE_AFTER_DEACTIVATION_DAYS and NOTES_RETENTION_DAYS, when set. Erasures run in their own transactions
    (each flushes the database files); returns how many people were erased plus notes blanked."""
    settings, done = deps.settings, 0
    if settings.notes_retention_days:
        done += store.blank_old_notes(session, now - timedelta(days=settings.notes_retention_days))
    if settings.erase_after_deactivation_days:
        gone = store.deactivated_before(session, now - timedelta(days=settings.erase_after_deactivation_days))
        session.commit()
        for slack_id in gone:
            done += erase(deps.engine, slack_id, now, "deactivated") is not None
    return done


# ---- Slack surfaces (handlers/commands/privacy.py, handlers/views/privacy.py) ------------------------------------

def send_export(deps: Deps, client: WebClient, user_id: str) -> dict:
    """/mentor export: the zip into the person's DM. Returns what to tell them (ephemeral)."""
    now = deps.clock()
    data = export_zip(deps.engine, user_id, now)
    if data is None:
        return blocks.nothing_held()
    try:
        upload_to_dm(deps.engine, client, user_id, [{"content": data, "filename": f"mentorbot-data-{now:%Y-%m-%d}.zip",
                                                     "title": "Your mentorbot data"}], blocks.export_comment())
    except SlackApiError as exc:
        log.warning("export upload failed: %s", exc.response.get("error"))
        return {"text": "Sorry, the export could not be delivered just now. Please try `/mentor export` again in a "
                        "minute."}
    return blocks.export_started()


def erase_screen(engine: Engine, user_id: str) -> ModalOrRefusal:
    with session_scope(engine) as session:
        known = get_person(session, user_id) is not None
    return ModalOrRefusal(view=blocks.erase_modal()) if known else refused(blocks.nothing_held())


def purge_screen(engine: Engine, user_id: str) -> ModalOrRefusal:
    with session_scope(engine) as session:
        allowed = is_admin(session, user_id)
    return ModalOrRefusal(view=blocks.purge_modal()) if allowed else refused(
        blocks.admins_only("purge the workspace's data"))


@dataclass
class Confirmed:
    errors: dict[str, str] | None = None


def confirm_erase(typed: str) -> Confirmed:
    if typed.strip() != blocks.ERASE_WORD:
        return Confirmed(errors={blocks.CONFIRM_BLOCK: blocks.confirm_error(blocks.ERASE_WORD)})
    return Confirmed()


def confirm_purge(engine: Engine, user_id: str, typed: str) -> Confirmed:
    with session_scope(engine) as session:
        allowed = is_admin(session, user_id)
    if not allowed:
        return Confirmed(errors={blocks.CONFIRM_BLOCK: blocks.admins_only("purge")["text"]})
    if typed.strip() != blocks.PURGE_WORD:
        return Confirmed(errors={blocks.CONFIRM_BLOCK: blocks.confirm_error(blocks.PURGE_WORD)})
    return Confirmed()


def erase_self(deps: Deps, client: WebClient, user_id: str) -> list[str]:
    """After the confirmation's ack: erase the submitter (never anyone named in the view) and say goodbye. Returns
    whose Home to republish (theirs, and their former pairs')."""
    # The goodbye's channel is read first: afterwards the bot no longer keeps their DM channel.
    channel = open_dm(deps.engine, client, user_id)
    result = erase(deps.engine, user_id, deps.clock(), "self")
    send(deps.engine, client, channel, **blocks.erased())
    return [user_id, *(other for _, other in (result.ended_with if result else []))]


def stop_sending(deps: Deps, reason: str) -> None:
    """app_uninstalled / tokens_revoked: all sending stops at once; queued rows stay pending (nothing is lost)."""
    with session_scope(deps.engine) as session:
        audit.pause_sending(session, reason, deps.clock())
        audit.record(session, "slack", "sending_paused", reason, at=deps.clock())


def purge_all(deps: Deps, client: WebClient, user_id: str) -> None:
    channel = open_dm(deps.engine, client, user_id)
    rows = purge(deps.engine, user_id, deps.clock())
    send(deps.engine, client, channel, **blocks.purged(rows))
