"""Snooze until tomorrow, under a check-in prompt or a goal nudge. The row id is attacker-controlled:
bot.features.snooze checks the clicker is its recipient."""

from slack_bolt import Ack, App, Respond

from bot.features.deps import Deps
from bot.features.snooze import snooze
from bot.slack.blocks import snooze as blocks
from handlers.replies import refuse


def register(app: App, deps: Deps) -> None:
    @app.action(blocks.SNOOZE)
    def snooze_clicked(ack: Ack, body: dict, action: dict, respond: Respond):
        ack()
        reply = snooze(deps, body["user"]["id"], action.get("value"))
        if reply is None:
            refuse(respond, blocks.refused())
            return
        respond(replace_original=True, **reply)
