"""The scheduler: sweeps write upcoming outbox rows; the drain sends the due ones. `tick` does both once.

The outbox table (ScheduledMessage) is the source of truth; APScheduler only runs two in-memory interval jobs
(bot/outbox/worker.py): the drain about every 30 s and the sweeps about hourly.

Writing rows (sweeps, features):
- `storage.outbox.enqueue(...)` for one row, `storage.outbox.enqueue_many(session, rows)` for many (one
  INSERT ... ON CONFLICT DO NOTHING per thousand rows). Writing the same key twice is a no-op.
- Idempotency keys are `<kind>:<subject id>:<occasion>`, where the occasion is the date (or instant) the message
  is about, never the time it is written: `checkin:<mentorship>:<YYYY-MM-DD>`,
  `meeting_reminder:<mentorship>:<session start ISO>`, `goal_nudge:<goal>:stale:<YYYY-MM-DD>`,
  `intro_reminder:<intro request>`, `drift_alert:<mentorship>:<YYYY-MM-DD>`. A sweep that runs every hour (or
  twice at the same `tick --now`) then writes each message once.
- Re-sending an unanswered prompt is bounded: `storage.outbox.enqueue_reminder(session, prompt_key, due_at=...)`
  writes the prompt's single reminder under `reminder_key(prompt_key)` (`checkin:7:2026-12-07` ->
  `checkin-reminder:7:2026-12-07`), only once the prompt was sent. The key is unique, so there is at most one
  reminder per prompt however often the sweep asks; a reminder is never itself reminded. Whether the prompt is
  still unanswered is the feature's call.
- due_at is when the message should go out at the earliest; the drain holds it until the recipient's working hours
  (bot/outbox/policy.py), so writers need not compute local times (they may, e.g. "the working day before").

Sending rows: bot/outbox/drain.py (claiming under a lease, retries, the duplicate window) and
bot/outbox/failures.py (what each Slack error means).
"""
