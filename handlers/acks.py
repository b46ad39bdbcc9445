"""Ack objects the global middleware puts in Bolt's context, so every listener answers Slack in time.

StickyAck: an answer once given stays given (Bolt's thread runner resets it to None when a listener raises after
ack(), and Slack then got 404 after 3 s). DeadlineAck, for view submissions: if the listener has not answered
after DEADLINE seconds (a locked or slow database), the modal is turned into "Saving…" so Slack hears back within
its 3 s and the person does not submit again; the listener's late answer is then shown with views.update."""

import logging
import threading

from slack_bolt import Ack
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import saving

log = logging.getLogger(__name__)

DEADLINE = 2.0  # seconds after the listener starts; Slack's 3 s also covers the network and the middleware


class StickyAck(Ack):
    @property
    def response(self) -> BoltResponse | None:
        return self.__dict__.get("_response")

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        if value is not None or self.__dict__.get("_response") is None:
            self.__dict__["_response"] = value


class DeadlineAck(StickyAck):
    def __init__(self, client: WebClient, view_id: str, deadline: float = DEADLINE):
        super().__init__()
        self._client, self._view_id = client, view_id
        self._lock = threading.Lock()
        self._late = False
        self._timer = threading.Timer(deadline, self._saving)
        self._timer.daemon = True
        self._timer.start()

    def _saving(self) -> None:
        with self._lock:
            if self.response is None:
                self._late = True
                Ack.__call__(self, response_action="update", view=saving.saving_modal())

    def __call__(self, *args, **kwargs) -> BoltResponse:
        with self._lock:
            if not self._late:
                self._timer.cancel()
                return super().__call__(*args, **kwargs)
        self._show_late(kwargs)
        return self.response

    def _show_late(self, answer: dict) -> None:
        action = answer.get("response_action")
        if action == "errors":
            view = saving.not_saved_modal(answer.get("errors") or {})
        elif action in ("update", "push") and answer.get("view"):
            view = answer["view"]
        else:
            view = saving.saved_modal()
        try:
            self._client.views_update(view_id=self._view_id, view=view)
        except SlackApiError as exc:  # the person closed "Saving…": the save itself stands
            log.info("late answer to a submission not shown: %s", exc.response.get("error"))
