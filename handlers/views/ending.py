"""The wrap-up modal and the exit survey: end the mentorship (with a reason and a private survey), say goodbye to
both in DMs, republish both Homes. The mentorship id in private_metadata is attacker-controlled: bot.features.ending
checks the submitter is one of the pair."""

from dataclasses import dataclass

from slack_bolt import App
from slack_sdk import WebClient

from bot.domain.insight import parse_survey
from bot.features.deps import Deps
from bot.features.ending import Outcome, record_survey, wrap_up
from bot.features.home import publish_home
from bot.slack import viewstate
from bot.slack.blocks import ending as blocks
from bot.slack.delivery import send
from handlers.views.forms import register_form


@dataclass
class _Surveyed:
    thanks: dict | None  # None: refused (not one of an ended pair)

    @property
    def errors(self) -> dict[str, str] | None:
        return None if self.thanks else {blocks.OVERALL_BLOCK: blocks.survey_refused()["text"]}


def _survey(state: dict):
    return parse_survey(viewstate.text(state, blocks.OVERALL_BLOCK), viewstate.text(state, blocks.GOALS_BLOCK),
                        viewstate.text(state, blocks.AGAIN_BLOCK))


def register(app: App, deps: Deps) -> None:
    def submit(user_id: str, view: dict) -> Outcome:
        state = view["state"]
        return wrap_up(deps.engine, user_id, view.get("private_metadata"), viewstate.text(state, blocks.NOTE_BLOCK),
                       viewstate.text(state, blocks.REASON_BLOCK), deps.clock(), _survey(state))

    def deliver(client: WebClient, user_id: str, _view: dict, outcome: Outcome) -> None:
        send(deps.engine, client, user_id, **outcome.mine)
        send(deps.engine, client, outcome.other_id, **outcome.theirs)
        for person in (user_id, outcome.other_id):
            publish_home(deps, client, person)

    register_form(app, blocks.WRAP_CALLBACK, submit, deliver)
    register_form(app, blocks.SURVEY_CALLBACK,
                  lambda user, view: _Surveyed(record_survey(deps.engine, user, view.get("private_metadata"),
                                                             _survey(view["state"]))),
                  lambda client, user, _view, done: send(deps.engine, client, user, **done.thanks))
