"""The one way to build the bot's WebClient, so every process retries Slack the same way."""

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

from bot.config import Settings


def make_client(settings: Settings, max_retries: int = 3) -> WebClient:
    # Slack's 429s carry Retry-After; slack_sdk's handler sleeps that long and retries. Passing retry_handlers
    # replaces slack_sdk's default (one ConnectionErrorRetryHandler), so it is listed again: a reset connection
    # is retried once, as without our list.
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        retry_handlers=[ConnectionErrorRetryHandler(), RateLimitErrorRetryHandler(max_retry_count=max_retries)],
    )
