"""The check-in notes modal: validate, store in the pair's journal, acknowledge in the prompt's thread."""

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.cadence import OUTCOME_LABELS
from bot.features.checkins import record_note
from bot.features.deps import Deps
from bot.slack.blocks import checkins as blocks
from bot.slack.delivery import post_dm


def register(app: App, deps: Deps) -> None:
    @app.view(blocks.NOTES_CALLBACK)
    def save_notes(ack: Ack, body: dict, view: dict, client: WebClient):
        user_id = body["user"]["id"]
        values = view["state"]["values"]
        note = ((values.get(blocks.NOTES_BLOCK) or {}).get(blocks.NOTES_ACTION) or {}).get("value") or ""
        picked = ((values.get(blocks.OUTCOME_BLOCK) or {}).get(blocks.OUTCOME_ACTION) or {}).get("selected_option")
        outcome = (picked or {}).get("value", "")
        if outcome not in OUTCOME_LABELS:
            outcome = ""
        if not note.strip():
            ack(response_action="errors", errors={blocks.NOTES_BLOCK: "Write a few words, or cancel."})
            return
        if len(note) > blocks.NOTE_LIMIT:
            ack(response_action="errors",
                errors={blocks.NOTES_BLOCK: f"Keep it under {blocks.NOTE_LIMIT} characters."})
            return
        target = record_note(deps.engine, user_id, view.get("private_metadata"), note.strip(), outcome, "modal")
        if target is None:
            ack(response_action="errors",
                errors={blocks.NOTES_BLOCK: "This check-in isn't one of yours, or the mentorship has ended."})
            return
        ack()
        post_dm(deps.engine, client, user_id, thread_ts=target.prompt_ts or None,
                **blocks.saved_note(target.other_id, target.period, note, outcome))
