"""The real processes: `mentorbot run` and the Procfile's gunicorn line, pointed at the local Slack with
SLACK_API_URL, answer a Slack-signed /findmentor posted to /slack/events."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bot.devkit.demo.scenario import seed_workspace
from bot.devkit.harness import APP_TOKEN, SIGNING_SECRET, LocalStack
from bot.devkit.localslack import LocalSlack, SlackDriver, SocketModeDriver

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"process exited early: {proc.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not become healthy")


def gunicorn_cmd(port: int) -> list[str]:
    exe = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    # The Procfile's web line, with the port filled in and one worker for the test.
    return [exe, "--preload", "bot.wsgi:application", "--bind", f"127.0.0.1:{port}", "--worker-class", "gthread",
            "--workers", "1", "--threads", "4"]


@pytest.mark.parametrize("server", ["mentorbot run", "gunicorn"])
def test_server_process_answers_signed_findmentor(server, migrated_url, tmp_path):
    with LocalStack(migrated_url) as stack:  # seeds through the same code the demo uses
        seed_workspace(stack)
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        env.update(SLACK_BOT_TOKEN=stack.slack.bot_token, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                   SLACK_API_URL=stack.slack.url, DATABASE_URL=migrated_url, PORT=str(port), LOG_LEVEL="WARNING")
        cmd = [sys.executable, "-m", "bot.cli", "run"] if server == "mentorbot run" else gunicorn_cmd(port)
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc)
            driver = SlackDriver(bot_url=url + "/slack/events", signing_secret=SIGNING_SECRET, slack=stack.slack)
            assert driver.command("U0DEMOLENA", "/findmentor", "python").status == 200
            assert stack.slack.wait_for(lambda: stack.slack.ephemerals_to("U0DEMOLENA"), timeout=20)
            answer = stack.slack.ephemerals_to("U0DEMOLENA")[-1]
            assert "Amara Okafor" in answer["text"] and "Hugo Martin" in answer["text"]
            driver.forge = True
            assert driver.command("U0DEMOLENA", "/findmentor", "python").status == 401
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def test_socket_mode_run_answers_reports_health_and_stops_on_sigterm(migrated_url, tmp_path):
    """`mentorbot run` with SLACK_APP_TOKEN: connects to the local Slack's Socket Mode server, answers a command
    sent as an envelope, survives a refresh, `mentorbot health --role socket` says ok, SIGTERM exits 0."""


    with LocalSlack(app_token=APP_TOKEN) as slack, LocalStack(migrated_url, slack=slack) as stack:
        seed_workspace(stack)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        env.update(SLACK_BOT_TOKEN=slack.bot_token, SLACK_APP_TOKEN=APP_TOKEN, SLACK_API_URL=slack.url,
                   DATABASE_URL=migrated_url, LOG_LEVEL="WARNING", HEARTBEAT_DIR=str(tmp_path))
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "--env-file", "/nonexistent", "run"], env=env,
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert slack.socket_mode.wait_connected(timeout=60), proc.stderr.read() if proc.poll() else ""
            driver = SocketModeDriver(slack)
            slack.socket_mode.refresh_grace = 0.3
            slack.socket_mode.refresh()
            assert driver.command("U0DEMOLENA", "/findmentor", "python").status == 200
            assert slack.wait_for(lambda: slack.ephemerals_to("U0DEMOLENA"), timeout=20)
            assert "Amara Okafor" in slack.ephemerals_to("U0DEMOLENA")[-1]["text"]
            assert slack.wait_for(lambda: (tmp_path / "mentorbot-socket.json").exists(), timeout=20)
            health = subprocess.run([sys.executable, "-m", "bot.cli", "--env-file", "/nonexistent", "health",
                                     "--role", "socket"], env=env, cwd=ROOT, capture_output=True, text=True,
                                    timeout=60)
            assert health.returncode == 0, health.stderr
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 0, err
        assert not (tmp_path / "mentorbot-socket.json").exists()  # a clean stop clears its heartbeat
