"""The worker process: APScheduler 3.x runs in-memory interval jobs only; the outbox table is the truth.
One job per reminder would not survive restarts or scale; a drain tick and an hourly sweep do."""

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler

from bot.features.deps import Deps
from bot.outbox.drain import drain
from bot.outbox.tick import run_sweeps
from bot.slack.client import make_client

log = logging.getLogger(__name__)

DRAIN_SECONDS = 30
SWEEP_MINUTES = 60


def build_scheduler(deps: Deps, client=None, scheduler_class=BlockingScheduler):
    client = client or make_client(deps.settings)
    scheduler = scheduler_class(timezone="UTC")
    # coalesce + max_instances=1: a slow pass is never run twice at once, missed runs collapse into one.
    scheduler.add_job(lambda: drain(deps, client, deps.clock()), "interval", seconds=DRAIN_SECONDS,
                      id="drain", name="drain", max_instances=1, coalesce=True)
    scheduler.add_job(lambda: run_sweeps(deps, deps.clock()), "interval", minutes=SWEEP_MINUTES,
                      id="sweeps", name="sweeps", max_instances=1, coalesce=True, next_run_time=datetime.now(UTC))
    return scheduler
