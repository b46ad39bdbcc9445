"""Calibrate the text weights, the semantic threshold and the show fraction of bot.ranking on the labelled set
(bench/relevance/), by a small grid search, not by hand. Prints the best settings and their figures; copy them
into bot/domain/ranking.py (TEXT_WEIGHTS, SEMANTIC_THRESHOLD, SHOW_FRACTION).

    python bench/calibrate.py [--quick]

Objective: mean hit@3 + mean nDCG@5 - 2 x noise rate (over all queries): finding the right mentor and showing
nobody else both count, and noise counts double because a wrong mentor costs the asker trust. To show how much
the choice is fitted to the set, the winner is also scored on the odd and even halves of the queries when
calibrated on the other half.
"""

import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import bot.domain.ranking as ranking
from bench.relevance import NOW, card_fields, evaluate, load_queries, load_rows
from bot.domain.semantic import default_embedder

GRID = {
    "SEMANTIC_THRESHOLD": [0.4, 0.45, 0.5, 0.55],
    "SHOW_FRACTION": [0.5, 0.6, 0.7, 0.8, 0.9],
    "semantic": [0.5, 1.0, 2.0],
    "phrase": [0.25, 0.5, 1.0],
    "move": [1.0, 2.0],
}
QUICK = {**GRID, "semantic": [1.0], "phrase": [0.5]}


class _Ranker:
    name = "candidate"

    def __init__(self, index):
        self.index = index

    def shown(self, query):
        found = self.index.search(ranking.Seeker("U0BENCHASKER", words=query), NOW, limit=5)
        return [m.mentor.person_id for m in found.matches]


def objective(table) -> float:
    t = table["overall"]
    return t["hit3"] + t["ndcg5"] - 2 * t["noise"]


def apply(setting: dict) -> None:
    ranking.SEMANTIC_THRESHOLD = setting["SEMANTIC_THRESHOLD"]
    ranking.SHOW_FRACTION = setting["SHOW_FRACTION"]
    for k in ("semantic", "phrase", "move"):
        ranking.TEXT_WEIGHTS[k] = setting[k]


def search(index, queries, grid) -> tuple[float, dict]:
    best = (-1e9, {})
    keys = list(grid)
    for values in itertools.product(*(grid[k] for k in keys)):
        setting = dict(zip(keys, values, strict=True))
        apply(setting)
        index._reads.clear()  # readings remembered under other settings are stale
        table, _ = evaluate(_Ranker(index), queries)
        best = max(best, (objective(table), setting), key=lambda x: x[0])
    return best


def main(argv: list[str]) -> int:
    grid = QUICK if "--quick" in argv else GRID
    rows = load_rows()
    queries = load_queries(rows)
    index = ranking.MentorIndex([ranking.MentorCard(**card_fields(r)) for r in rows], embedder=default_embedder())
    score, setting = search(index, queries, grid)
    apply(setting)
    index._reads.clear()
    table, _ = evaluate(_Ranker(index), queries)
    print("best:", setting, f"objective {score:.3f}")
    t = table["overall"]
    print(f"all queries: hit@1 {t['hit1']:.0%} hit@3 {t['hit3']:.0%} nDCG@5 {t['ndcg5']:.2f} noise {t['noise']:.0%}")
    for name, fit, held in (("odd", queries[1::2], queries[0::2]), ("even", queries[0::2], queries[1::2])):
        _, s = search(index, fit, grid)
        apply(s)
        index._reads.clear()
        t = evaluate(_Ranker(index), held)[0]["overall"]
        print(f"calibrated on the {name} half, scored on the other: hit@3 {t['hit3']:.0%} nDCG@5 {t['ndcg5']:.2f} "
              f"noise {t['noise']:.0%}  ({s})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
