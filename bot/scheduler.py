"""The worker process: APScheduler 3.x runs in-memory interval jobs only; the outbox table is the truth."""

import logging

from apscheduler.schedulers.blocking import BlockingScheduler

from bot.deps import Deps

log = logging.getLogger(__name__)


def build_scheduler(deps: Deps, scheduler_class=BlockingScheduler):  # noqa: ARG001 - jobs arrive with the scheduler issue
    scheduler = scheduler_class(timezone="UTC")
    return scheduler
