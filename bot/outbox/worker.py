"""The worker process: APScheduler 3.x runs in-memory interval jobs only; the outbox table is the truth.
One job per reminder would not survive restarts or scale; a drain tick and an hourly sweep do."""

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler

from bot.features.deps import Deps
from bot.outbox import heartbeat as hb
from bot.outbox.drain import drain
from bot.outbox.tick import run_sweeps
from bot.slack.client import make_client

log = logging.getLogger(__name__)

DRAIN_SECONDS = 30
SWEEP_MINUTES = 60


def build_scheduler(deps: Deps, client=None, scheduler_class=BlockingScheduler, stop=None, heartbeat: bool = False):
    """stop: a threading.Event the process sets on SIGTERM (the drain then finishes what is in flight and releases
    the rest). heartbeat: also beat the worker's heartbeat file for `mentorbot health` (bot/outbox/heartbeat.py)
    from the scheduler's own executor, so a wedged scheduler goes stale."""

    client = client or make_client(deps.settings)
    scheduler = scheduler_class(timezone="UTC")
    last_drain = {"at": "not yet"}

    def drain_job():
        drain(deps, client, deps.clock(), stop=stop)
        last_drain["at"] = datetime.now(UTC).isoformat(timespec="seconds")

    # coalesce + max_instances=1: a slow pass is never run twice at once, missed runs collapse into one. The first
    # drain runs at start: a restarted worker does not leave due rows waiting another interval.
    scheduler.add_job(drain_job, "interval", seconds=DRAIN_SECONDS, id="drain", name="drain", max_instances=1,
                      coalesce=True, next_run_time=datetime.now(UTC))
    if heartbeat:
        scheduler.add_job(lambda: hb.beat("worker", f"last drain {last_drain['at']}"), "interval",
                          seconds=hb.INTERVAL, id="heartbeat", name="heartbeat", max_instances=1, coalesce=True,
                          next_run_time=datetime.now(UTC))
    scheduler.add_job(lambda: run_sweeps(deps, deps.clock()), "interval", minutes=SWEEP_MINUTES,
                      id="sweeps", name="sweeps", max_instances=1, coalesce=True, next_run_time=datetime.now(UTC))
    return scheduler
