"""The Web API methods LocalSlack implements, as Slack specifies them.

METHODS is a literal copy of what the 2021 OpenAPI spec (slackapi/slack-api-specs, see
../shared/slack/web-api/) says about each method, so the emulator needs no file outside the repo.
Where we knowingly differ from that spec, the difference is listed in CORRECTIONS with a reason;
tests/localslack/test_localslack.py checks METHODS against the spec and fails on any unlisted difference.

Per method:
  required  - arguments whose absence is rejected
  optional  - other arguments we accept (anything else is ignored, as Slack ignores unknown args)
  json      - whether Slack accepts a JSON body (spec "consumes"); when False, JSON-body args are
              ignored, as real Slack does for read methods, so the call fails as "missing argument"
  missing   - the error Slack returns for a missing required argument (per-method where the spec's
              error enum has a fitting one, else the generic "invalid_arguments")
  errors    - every error code our implementation can return for that method
"""

from __future__ import annotations

# Errors any method can return (auth, transport); not repeated per method.
COMMON_ERRORS = ("not_authed", "invalid_auth", "ratelimited", "not_allowed_token_type", "invalid_json",
                 "json_not_object", "invalid_arguments")

METHODS: dict[str, dict] = {
    "auth.test": {"required": [], "optional": [], "json": True, "missing": None, "errors": []},
    "chat.postMessage": {
        "required": ["channel"],
        "optional": [
            "as_user", "attachments", "blocks", "icon_emoji", "icon_url", "link_names", "mrkdwn",
            "parse", "reply_broadcast", "text", "thread_ts", "unfurl_links", "unfurl_media", "username",
            "metadata",
        ],
        "json": True,
        "missing": {"channel": "channel_not_found"},
        "errors": ["channel_not_found", "not_in_channel", "no_text", "msg_too_long", "invalid_blocks",
                   "invalid_blocks_format", "invalid_metadata_format", "invalid_metadata_schema",
                   "metadata_too_large"],
    },
    "conversations.history": {
        "required": ["channel"],
        "optional": ["latest", "oldest", "inclusive", "limit", "cursor", "include_all_metadata"],
        "json": False,
        "missing": {"channel": "channel_not_found"},
        "errors": ["channel_not_found", "not_in_channel", "invalid_ts_latest", "invalid_ts_oldest",
                   "invalid_cursor"],
    },
    "conversations.replies": {
        "required": ["channel", "ts"],
        "optional": ["latest", "oldest", "inclusive", "limit", "cursor", "include_all_metadata"],
        "json": False,
        "missing": {"channel": "channel_not_found", "ts": "thread_not_found"},
        "errors": ["channel_not_found", "not_in_channel", "thread_not_found", "invalid_ts_latest",
                   "invalid_ts_oldest", "invalid_cursor"],
    },
    "chat.postEphemeral": {
        "required": ["channel", "user"],
        "optional": ["as_user", "attachments", "blocks", "icon_emoji", "icon_url", "link_names",
                     "parse", "text", "thread_ts", "username"],
        "json": True,
        "missing": {"channel": "channel_not_found", "user": "user_not_in_channel"},
        "errors": ["channel_not_found", "user_not_in_channel", "no_text", "msg_too_long",
                   "invalid_blocks", "invalid_blocks_format"],
    },
    "chat.update": {
        "required": ["channel", "ts"],
        "optional": ["as_user", "attachments", "blocks", "link_names", "parse", "text"],
        "json": True,
        "missing": {"channel": "channel_not_found", "ts": "message_not_found"},
        "errors": ["channel_not_found", "message_not_found", "cant_update_message", "no_text",
                   "msg_too_long", "invalid_blocks", "invalid_blocks_format"],
    },
    "chat.delete": {
        "required": ["channel", "ts"],
        "optional": ["as_user"],
        "json": True,
        "missing": {"channel": "channel_not_found", "ts": "message_not_found"},
        "errors": ["channel_not_found", "message_not_found", "cant_delete_message"],
    },
    "conversations.open": {
        "required": [],  # `users` or `channel`, checked in code (users_list_not_supplied)
        "optional": ["channel", "users", "return_im"],
        "json": True,
        "missing": None,
        "errors": ["users_list_not_supplied", "user_not_found", "user_disabled", "too_many_users",
                   "channel_not_found"],
    },
    "conversations.info": {
        "required": ["channel"],
        "optional": ["include_locale", "include_num_members"],
        "json": False,
        "missing": {"channel": "channel_not_found"},
        "errors": ["channel_not_found"],
    },
    "conversations.join": {
        "required": ["channel"],
        "optional": [],
        "json": True,
        "missing": {"channel": "channel_not_found"},
        "errors": ["channel_not_found", "method_not_supported_for_channel_type"],
    },
    "conversations.members": {
        "required": ["channel"],
        "optional": ["limit", "cursor"],
        "json": False,
        "missing": {"channel": "channel_not_found"},
        "errors": ["channel_not_found", "invalid_cursor", "invalid_limit"],
    },
    # views.*: the spec gives no error enum; codes below are from Slack's method docs.
    "views.open": {
        "required": ["trigger_id", "view"],
        "optional": [],
        "json": True,
        "missing": None,
        "errors": ["invalid_arguments", "invalid_trigger_id", "expired_trigger_id",
                   "exchanged_trigger_id", "duplicate_external_id"],
    },
    "views.push": {
        "required": ["trigger_id", "view"],
        "optional": [],
        "json": True,
        "missing": None,
        "errors": ["invalid_arguments", "invalid_trigger_id", "expired_trigger_id",
                   "exchanged_trigger_id", "push_limit_reached", "not_found", "duplicate_external_id"],
    },
    "views.update": {
        "required": ["view"],  # plus view_id or external_id, checked in code
        "optional": ["view_id", "external_id", "hash"],
        "json": True,
        "missing": None,
        "errors": ["invalid_arguments", "not_found", "hash_conflict", "duplicate_external_id"],
    },
    "views.publish": {
        "required": ["user_id", "view"],
        "optional": ["hash"],
        "json": True,
        "missing": None,
        "errors": ["invalid_arguments", "hash_conflict"],
    },
    "users.info": {
        "required": ["user"],
        "optional": ["include_locale"],
        "json": False,
        "missing": {"user": "user_not_found"},
        "errors": ["user_not_found"],
    },
    "users.list": {
        "required": [],
        "optional": ["limit", "cursor", "include_locale"],
        "json": False,
        "missing": None,
        "errors": ["invalid_cursor"],
    },
    "users.lookupByEmail": {
        "required": ["email"],
        "optional": [],
        "json": False,
        "missing": {"email": "users_not_found"},
        "errors": ["users_not_found"],
    },
    "files.getUploadURLExternal": {
        "required": ["filename", "length"],
        "optional": ["alt_txt", "snippet_type"],
        "json": False,
        "missing": None,
        "errors": ["invalid_arguments"],
    },
    "files.completeUploadExternal": {
        "required": ["files"],
        "optional": ["channel_id", "channels", "initial_comment", "thread_ts", "blocks"],
        "json": False,
        "missing": None,
        "errors": ["invalid_arguments", "file_not_found", "channel_not_found", "not_in_channel",
                   "invalid_blocks", "invalid_blocks_format"],
    },
}

# Where LocalSlack knowingly differs from the 2021 OpenAPI spec, and why. Each entry is checked by
# tests/localslack/test_localslack.py: (method or "*", kind, detail).
CORRECTIONS: list[tuple[str, str, str]] = [
    # The spec lists `token` as a required parameter; clients send it as `Authorization: Bearer`
    # (a `token` form field is still accepted).
    ("*", "not_required", "token"),
    # Errors real Slack returns for any method that the 2021 per-method enums omit.
    ("*", "error", "invalid_arguments"),  # generic missing/invalid argument (Slack docs, all methods)
    ("*", "error", "ratelimited"),  # HTTP 429 body; the spec's enums say "rate_limited" instead
    ("*", "error", "not_allowed_token_type"),  # e.g. an xapp- app-level token on a Web API method
    ("*", "error", "invalid_blocks"),  # Block Kit validation failure (chat.* docs, newer than spec)
    ("*", "error", "invalid_blocks_format"),  # `blocks` not a JSON array (chat.* docs)
    ("*", "error", "invalid_json"),  # malformed JSON body; most enums list it, chat.postMessage's not
    ("*", "error", "json_not_object"),
    # Methods added after 2021 (slack_sdk files_upload_v2 uses them); shapes from Slack's docs.
    ("files.getUploadURLExternal", "method", "not in 2021 spec"),
    ("files.completeUploadExternal", "method", "not in 2021 spec"),
    # Required although the spec does not mark it: without it there is nothing to act on.
    ("users.info", "required", "user"),
    ("chat.delete", "required", "channel"),
    ("chat.delete", "required", "ts"),
    ("conversations.info", "required", "channel"),
    ("conversations.join", "required", "channel"),
    ("conversations.members", "required", "channel"),
    # Message metadata (2022, after the spec): chat.postMessage's `metadata` and its errors, and
    # include_all_metadata on the history methods; shapes from Slack's message-metadata docs.
    ("chat.postMessage", "param", "metadata"),
    ("chat.postMessage", "error", "invalid_metadata_format"),
    ("chat.postMessage", "error", "invalid_metadata_schema"),
    ("chat.postMessage", "error", "metadata_too_large"),
    ("conversations.history", "param", "include_all_metadata"),
    ("conversations.replies", "param", "include_all_metadata"),
    # Without a channel (and a thread's ts) there is nothing to read; a bot outside a public channel is told
    # not_in_channel (Slack docs), a cursor we did not issue is invalid_cursor (as users.list).
    ("conversations.history", "required", "channel"),
    ("conversations.replies", "required", "channel"),
    ("conversations.replies", "required", "ts"),
    ("conversations.history", "error", "not_in_channel"),
    ("conversations.replies", "error", "not_in_channel"),
    ("conversations.history", "error", "invalid_cursor"),
    ("conversations.replies", "error", "invalid_cursor"),
    ("conversations.replies", "error", "invalid_ts_latest"),
    ("conversations.replies", "error", "invalid_ts_oldest"),
    # views.update needs the new view; view_id/external_id (one of) is checked in code.
    ("views.update", "required", "view"),
    # chat.update: a ts that is not in the channel; cant_update_message for others' messages.
    # (both in the spec's enum; listed here only as a reminder that no correction is needed)
]

# Where a choice had to be made beyond the spec (documented, not a spec difference):
# - chat.postMessage to a deactivated user's DM SUCCEEDS, as Slack does (slackapi/python-slack-sdk
#   issue #1156: "chat_postMessage succeeds to deleted user"); the bot must check `deleted` itself.
#   conversations.open with a deactivated user answers "user_disabled" (in its spec enum).
# - A private channel the bot is not in is "channel_not_found" (Slack hides it); a public one is
#   "not_in_channel" for chat.postMessage.


class MethodError(Exception):
    """A Slack error answer: HTTP 200 {"ok": false, "error": code, "response_metadata": ...}."""

    def __init__(self, error: str, messages: list[str] | None = None):
        super().__init__(error)
        self.error = error
        self.messages = messages or []


def corrections(method: str, kind: str) -> set[str]:
    """Details of CORRECTIONS entries for `method` (including "*") of the given kind."""
    return {d for m, k, d in CORRECTIONS if k == kind and m in (method, "*")}


def allowed_errors(method: str) -> set[str]:
    """Every error code LocalSlack may answer for `method` (its own, common and missing-arg ones)."""
    entry = METHODS[method]
    return set(entry["errors"]) | set(COMMON_ERRORS) | set((entry.get("missing") or {}).values())


def missing_error(method: str, arg: str) -> str:
    """The error Slack returns when required `arg` of `method` is missing."""
    per_method = METHODS[method].get("missing") or {}
    return per_method.get(arg, "invalid_arguments")
