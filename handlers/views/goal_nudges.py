"""Submissions of the nudge modals: validate each field, check ownership again, save, confirm in the DM."""

from datetime import date

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks import goal_nudges as blocks
from bot.delivery import dm_channel
from bot.deps import Deps
from bot.goal_nudges import adjust, log_progress, owner_today, parse_percent


def _value(values: dict, block_id: str, action_id: str) -> dict:
    return (values.get(block_id) or {}).get(action_id) or {}


def _not_yours(ack: Ack, block_id: str) -> None:
    ack(response_action="errors", errors={block_id: "This goal isn't yours, or it is already done or archived."})


def register(app: App, deps: Deps) -> None:
    @app.view(blocks.PROGRESS_CALLBACK)
    def save_progress(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id, values = body["user"]["id"], view["state"]["values"]
        percent = parse_percent(_value(values, blocks.PERCENT_BLOCK, blocks.PERCENT_ACTION).get("value"))
        note = (_value(values, blocks.NOTE_BLOCK, blocks.NOTE_ACTION).get("value") or "").strip()
        if percent is None:
            ack(response_action="errors", errors={blocks.PERCENT_BLOCK: "Enter a whole number from 0 to 100."})
            return
        goal = log_progress(deps.engine, user_id, view.get("private_metadata"), percent, note, deps.clock())
        if goal is None:
            _not_yours(ack, blocks.PERCENT_BLOCK)
            return
        ack()
        client.chat_postMessage(channel=dm_channel(client, user_id),
                                **blocks.progress_logged(goal.title, percent, note))

    @app.view(blocks.ADJUST_CALLBACK)
    def save_adjustment(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id, values = body["user"]["id"], view["state"]["values"]
        target = (_value(values, blocks.TARGET_BLOCK, blocks.TARGET_ACTION).get("value") or "").strip()
        picked = _value(values, blocks.DATE_BLOCK, blocks.DATE_ACTION).get("selected_date")
        try:
            target_date = date.fromisoformat(picked) if picked else None
        except ValueError:
            target_date = None
            picked = "bad"
        now = deps.clock()
        if picked and (target_date is None or target_date < owner_today(deps.engine, user_id, now)):
            ack(response_action="errors", errors={blocks.DATE_BLOCK: "Pick today or a later date."})
            return
        goal = adjust(deps.engine, user_id, view.get("private_metadata"), target, target_date, now)
        if goal is None:
            _not_yours(ack, blocks.TARGET_BLOCK)
            return
        ack()
        client.chat_postMessage(channel=dm_channel(client, user_id),
                                **blocks.goal_adjusted(goal.title, goal.target, goal.target_date))
