"""Bad config and an unmigrated database: one line, the right exit code, no traceback. Real processes."""

import logging
import os
import subprocess
import sys

import pytest

from bot.bootstrap import setup_logging
from bot.config import ConfigError, load_settings, read_env
from bot.devkit.harness import LocalStack


def run_cli(*args, env=None, cwd=None):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL", "PORT", "LOG_LEVEL"))}
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot.cli", "--env-file", "/nonexistent", *args],
                          env=base, cwd=cwd, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("env,variable", [
    ({}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxp-user"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "nope"}, "SLACK_APP_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "http"}, "PORT"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": "slack"}, "SLACK_API_URL"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
])
def test_bad_config_is_one_line_exit_2(env, variable, tmp_path):
    result = run_cli("run", env=env, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_unmigrated_database_says_to_migrate(tmp_path):
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "DATABASE_URL": f"sqlite:///{tmp_path}/new.db"}
    result = run_cli("run", env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "mentorbot: the database is not migrated to this version: run `mentorbot migrate` first"]


def test_dotenv_file_is_read(tmp_path):
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-from-dotenv\nPORT=8080\n")

    env = read_env(env={"SLACK_SIGNING_SECRET": "s"}, dotenv_path=tmp_path / ".env")
    settings = load_settings(env)
    assert settings.bot_token == "xoxb-from-dotenv" and settings.port == 8080
    assert settings.api_url == "https://slack.com/api/"


def test_settings_error_names_the_variable():
    with pytest.raises(ConfigError) as info:
        load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "PORT": "70000"})
    assert info.value.variable == "PORT"


def test_debug_logging_never_carries_message_text(migrated_url):
    """LOG_LEVEL=DEBUG turns on our debug lines, not slack_sdk's or Bolt's request-body dumps."""
    setup_logging("DEBUG")
    try:
        with LocalStack(migrated_url) as stack:
            assert stack.app.logger.getEffectiveLevel() == logging.INFO
        assert logging.getLogger("slack_sdk.web.base_client").getEffectiveLevel() == logging.INFO
        assert logging.getLogger("bot").getEffectiveLevel() == logging.DEBUG
    finally:
        setup_logging("WARNING")
    assert logging.getLogger("slack_sdk").getEffectiveLevel() == logging.WARNING


def test_admin_user_ids_are_slack_ids():
    base = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}
    assert load_settings({**base, "ADMIN_USER_IDS": " U0HR1, W0HR2 "}).admin_user_ids == ("U0HR1", "W0HR2")
    assert load_settings(base).admin_user_ids == ()
    with pytest.raises(ConfigError) as info:
        load_settings({**base, "ADMIN_USER_IDS": "U0HR1,hana@example.com"})
    assert info.value.variable == "ADMIN_USER_IDS"
