"""Bad config and an unmigrated database: one line, the right exit code, no traceback. Real processes."""

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.bootstrap import setup_logging
from bot.config import ConfigError, load_settings, read_env
from bot.devkit.harness import LocalStack
from bot.devkit.localslack import LocalSlack


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
@pytest.mark.parametrize("env,variable", [
    ({"SLACK_BOT_TOKEN": "xoxb-your-bot-token", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "your-signing-secret"}, "SLACK_SIGNING_SECRET"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-your-app-token"}, "SLACK_APP_TOKEN"),
])
def test_env_example_placeholders_are_refused(env, variable, tmp_path):
    result = run_cli("worker", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and variable in result.stderr and "placeholder" in result.stderr


def test_env_example_itself_does_not_pass(tmp_path):
    example = Path(__file__).resolve().parents[1] / ".env.example"
    result = subprocess.run([sys.executable, "-m", "bot.cli", "--env-file", str(example), "run"],
                            env={k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))},
                            cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "SLACK_BOT_TOKEN" in result.stderr and "Traceback" not in result.stderr


def _start(command: str, env: dict, cwd) -> subprocess.CompletedProcess:
    if command == "gunicorn":
        exe = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
        # The Procfile's web line (--preload: the app is built, and fails, in the master).
        return subprocess.run([exe, "--preload", "bot.wsgi:application", "--bind", "127.0.0.1:0", "--workers", "2",
                               "--worker-class", "gthread"], env={**base, **env}, cwd=cwd, capture_output=True,
                              text=True, timeout=60)
    return run_cli(command, env=env, cwd=cwd)


# Every process starts through bot.cli.runtime_deps: each failure once on the worker, one each for the others
# (each start is a few seconds of imports).
@pytest.mark.parametrize("command,which", [("worker", (0, 1, 2)), ("run", (1,)), ("gunicorn", (0,))])
def test_refused_token_unreachable_slack_or_database_is_one_line_exit_2(command, which, migrated_url, tmp_path):
    with LocalSlack() as slack:
        base = {"SLACK_SIGNING_SECRET": "s", "DATABASE_URL": migrated_url, "SLACK_API_URL": slack.url}
        cases = [
            ({**base, "SLACK_BOT_TOKEN": "xoxb-1-2-revoked"}, "Slack refused SLACK_BOT_TOKEN (invalid_auth)"),
            ({**base, "SLACK_BOT_TOKEN": slack.bot_token, "SLACK_API_URL": "http://127.0.0.1:9/api/"},
             "cannot reach Slack at SLACK_API_URL http://127.0.0.1:9/api/ (ConnectionRefusedError)"),
            ({**base, "SLACK_BOT_TOKEN": slack.bot_token, "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"},
             "cannot open the database at DATABASE_URL"),
        ]
        for env, line in [cases[i] for i in which]:
            result = _start(command, env, tmp_path)
            assert result.returncode == 2, (command, line, result.stderr[-1500:])
            ours = [x for x in result.stderr.splitlines() if x.startswith("mentorbot:")]
            assert len(ours) == 1 and line in ours[0], result.stderr
            assert "Traceback" not in result.stderr
            if command != "gunicorn":  # gunicorn adds its own lines around ours
                assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.parametrize("extra,variable", [({"LOG_FORMAT": "xml"}, "LOG_FORMAT"), ({"SENTRY_DSN": "nope"}, "SENTRY_DSN")])
def test_log_format_and_sentry_dsn_are_checked(extra, variable):
    with pytest.raises(ConfigError) as info:
        load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", **extra})
    assert info.value.variable == variable
    ok = load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "LOG_FORMAT": "JSON"})
    assert ok.log_format == "json" and ok.sentry_dsn == ""
