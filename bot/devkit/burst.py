"""A burst: N signed requests released at the same instant from N threads, as Slack delivers a busy moment.
Used by the burst test and bench/burst_http.py, so the figures in BENCHMARKS.md are what the test exercises."""

import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class BurstResult:
    statuses: dict  # status (or exception name) -> count
    acks: list[float]  # seconds to the HTTP answer, for each request answered 200

    @property
    def errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s != 200)

    def percentile(self, q: float) -> float:
        if not self.acks:
            return float("nan")
        ordered = sorted(self.acks)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> str:
        p50 = statistics.median(self.acks) if self.acks else float("nan")
        return (f"{len(self.acks)}/{sum(self.statuses.values())} answered 200, errors {self.errors} "
                f"{ {k: v for k, v in self.statuses.items() if k != 200} }, ack p50 {p50 * 1000:.0f} ms, "
                f"p99 {self.percentile(0.99) * 1000:.0f} ms")


def burst(n: int, send: Callable[[int], int]) -> BurstResult:
    """send(i) makes request i and returns its HTTP status (or raises on a connection error)."""
    barrier = threading.Barrier(n)
    statuses: dict = {}
    acks: list[float] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        barrier.wait()
        start = time.monotonic()
        try:
            status = send(i)
        except Exception as exc:
            status = type(getattr(exc, "reason", exc)).__name__
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200:
                acks.append(time.monotonic() - start)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return BurstResult(statuses, acks)
