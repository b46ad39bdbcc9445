"""The "is this still working for you?" buttons: keep going, change the agreement (opens a modal), pause, end
with no fault. Button values are attacker-controlled: bot.features.escalation checks the clicker was asked."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.escalation import change_view, choose
from bot.features.home import publish_home
from bot.slack.blocks import escalation as blocks
from bot.slack.delivery import send
from handlers.replies import open_or_refuse, refuse


def register(app: App, deps: Deps) -> None:
    def chosen(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        user_id, choice = body["user"]["id"], blocks.ACTIONS[action["action_id"]]
        if choice == "change":
            view = change_view(deps.engine, user_id, action.get("value"))
            open_or_refuse(client, body, respond, view, blocks.refused())
            return
        done = choose(deps.engine, user_id, action.get("value"), choice, deps.clock())
        if not done.ok:
            refuse(respond, done.mine)
            return
        respond(replace_original=True, **done.mine)
        if done.theirs is not None:
            send(deps.engine, client, done.other_id, **done.theirs)
        if done.suggestions is not None:
            send(deps.engine, client, user_id, **done.suggestions)
        if choice == "end":
            for person in (user_id, done.other_id):
                publish_home(deps, client, person)

    for action_id in blocks.ACTIONS:
        app.action(action_id)(chosen)
