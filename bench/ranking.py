"""Ranking N synthetic mentors in process (MentorIndex.search with the semantic layer on, top 5 with explanations;
cold: neither the words nor the goals read before; warm: the asker's goals read by their previous request)
vs. raw bm25s on the same texts (get_scores for the same query tokens + top 5 by argpartition). Median and p99 per query, and the ratio.

    python bench/ranking.py [N ...]      (default: 10000 100000)
"""

import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import bm25s
import numpy as np

from bench.synthetic import people, queries
from bot.domain.ranking import MentorCard, MentorIndex, Seeker
from bot.domain.search_text import analyse

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
ROUNDS = 3  # each query is asked this many times


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(n: int) -> dict:
    cards = [MentorCard(person_id=p["slack_id"], name=p["name"], title=p["title"], expertise=tuple(p["expertise"]),
                        years=p["years"], career_path=p["career_path"], values=tuple(p["values"]),
                        capacity_left=p["capacity"], offer_cadence=p["cadence"], languages=tuple(p["languages"]),
                        tz=p["tz"], bio=p["bio"]) for p in people(n)]
    t0 = time.perf_counter()
    index = MentorIndex(cards)
    build = time.perf_counter() - t0
    # Baseline: one raw bm25s index over the same texts (expertise, title, career path, bio), our tokenizer.
    docs = [analyse(" ".join([*c.expertise, c.title, c.career_path, c.bio])) or [""] for c in cards]
    retriever = bm25s.BM25()
    retriever.index(docs, show_progress=False)
    vocab = {t for d in docs for t in d}
    taken = {c.person_id: 1 for c in cards[::7]}  # one open mentorship for every 7th mentor
    t0 = time.perf_counter()
    slots = index.slots_after(taken)  # what bot.features.findmentor caches until a mentorship opens or closes
    slots_s = time.perf_counter() - t0
    asks = queries()
    ours, warm, raw = [], [], []
    for _ in range(ROUNDS):
        for words, goals in asks:
            seeker = Seeker("U999999999", words=words, goals=goals, career_aspiration="engineer to staff engineer",
                            values=("craft", "balance"), languages=("English",), tz="Europe/Berlin")
            index._reads.clear()  # cold: neither the words nor the goals were read before
            t = time.perf_counter()
            index.search(seeker, NOW, limit=5, exclude={"U000000003"}, slots=slots)
            ours.append(time.perf_counter() - t)
            index._reads.pop((words, False), None)  # warm: the asker's goals were read by their last request
            t = time.perf_counter()
            index.search(seeker, NOW, limit=5, exclude={"U000000003"}, slots=slots)
            warm.append(time.perf_counter() - t)
            t = time.perf_counter()
            q = [tok for tok in dict.fromkeys(analyse(f"{words} {goals}")) if tok in vocab]
            scores = retriever.get_scores(q)
            top = np.argpartition(-scores, 5)[:5]
            top[np.argsort(-scores[top])]
            raw.append(time.perf_counter() - t)
    med_o, med_r, med_w = statistics.median(ours), statistics.median(raw), statistics.median(warm)
    p99_o, p99_r, p99_w = pct(ours, 99), pct(raw, 99), pct(warm, 99)
    return {"n": n, "build_s": build, "slots_ms": slots_s * 1e3, "ours_median_ms": med_o * 1e3, "ours_p99_ms": p99_o * 1e3,
            "raw_median_ms": med_r * 1e3, "raw_p99_ms": p99_r * 1e3,
            "ratio_median": med_o / med_r, "ratio_p99": p99_o / p99_r, "samples": len(ours),
            "warm_median_ms": med_w * 1e3, "warm_p99_ms": p99_w * 1e3,
            "warm_ratio_median": med_w / med_r, "warm_ratio_p99": p99_w / p99_r}


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print("N        build  slots   ours median / p99      raw bm25s median / p99   ratio median / p99")
    for n in sizes:
        r = run(n)
        print(f"{r['n']:<8} {r['build_s']:4.1f}s {r['slots_ms']:5.1f}ms  {r['ours_median_ms']:7.2f} / {r['ours_p99_ms']:7.2f} ms   "
              f"{r['raw_median_ms']:7.2f} / {r['raw_p99_ms']:7.2f} ms     "
              f"{r['ratio_median']:5.2f}x / {r['ratio_p99']:5.2f}x   ({r['samples']} queries)")
        print(f"{'':<8} goals already read (the asker's last request): {r['warm_median_ms']:7.2f} / "
              f"{r['warm_p99_ms']:7.2f} ms   {r['warm_ratio_median']:5.2f}x / {r['warm_ratio_p99']:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
