"""GET /metrics on the web app: the series operators alert on, counted from real signed requests and real outbox
rows (Prometheus text format, parsed with prometheus_client's own parser)."""

import urllib.request
from datetime import UTC, datetime, timedelta

from prometheus_client.parser import text_string_to_metric_families
from sqlmodel import select

from bot.devkit.demo.scenario import seed_workspace
from storage.db import session_scope
from storage.models import ScheduledMessage
from storage.outbox import enqueue_many
from storage.scheduling import mark_failed
from tests.scheduler_kinds import rows


def scrape(stack) -> dict:
    with urllib.request.urlopen(stack.base_url + "/metrics", timeout=10) as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith("text/plain")
        text = r.read().decode()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_requests_and_show_the_outbox(stack):
    seed_workspace(stack)
    before = scrape(stack)
    assert stack.driver.command("U0DEMOLENA", "/findmentor", "python").status == 200
    stack.driver.forge = True
    assert stack.driver.command("U0DEMOLENA", "/findmentor", "python").status == 401
    stack.driver.forge = False
    after = scrape(stack)
    ok = ("mentorbot_slack_requests_total", {"surface": "command", "outcome": "ok"})
    rejected = ("mentorbot_slack_requests_total", {"surface": "command", "outcome": "rejected"})
    assert value(after, ok[0], **ok[1]) == value(before, ok[0], **ok[1]) + 1
    assert value(after, rejected[0], **rejected[1]) == value(before, rejected[0], **rejected[1]) + 1
    count = ("mentorbot_slack_ack_seconds_count", {"surface": "command"})
    assert value(after, count[0], **count[1]) == value(before, count[0], **count[1]) + 2
    assert value(after, "mentorbot_slack_ack_seconds_bucket", surface="command", le="+Inf") >= 2

    # Outbox: two rows due an hour ago (the scrape uses the system clock), one failed for good with a Slack code.
    with session_scope(stack.engine) as s:
        enqueue_many(s, rows(["C0METRICS"], 2, datetime.now(UTC) - timedelta(hours=1), prefix="m"))
    with session_scope(stack.engine) as s:
        first = s.exec(select(ScheduledMessage.id).order_by(ScheduledMessage.id)).first()
        mark_failed(s, first, None, "channel_not_found (after 1 attempts)")
    samples = scrape(stack)
    assert value(samples, "mentorbot_outbox_rows", kind="test_engine", status="pending") == 1
    assert value(samples, "mentorbot_outbox_rows", kind="test_engine", status="failed") == 1
    assert value(samples, "mentorbot_outbox_send_errors", error="channel_not_found", status="failed") == 1
    assert value(samples, "mentorbot_outbox_drain_lag_seconds") >= 3600 - 5
