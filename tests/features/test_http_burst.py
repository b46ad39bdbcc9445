"""Issue 15, class 1: `mentorbot run` served HTTP through wsgiref (listen backlog 5), and a burst of 200 signed
/findmentor lost most of them to connection resets. It now serves through gunicorn; a real `mentorbot run`
process answers all 200, and every one of them gets its ephemeral answer."""

import os
import subprocess
import sys

from bot.devkit.burst import burst
from bot.devkit.demo.scenario import seed_workspace
from bot.devkit.harness import SIGNING_SECRET, LocalStack
from bot.devkit.localslack import SlackDriver
from tests.processes.test_servers import ROOT, free_port, wait_healthy

N = 200


def test_mentorbot_run_answers_a_burst_of_200(migrated_url):
    with LocalStack(migrated_url) as stack:
        seed_workspace(stack)
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        env.update(SLACK_BOT_TOKEN=stack.slack.bot_token, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                   SLACK_API_URL=stack.slack.url, DATABASE_URL=migrated_url, PORT=str(port), LOG_LEVEL="WARNING")
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, proc)
            driver = SlackDriver(bot_url=url + "/slack/events", signing_secret=SIGNING_SECRET, slack=stack.slack,
                                 timeout=30)
            result = burst(N, lambda _i: driver.command("U0DEMOLENA", "/findmentor", "python").status)
            assert result.statuses == {200: N}, result.summary()
            assert stack.slack.wait_for(lambda: len(stack.slack.ephemerals_to("U0DEMOLENA")) == N, timeout=90), \
                len(stack.slack.ephemerals_to("U0DEMOLENA"))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
