"""The admin report's buttons and pickers: the App Home's "Program report" button, the program picker (overview,
Home) and the cohort picker (a program's report). Every pick is checked again in bot.features.report: a picked
program or cohort is attacker-controlled and only the clicker's own programs are ever reported."""

from datetime import datetime

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.report import Answer, ProgramReport, admin_answer, picked_answer
from bot.features.report_chart import chart_png
from bot.slack import ids
from bot.slack.blocks import report as blocks
from bot.slack.delivery import send, upload_to_dm


def share_report_files(deps: Deps, client: WebClient, user_id: str, pr: ProgramReport, now: datetime) -> None:
    """The report's chart (PNG) and CSV in the admin's DM."""
    r = pr.report
    name = r.program + (f" · {r.cohort}" if r.cohort else "")
    stem = f"mentoring-report-{now:%Y-%m-%d}"
    upload_to_dm(deps.engine, client, user_id, [
        {"content": chart_png(r), "filename": f"{stem}.png", "title": f"{name}: funnel and sessions held"},
        {"content": pr.csv, "filename": f"{stem}.csv", "title": f"{name}: one row per pair"},
    ], f"The {name} report: chart and CSV (no notes, no individual ratings).")


def deliver(deps: Deps, client: WebClient, user_id: str, answer: Answer, now: datetime,
            respond: Respond | None = None, replace: bool = False) -> None:
    """The answer where it was asked for: through `respond` (the command's answer, or the picked message, replaced)
    or, from the App Home, as a DM; a report's chart and CSV always in the DM."""
    if respond is not None and replace:
        respond(replace_original=True, **answer.message)
    elif respond is not None:
        respond(response_type="ephemeral", **answer.message)
    else:
        send(deps.engine, client, user_id, **answer.message)
    if answer.report is not None:
        share_report_files(deps, client, user_id, answer.report, now)


def _picked(action: dict) -> str:
    return str((action.get("selected_option") or {}).get("value") or "")


def register(app: App, deps: Deps) -> None:
    @app.action(blocks.ACTION_REPORT)
    def report_clicked(ack: Ack, body: dict, client: WebClient):
        ack()
        user_id, now = body["user"]["id"], deps.clock()
        deliver(deps, client, user_id, admin_answer(deps.engine, user_id, now), now)

    def where(body: dict, respond: Respond) -> Respond | None:
        """Answer in place on a message; from the App Home (no message to replace), in the DM."""
        return respond if body.get("response_url") else None

    @app.action(ids.REPORT_PICK_PROGRAM)
    def program_picked(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        user_id, now = body["user"]["id"], deps.clock()
        answer = picked_answer(deps.engine, user_id, now, _picked(action))
        deliver(deps, client, user_id, answer, now, where(body, respond), replace=True)

    @app.action(ids.REPORT_COHORT)
    def cohort_picked(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        user_id, now = body["user"]["id"], deps.clock()
        program, _, cohort = _picked(action).partition(":")
        answer = picked_answer(deps.engine, user_id, now, program, cohort)
        deliver(deps, client, user_id, answer, now, where(body, respond), replace=True)
