"""Logs, metrics and error reports for operators; none of them carries message text, user input or tokens.

- `LOG_FORMAT=json`: one JSON object per line (ts, level, logger, msg, and for errors exc_type plus the stack's
  frames, never the exception's message, which may quote a Slack response or user input).
- Prometheus at GET /metrics on the web process (see make_metrics_app):
  mentorbot_slack_requests_total{surface,outcome} and mentorbot_slack_ack_seconds{surface} (histogram), measured
  around Bolt's App.dispatch, so HTTP and Socket Mode count alike; the outbox gauges, read from the database at
  scrape time: mentorbot_outbox_rows{kind,status}, mentorbot_outbox_send_errors{error,status},
  mentorbot_outbox_drain_lag_seconds. Several gunicorn workers: set PROMETHEUS_MULTIPROC_DIR to an empty
  directory (prometheus_client's multiprocess mode) or each scrape sees one worker's counters.
- `SENTRY_DSN`: errors to Sentry (optional `mentorbot[sentry]` extra) with no request bodies, no local variables,
  no PII, and breadcrumbs limited to our log lines.
"""

import json
import logging
import os
import re
import time
import traceback
from datetime import UTC, datetime

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from slack_bolt import App

from storage.db import session_scope
from storage.metrics import drain_lag_seconds, outbox_depth, send_errors

try:  # the optional `sentry` extra: SENTRY_DSN needs it (bot.config says so when it is missing)
    import sentry_sdk
    from sentry_sdk.integrations.logging import LoggingIntegration
except ImportError:  # pragma: no cover - depends on the install
    sentry_sdk = None

# ---- logs ------------------------------------------------------------------------------------------------------


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {"ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
               "level": record.levelname, "logger": record.name, "msg": record.getMessage()}
        if record.exc_info and record.exc_info[0] is not None:
            out["exc_type"] = record.exc_info[0].__name__
            out["stack"] = [f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(record.exc_info[2])]
        return json.dumps(out, ensure_ascii=False)


# ---- metrics -----------------------------------------------------------------------------------------------------

REQUESTS = Counter("mentorbot_slack_requests", "Requests from Slack (HTTP or Socket Mode) by surface and outcome",
                   ["surface", "outcome"])
ACK_SECONDS = Histogram("mentorbot_slack_ack_seconds", "Time from receiving a Slack request to its ack",
                        ["surface"], buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0))


def surface_of(body) -> str:
    if not isinstance(body, dict):
        return "other"
    if "command" in body:
        return "command"
    kind = body.get("type")
    if kind == "event_callback":
        return "event"
    if kind in ("block_actions", "view_submission", "view_closed", "shortcut", "message_action",
                "block_suggestion"):
        return kind
    return "other"


def outcome_of(status: int) -> str:
    return {200: "ok", 401: "rejected", 404: "unhandled"}.get(status, "error" if status >= 500 else str(status))


def count_refused(status: int, body: bytes, seconds: float) -> None:
    """A request the gate in front of Bolt answered itself (413, 401, 400: bot/slack/request_gate.py), counted like
    the others, by what it claims to be (its body is not trusted for anything else)."""
    text = body[:2000].decode("utf-8", "replace")
    surface = "command" if re.search(r"(^|&)command=", text) else "event" if "event_callback" in text else "other"
    REQUESTS.labels(surface, outcome_of(status)).inc()
    ACK_SECONDS.labels(surface).observe(seconds)


def measure_requests(app: App) -> None:
    """Count and time every request Bolt dispatches. Bolt acks (process_before_response=False) before dispatch
    returns, so dispatch's duration is the ack latency in both transports."""
    dispatch = app.dispatch

    def measured(req):
        start = time.perf_counter()
        resp = dispatch(req)
        surface = surface_of(req.body)
        REQUESTS.labels(surface, outcome_of(resp.status)).inc()
        ACK_SECONDS.labels(surface).observe(time.perf_counter() - start)
        return resp

    app.dispatch = measured


class OutboxCollector:
    """Outbox gauges read at scrape time (storage/metrics.py)."""

    def __init__(self, engine, clock=lambda: datetime.now(UTC)):
        self.engine, self.clock = engine, clock

    def collect(self):
        depth = GaugeMetricFamily("mentorbot_outbox_rows", "Outbox rows still open, by kind and status",
                                  labels=["kind", "status"])
        errors = GaugeMetricFamily("mentorbot_outbox_send_errors", "Open outbox rows whose last send failed, by "
                                   "Slack error code and status (failed: for good; pending: retrying)",
                                   labels=["error", "status"])
        lag = GaugeMetricFamily("mentorbot_outbox_drain_lag_seconds", "How late the oldest due pending row is")
        with session_scope(self.engine) as session:
            for kind, status, n in outbox_depth(session):
                depth.add_metric([kind, status], n)
            for error, status, n in send_errors(session):
                errors.add_metric([error, status], n)
            lag.add_metric([], drain_lag_seconds(session, self.clock()))
        yield from (depth, errors, lag)


def make_metrics_app(engine):
    """A WSGI app for GET /metrics: this process's (or, in multiprocess mode, every worker's) request metrics plus
    the outbox gauges."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_Default())
    registry.register(OutboxCollector(engine))

    def metrics(_environ, start_response):
        try:
            body = generate_latest(registry)
            status = "200 OK"
        except Exception as exc:
            body, status = f"# metrics unavailable: {type(exc).__name__}\n".encode(), "503 Service Unavailable"
        start_response(status, [("Content-Type", CONTENT_TYPE_LATEST), ("Content-Length", str(len(body)))])
        return [body]

    return metrics


class _Default:
    """This process's default registry (our counters and histograms), without registering it twice."""

    def collect(self):
        yield from REGISTRY.collect()


# ---- Sentry --------------------------------------------------------------------------------------------------------


def sentry_available() -> bool:
    return sentry_sdk is not None


def init_sentry(dsn: str) -> None:
    """Optional: only with the `sentry` extra installed (bot.config refuses SENTRY_DSN otherwise)."""

    def scrub(event, hint):  # noqa: ARG001
        event.pop("request", None)  # Slack's request bodies carry user text
        for exc in (event.get("exception") or {}).get("values", []):
            exc["value"] = ""  # exception messages may quote responses or input
        return event

    sentry_sdk.init(dsn=dsn, send_default_pii=False, include_local_variables=False, max_request_body_size="never",
                    before_send=scrub, integrations=[LoggingIntegration(level=logging.INFO, event_level=logging.ERROR)])
