"""Heartbeats for `mentorbot health`: a long-running process (the worker, Socket Mode) rewrites a small JSON file
while it is healthy; a supervisor (Docker's HEALTHCHECK, systemd, Kubernetes' exec probe) runs `mentorbot health`,
which reads it. A file, not the database: it answers "is *this* process alive and connected", the database cannot
(several workers share it), and it needs no schema change.

The file lives in HEARTBEAT_DIR (default: the system's temp directory) as mentorbot-<role>.json:
{"role", "pid", "at" (UTC ISO), "detail"}. Stale after `max_age` seconds (default 3 intervals)."""

import json
import os
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

INTERVAL = 15.0  # seconds between beats
ROLES = ("worker", "socket")


def heartbeat_path(role: str, env: dict | None = None) -> Path:
    env = os.environ if env is None else env
    return Path(env.get("HEARTBEAT_DIR") or tempfile.gettempdir()) / f"mentorbot-{role}.json"


def beat(role: str, detail: str = "", env: dict | None = None) -> None:
    """Write the heartbeat atomically (a reader never sees half a file)."""
    path = heartbeat_path(role, env)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"role": role, "pid": os.getpid(), "at": datetime.now(UTC).isoformat(),
                               "detail": detail}))
    os.replace(tmp, path)


def clear(role: str, env: dict | None = None) -> None:
    """A process that stops cleanly removes its heartbeat: `health` then says it is not running."""
    heartbeat_path(role, env).unlink(missing_ok=True)


def check(role: str, max_age: float = 3 * INTERVAL, env: dict | None = None) -> tuple[bool, str]:
    """(healthy, one line saying why)."""
    path = heartbeat_path(role, env)
    try:
        data = json.loads(path.read_text())
        at = datetime.fromisoformat(data["at"])
    except FileNotFoundError:
        return False, f"no {role} heartbeat at {path}: the process is not running (or HEARTBEAT_DIR differs)"
    except (OSError, ValueError, KeyError):
        return False, f"unreadable {role} heartbeat at {path}"
    age = (datetime.now(UTC) - at).total_seconds()
    if age > max_age:
        return False, f"{role} heartbeat is {age:.0f} s old (more than {max_age:.0f} s): the process is stuck or gone"
    return True, f"{role} ok (pid {data.get('pid')}, beat {age:.0f} s ago{', ' + data['detail'] if data.get('detail') else ''})"


class Beater:
    """Beats every `interval` seconds in a daemon thread while `alive()` is true (e.g. Socket Mode connected)."""

    def __init__(self, role: str, alive=lambda: True, detail=lambda: "", interval: float = INTERVAL):
        self.role, self.alive, self.detail, self.interval = role, alive, detail, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"heartbeat-{role}", daemon=True)

    def start(self) -> "Beater":
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            started, alive = time.monotonic(), False
            try:
                alive = self.alive()
                if alive:
                    beat(self.role, self.detail())
            except Exception:
                pass
            # Not (yet) connected: look again soon, so a fresh start or a reconnect shows within a second.
            wait = self.interval if alive else 1.0
            self._stop.wait(max(0.0, wait - (time.monotonic() - started)))

    def stop(self) -> None:
        self._stop.set()
        clear(self.role)
