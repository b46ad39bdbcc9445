from slack_bolt import Ack, App, Respond

from bot.features.deps import Deps
from bot.features.findmentor import find_mentors
from bot.features.report import count_query_topics


def register(app: App, deps: Deps) -> None:
    @app.command("/findmentor")
    def findmentor(ack: Ack, command: dict, respond: Respond):
        ack()  # answer Slack first; ranking happens after
        answer = find_mentors(deps.engine, command["user_id"], command.get("text", ""), deps.clock())
        respond(response_type="ephemeral", **answer)
        count_query_topics(deps.engine, command.get("text", ""), deps.clock())  # the supply gap; never who asked
