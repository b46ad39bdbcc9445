"""The App Home's "Program report" button (program admins): the report, its chart and its CSV in the admin's DM.
Whoever clicks, only the programs they administer are reported (nothing, for anyone else)."""

from datetime import datetime

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.report import Report
from bot.features.deps import Deps
from bot.features.report import reports_for
from bot.features.report_chart import chart_png
from bot.slack.blocks import report as blocks
from bot.slack.delivery import send, upload_to_dm


def share_report_files(deps: Deps, client: WebClient, user_id: str, items: list[tuple[Report, bytes]],
                       now: datetime) -> None:
    """Each program's chart (PNG) and CSV in the admin's DM."""
    for r, csv_bytes in items:
        stem = f"mentoring-report-{now:%Y-%m-%d}"
        upload_to_dm(deps.engine, client, user_id, [
            {"content": chart_png(r), "filename": f"{stem}.png", "title": f"{r.program}: funnel and sessions held"},
            {"content": csv_bytes, "filename": f"{stem}.csv", "title": f"{r.program}: one row per pair"},
        ], f"The {r.program} report: chart and CSV (no notes, no individual ratings).")


def register(app: App, deps: Deps) -> None:
    @app.action(blocks.ACTION_REPORT)
    def report_clicked(ack: Ack, body: dict, client: WebClient):
        ack()
        user_id, now = body["user"]["id"], deps.clock()
        items = reports_for(deps.engine, user_id, now)
        send(deps.engine, client, user_id, **blocks.reports([r for r, _ in items]))
        share_report_files(deps, client, user_id, items, now)
