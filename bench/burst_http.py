"""A burst of N simultaneous signed /findmentor at real server processes: `mentorbot run` (gunicorn started from
Python since issue 15) against the Procfile's gunicorn line (the baseline), and the in-process wsgiref server that
`run` used before (for the record). Errors (resets, non-200), and ack p50/p99 from the request to the HTTP answer.

    python bench/burst_http.py [N] [ROUNDS]      (default: 200 requests, 3 rounds per server; SQLite)
"""

import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from bot.devkit.burst import burst
from bot.devkit.demo.scenario import seed_workspace
from bot.devkit.harness import SIGNING_SECRET, LocalStack
from bot.devkit.localslack import SlackDriver
from storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server never became healthy")


def command(name: str, port: int) -> list[str]:
    if name == "mentorbot run":
        return [sys.executable, "-m", "bot.cli", "run"]
    exe = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    procfile = (ROOT / "Procfile").read_text().split("web:", 1)[1].splitlines()[0].split()
    args = [a.strip("'") for a in procfile[1:]]
    return [exe, *[f"0.0.0.0:{port}" if a.startswith("0.0.0.0:") else a for a in args]]


def run_rounds(stack, url: str, n: int, rounds: int) -> list:
    driver = SlackDriver(bot_url=url + "/slack/events", signing_secret=SIGNING_SECRET, slack=stack.slack, timeout=30)
    results = []
    for _ in range(rounds):
        results.append(burst(n, lambda i: driver.command("U0DEMOLENA", "/findmentor", "python").status))
        time.sleep(2)  # let the answers after the acks finish before the next round
    return results


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(f"burst of {n} signed /findmentor, {rounds} rounds per server; {platform.processor() or platform.machine()},"
          f" {os.cpu_count()} cores, Python {platform.python_version()}, SQLite")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        with LocalStack(url) as stack:
            seed_workspace(stack)
            rows = {}
            for name in ("gunicorn (Procfile)", "mentorbot run"):
                port = free_port()
                env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
                env.update(SLACK_BOT_TOKEN=stack.slack.bot_token, SLACK_SIGNING_SECRET=SIGNING_SECRET,
                           SLACK_API_URL=stack.slack.url, DATABASE_URL=url, PORT=str(port), LOG_LEVEL="WARNING")
                proc = subprocess.Popen(command(name, port), env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                try:
                    wait_healthy(f"http://127.0.0.1:{port}")
                    rows[name] = run_rounds(stack, f"http://127.0.0.1:{port}", n, rounds)
                finally:
                    proc.terminate()
                    proc.wait(30)
            rows["wsgiref in process (run before)"] = run_rounds(stack, stack.base_url, n, rounds)
    print("| server | errors per round | ack p50 ms (median of rounds) | ack p99 ms (median of rounds) |")
    print("| --- | --- | ---: | ---: |")
    base = statistics.median(statistics.median(r.acks) for r in rows["gunicorn (Procfile)"])
    for name, results in rows.items():
        p50 = statistics.median(statistics.median(r.acks) if r.acks else float("nan") for r in results)
        p99 = statistics.median(r.percentile(0.99) for r in results)
        print(f"| {name} | {', '.join(str(r.errors) for r in results)} | {p50 * 1000:.0f} | {p99 * 1000:.0f} |"
              f"  p50 ratio to gunicorn {p50 / base:.2f}")


if __name__ == "__main__":
    main()
