"""Goal nudge buttons: open the small Log progress / Adjust goal modals, for the goal's owner only."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import goal_nudges as blocks
from bot.deps import Deps
from bot.goal_nudges import owned


def register(app: App, deps: Deps) -> None:
    def opener(build):
        def open_modal(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
            ack()
            goal = owned(deps.engine, body["user"]["id"], action.get("value"))
            if goal is None:
                respond(response_type="ephemeral", replace_original=False, **blocks.refused())
                return
            client.views_open(trigger_id=body["trigger_id"], view=build(goal))
        return open_modal

    app.action(blocks.ACTION_LOG)(opener(lambda g: blocks.progress_modal(g.id, g.title, g.progress)))
    app.action(blocks.ACTION_ADJUST)(opener(lambda g: blocks.adjust_modal(g.id, g.title, g.target, g.target_date)))
