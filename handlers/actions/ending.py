"""Wrap-up prompt and /mentor end buttons: Extend 3 months, Wrap up (opens the modal). Button values are
attacker-controlled: bot.features.ending checks the clicker is one of the active pair."""

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.features.deps import Deps
from bot.features.ending import extend, survey_view, wrap_up_view
from bot.features.home import publish_home
from bot.slack.blocks import ending as blocks
from bot.slack.delivery import send
from handlers.replies import open_or_refuse, refuse


def register(app: App, deps: Deps) -> None:
    @app.action(blocks.ACTION_EXTEND)
    def extend_clicked(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        user_id = body["user"]["id"]
        outcome = extend(deps.engine, user_id, action.get("value"))
        if not outcome.ok:
            refuse(respond, outcome.mine)
            return
        respond(replace_original=True, **outcome.mine)
        send(deps.engine, client, outcome.other_id, **outcome.theirs)
        for person in (user_id, outcome.other_id):
            publish_home(deps, client, person)

    @app.action(blocks.ACTION_WRAP)
    def wrap_clicked(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = wrap_up_view(deps.engine, body["user"]["id"], action.get("value"))
        open_or_refuse(client, body, respond, view, blocks.refused())

    @app.action(blocks.ACTION_SURVEY)
    def survey_clicked(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond):
        ack()
        view = survey_view(deps.engine, body["user"]["id"], action.get("value"))
        open_or_refuse(client, body, respond, view, blocks.survey_refused())
