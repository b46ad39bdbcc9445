"""The outbox: everything the bot sends later is a row (storage.models.ScheduledMessage); sweeps write upcoming rows,
the drain sends the due ones, `tick` does both once, and the worker runs them on an interval.

- kinds.py: the two tables: kind -> renderer (what a due row becomes), and the sweeps. Kind names live in
  bot/domain/kinds.py; renderers and sweeps live in their features (bot/features/).
- drain.py: claiming under a lease, sending, retries, the duplicate window; failures.py: what each Slack error
  means; policy.py: working hours, pauses and channels decide when a row may go.
- tick.py: one sweep pass and one drain; worker.py: the APScheduler process (two in-memory interval jobs; the
  table is the source of truth).

Writing rows (sweeps, features): `storage.outbox.enqueue(...)` for one row, `storage.outbox.enqueue_many(session,
rows)` for many (one INSERT ... ON CONFLICT DO NOTHING per thousand rows). Writing the same key twice is a no-op.
Idempotency keys name what the message is about, never when it is written, so a sweep that runs every hour (or
twice at the same `tick --now`) writes each message once:

    checkin:<mentorship>:<session date>:<person>           the check-in prompt
    checkin-reminder:<mentorship>:<session date>:<person>  its one reminder, written once the prompt was sent
    meeting:<mentorship>:<session date>:<person>           the meeting reminder the working day before
    drift:<mentorship>:<first missed session>:<admin>      a drift alert to a program admin
    goal-stale:<goal>:<last activity date>:<round>         a nudge for a goal with no progress
    goal-due:<goal>:<target date>                          a nudge for a goal due within a week
    intro_reminder:<intro request> / intro_expiry:<intro request>
    wrap_up:<mentorship>:<agreed end date>:<person>

due_at is when the message should go out at the earliest; the drain holds it until the recipient's working hours
(policy.py), so writers need not compute local times (they may, e.g. "the working day before").
"""
