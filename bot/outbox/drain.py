"""Draining the outbox: claim due rows under a lease, send each once, record the Slack ts.

How a drain runs (`drain(deps, client, now)`; `now` is injected, and every lease comparison uses it):

1. Claim, one short transaction per batch: rows whose lease has expired (their worker died) go back to pending;
   then up to `batch` due pending rows are selected, oldest first (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so two
   workers never take the same row; SQLite: the claim starts with an UPDATE, which takes SQLite's single write lock,
   so claims are serialized and the same holds). Each row is checked against its recipient's working hours
   (09:00-17:00 Mon-Fri in their zone), out-of-office pause and status: rows outside the window are re-timed
   (due_at = the next working moment) and stay pending; the rest become 'sending' with lease_until = now + lease
   and attempts + 1.
2. For each claimed row, one transaction: lock the row if the claim is still ours (status 'sending' and our
   lease_until), render it (the renderer may write in the same transaction), post it, and mark it sent with the
   Slack ts. The renderer's writes and the 'sent' mark commit together. Up to `concurrency` rows (CONCURRENCY,
   4) are in this step at once, each in its own thread and transaction; `concurrency=1` is strictly sequential.
3. A failure rolls the render back and, in a new transaction, retries the row later (backoff; Retry-After on 429)
   or fails it (permanent errors; see bot/outbox/failures.py). A 429, a refused token or three transient errors
   in a row stop the drain; the rows it had claimed but not tried are released (pending, attempt undone);
   rows already in flight finish first.

Reconciling instead of a duplicate window: Slack may have accepted chat.postMessage for a row whose 'sent' mark
never committed (the worker died, or lost the database) or whose answer was lost (a 5xx or a timeout after Slack
received it). Every post carries the row's idempotency key as message metadata, and a row tried before
(attempts > 1: reclaimed from an expired lease, or retried after a transient failure) is first looked for in the
recipient's conversation with one bounded history read (bot.slack.delivery.find_posted): found, it is marked sent
with that ts (DrainReport.reconciled); absent, it is posted. Rows returned from an expired lease are counted in
DrainReport.reclaimed.

Stopping (`stop`, set by the worker on SIGTERM): no new batch is claimed and no new row is started; rows in flight
finish (posted and marked sent), and claimed rows not yet tried are released at once (pending, attempt undone), so
a stopped worker leaves nothing to wait out a lease: halted = "stopping".
"""

import logging
import threading
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from slack_sdk import WebClient

from bot.domain.hours import hours_of
from bot.domain.timekeeping import effective_tz
from bot.features.deps import Deps
from bot.outbox import failures
from bot.outbox.kinds import RENDERERS
from bot.outbox.policy import Recipient, decide, is_channel
from bot.slack.delivery import attach_ics, find_posted, post_outgoing
from storage import audit
from storage.db import session_scope
from storage.mentorships import pause_mentorships_of
from storage.scheduling import (
    defer,
    lock_claimed,
    mark_cancelled,
    mark_claimed,
    mark_failed,
    mark_sent,
    recipients,
    reclaim_expired,
    release,
    retry_later,
    select_due,
)

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)
# Rows posted at once by one worker. Slack's latency, not our work, bounds a sequential drain (real Slack answers
# in 100-300 ms); a few posts in flight to different people keep within Slack's per-channel limit. It is also the
# size of the duplicate window (see above).
CONCURRENCY = 4


@dataclass
class DrainReport:
    sent: int = 0
    cancelled: int = 0  # the renderer said there is nothing to send any more
    failed: int = 0
    errors: list[str] = field(default_factory=list)  # "row <id>: <code>": Slack codes only, never message text
    deferred: int = 0  # re-timed into the recipient's working hours or past their pause
    retried: int = 0  # back to pending after a transient failure or a rate limit
    reclaimed: int = 0  # returned to pending from an expired lease: each is looked for in Slack before a resend
    reconciled: int = 0  # found already posted (metadata key in the DM) and marked sent without posting again
    skipped: int = 0  # our claim was taken over (our lease had expired): left to the other worker
    paused_mentorships: int = 0
    halted: str = ""  # why the drain stopped early: ratelimited, slack_unavailable, or a token error code


class _Halt(Exception):
    def __init__(self, reason: str, not_before: datetime | None = None):
        super().__init__(reason)
        self.reason, self.not_before = reason, not_before


@dataclass
class _Pass:
    """State of one drain call."""

    deps: Deps
    client: WebClient
    now: datetime
    lease_until: datetime
    report: DrainReport
    # user id -> their kept DM channel (None: none kept), read with each claim: no lookup per row
    dm_channels: dict[str, str | None] = field(default_factory=dict)
    stop: threading.Event | None = None
    recipient_of: dict[int, str] = field(default_factory=dict)  # claimed row id -> recipient
    transient_in_a_row: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stopping(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def count(self, **increments: int) -> None:
        with self.lock:
            for name, n in increments.items():
                setattr(self.report, name, getattr(self.report, name) + n)


def drain(deps: Deps, client: WebClient, now: datetime, batch: int = 100, lease: timedelta = LEASE,
          max_rows: int | None = None, concurrency: int = CONCURRENCY,
          stop: threading.Event | None = None) -> DrainReport:
    """Send every due row once (at most `max_rows`), batch by batch, until none is due or the drain halts.
    Up to `concurrency` rows of a batch are posted at once (1 = strictly one after the other, in due order).
    Setting `stop` ends the drain early, releasing what it claimed but did not start (see Stopping above)."""
    paused = _sending_paused(deps, client, now)
    if paused:
        return DrainReport(halted=paused)
    state = _Pass(deps, client, now, now + lease, DrainReport(), stop=stop)
    done = 0
    pool = ThreadPoolExecutor(concurrency, thread_name_prefix="drain") if concurrency > 1 else nullcontext()
    with pool:
        while max_rows is None or done < max_rows:
            if state.stopping():
                state.report.halted = "stopping"
                break
            claimed = _claim(state, batch if max_rows is None else min(batch, max_rows - done))
            if claimed is None:
                break
            halt, untried = _deliver_batch(state, claimed, pool if concurrency > 1 else None, concurrency)
            done += len(claimed)
            if halt is not None:
                state.report.halted = halt.reason
                with session_scope(deps.engine) as session:
                    release(session, untried, state.lease_until, halt.not_before)
                break
    r = state.report
    if r.sent or r.failed or r.retried or r.reclaimed or r.halted:
        log.info("drain: %s sent, %s deferred, %s retried, %s failed, %s cancelled, %s reclaimed%s", r.sent,
                 r.deferred, r.retried, r.failed, r.cancelled, r.reclaimed, f", halted: {r.halted}" if r.halted else "")
    return r


def _sending_paused(deps: Deps, client: WebClient, now: datetime) -> str:
    """Why nothing may be sent ('' if it may). After app_uninstalled or tokens_revoked (handlers/events/lifecycle.py)
    sending stops and rows stay pending; the first drain whose auth.test succeeds again (a reinstall) resumes."""
    with session_scope(deps.engine) as session:
        reason = audit.sending_paused(session)
    if not reason:
        return ""
    try:
        client.auth_test()
    except Exception as exc:
        log.info("sending paused (%s): auth.test says %s", reason, failures.classify(exc).code)
        return reason
    with session_scope(deps.engine) as session:
        if audit.resume_sending(session):
            audit.record(session, "slack", "sending_resumed", "auth_ok", at=now)
    log.warning("the bot token works again: sending resumes")
    return ""


def _deliver_batch(state: _Pass, claimed: list[int], pool: ThreadPoolExecutor | None, concurrency: int):
    """Deliver claimed rows, at most `concurrency` in flight. Returns (the first _Halt or None, rows not tried)."""
    queue, halt = list(claimed), None
    if pool is None:
        while queue:
            if state.stopping():
                return _Halt("stopping"), queue
            try:
                _deliver(state, queue.pop(0))
            except _Halt as exc:
                return exc, queue
        return None, []
    # One row per recipient in flight: a person's messages arrive in due order (a reminder never before its prompt).
    in_flight: dict = {}  # future -> recipient
    while queue or in_flight:
        if halt is None and state.stopping():
            halt = _Halt("stopping")
        while queue and halt is None and len(in_flight) < concurrency:
            busy = set(in_flight.values())
            pick = next((i for i, row_id in enumerate(queue) if state.recipient_of.get(row_id) not in busy), None)
            if pick is None:
                break
            row_id = queue.pop(pick)
            in_flight[pool.submit(_deliver, state, row_id)] = state.recipient_of.get(row_id)
        if not in_flight:
            break
        finished, _ = wait(list(in_flight), return_when=FIRST_COMPLETED)
        for future in finished:
            del in_flight[future]
            exc = future.exception()
            if isinstance(exc, _Halt):
                if halt is None or (exc.not_before and (halt.not_before is None or exc.not_before > halt.not_before)):
                    halt = exc
            elif exc is not None:
                raise exc
    return halt, queue if halt is not None else []


def _claim(state: _Pass, batch: int) -> list[int] | None:
    """Claim up to `batch` due rows; None when nothing is due. Rows outside their window are re-timed instead."""
    with session_scope(state.deps.engine) as session:
        state.count(reclaimed=reclaim_expired(session, state.now))
        due = select_due(session, state.now, batch)
        if not due:
            return None
        users = {rid for _, rid in due if not is_channel(rid)}
        people = recipients(session, users)
        for rid in users:
            kept = people[rid][4] if rid in people else None
            if kept or rid not in state.dm_channels:  # never forget one opened earlier in this drain
                state.dm_channels[rid] = kept
        send, moves = [], []
        for row_id, rid in due:
            info = people.get(rid)
            person = Recipient(rid, effective_tz(info[0], info[1]), info[2], info[3],
                               hours_of(info[5], info[6])) if info else None
            decision = decide(rid, person, state.now)
            if decision.action == "send":
                send.append(row_id)
                state.recipient_of[row_id] = rid
            elif decision.action == "defer":
                moves.append((row_id, decision.due_at, decision.for_pause))
            else:
                mark_failed(session, row_id, None, decision.reason)
                _record_failure(state, session, row_id, rid, decision.reason, pause=True)
        mark_claimed(session, send, state.lease_until)
        defer(session, moves)
        state.count(deferred=len(moves))
    return send


def _deliver(state: _Pass, row_id: int) -> None:
    """Render, send and mark one claimed row; failures are recorded, a _Halt stops the drain."""
    deps = state.deps
    seen: dict = {}
    try:
        with session_scope(deps.engine) as session:
            row = lock_claimed(session, row_id, state.lease_until)
            if row is None:
                state.count(skipped=1)
                return
            seen.update(kind=row.kind, recipient=row.recipient_id, attempts=row.attempts)
            render = RENDERERS.get(row.kind)
            if render is None:
                raise _Unsendable("no_renderer")
            try:
                out = render(deps, session, row)
            except Exception as exc:
                log.error("render failed: row %s (%s): %s", row_id, row.kind, type(exc).__name__)
                raise _RenderFailed(f"render_error:{type(exc).__name__}") from None
            if out is None:
                mark_cancelled(session, row_id, state.lease_until)
                state.count(cancelled=1)
                return
            if row.attempts > 1:  # tried before with an outcome we may not know: look before posting again
                found = find_posted(session, state.client, out, row.idempotency_key, row.created_at,
                                    state.dm_channels)
                if found:
                    mark_sent(session, row_id, state.lease_until, found, state.now, "found already posted")
                    state.count(sent=1, reconciled=1)
                    return
            channel, ts = post_outgoing(session, state.client, out, state.dm_channels, key=row.idempotency_key)
            seen["ts"] = ts
            note = ""
            if out.ics:
                try:
                    attach_ics(state.client, channel, ts, out)
                except Exception as exc:  # the message is out: never post it again for its attachment
                    note = f"ics_upload_failed:{failures.classify(exc).code}"
                    log.warning("row %s: calendar file not attached (%s)", row_id, note)
            mark_sent(session, row_id, state.lease_until, ts, state.now, note)
        state.count(sent=1)
        with state.lock:
            state.transient_in_a_row = 0
    except _Halt:
        raise
    except _Unsendable as exc:
        _fail(state, row_id, seen, str(exc), pause=False)
    except _RenderFailed as exc:
        _retry_or_fail(state, row_id, seen, str(exc))
    except Exception as exc:
        if "ts" in seen:  # Slack has the message; only recording it failed (the duplicate window)
            _record_sent_after_error(state, row_id, seen["ts"], exc)
            return
        _on_send_failure(state, row_id, seen, failures.classify(exc))


class _Unsendable(Exception):
    pass


class _RenderFailed(Exception):
    pass


def _on_send_failure(state: _Pass, row_id: int, seen: dict, failure: failures.Failure) -> None:
    log.warning("send failed: row %s (%s): %s", row_id, seen.get("kind"), failure.code)
    if failure.kind == "rate_limited":
        retry_at = state.now + timedelta(seconds=failure.retry_after or failures.DEFAULT_RETRY_AFTER)
        with session_scope(state.deps.engine) as session:
            retry_later(session, row_id, state.lease_until, retry_at, failure.code, count_attempt=False)
        state.count(retried=1)
        raise _Halt("ratelimited", retry_at)
    if failure.kind == "app_auth":
        with session_scope(state.deps.engine) as session:
            release(session, [row_id], state.lease_until)
        log.error("Slack refused the bot token (%s): the drain stops, rows stay pending", failure.code)
        raise _Halt(failure.code)
    if failure.kind == "recipient_gone":
        _fail(state, row_id, seen, failure.code, pause=True)
    elif failure.kind == "rejected":
        _fail(state, row_id, seen, failure.code, pause=False)
    else:
        _retry_or_fail(state, row_id, seen, failure.code)
        with state.lock:
            state.transient_in_a_row += 1
            down = state.transient_in_a_row >= failures.CONSECUTIVE_TRANSIENT_LIMIT
        if down:
            raise _Halt("slack_unavailable")


def _retry_or_fail(state: _Pass, row_id: int, seen: dict, code: str) -> None:
    attempts = seen.get("attempts", 1)
    if attempts >= failures.MAX_ATTEMPTS:
        _fail(state, row_id, seen, f"{code} (after {attempts} attempts)", pause=False)
        return
    with session_scope(state.deps.engine) as session:
        retry_later(session, row_id, state.lease_until, state.now + failures.backoff(attempts), code)
    state.count(retried=1)


def _fail(state: _Pass, row_id: int, seen: dict, reason: str, pause: bool) -> None:
    with session_scope(state.deps.engine) as session:
        if mark_failed(session, row_id, state.lease_until, reason):
            _record_failure(state, session, row_id, seen.get("recipient", ""), reason, pause)


def _record_failure(state: _Pass, session, row_id: int, recipient_id: str, reason: str, pause: bool) -> None:
    """Count a failed row; a person who cannot be reached has their mentorships paused (never for a channel)."""
    paused = 0
    if pause and recipient_id and not is_channel(recipient_id):
        paused = pause_mentorships_of(session, recipient_id, f"cannot reach: {reason}")
    state.count(failed=1, paused_mentorships=paused)
    with state.lock:
        state.report.errors.append(f"row {row_id}: {reason}")


def _record_sent_after_error(state: _Pass, row_id: int, ts: str, exc: BaseException) -> None:
    """The post went through but its transaction did not commit: try once more to record it. If that fails too,
    the row stays 'sending' and is re-sent after its lease expires (the documented duplicate window)."""
    log.error("row %s was posted but not recorded (%s); recording again", row_id, type(exc).__name__)
    try:
        with session_scope(state.deps.engine) as session:
            recorded = mark_sent(session, row_id, state.lease_until, ts, state.now,
                                 f"recorded after {type(exc).__name__}")
        state.count(sent=int(recorded))
    except Exception as again:
        log.error("row %s: could not record the send (%s); it may be sent again after its lease expires",
                  row_id, type(again).__name__)
