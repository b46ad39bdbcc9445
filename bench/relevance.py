"""Relevance of /findmentor on a labelled set: per query class, hit@1, hit@3, nDCG@5 and the noise rate.

    python bench/relevance.py [--rankers raw,today,new] [--queries=heldout.csv|bench/relevance/heldout2.csv] [--show-misses]

The set (written before any tuning, see bench/relevance/README.md): bench/relevance/directory.csv, 156 people in the
profile CSV format (140 mentors with room), and bench/relevance/queries.csv, 100 queries in seven classes, each with
the mentors a thoughtful program lead would accept (grade 2 = the best, 1 = acceptable; `topic=X` means everyone
listing expertise X; `-` means nobody fits and the honest answer is "no match"). `--queries=heldout.csv` scores the
held-out set instead (30 newer queries, written and committed before the second round of tuning; not tuned on,
with one exception said in BENCHMARKS.md).

Every ranker answers as /findmentor's first page does: up to 5 mentors, for a neutral seeker (no goals, values or
languages, UTC). Metrics per query, averaged per class and overall:
- hit@1 / hit@3: a relevant mentor first / in the top 3; a "nobody fits" query scores 1 only if nothing is shown;
- nDCG@5 with gains 2^grade - 1 (a "nobody fits" query: 1 if nothing is shown, else 0);
- noise: the share of shown mentors that are not labelled relevant (pooled over the class's shown mentors).

Rankers: `raw` = bm25s alone (its English stopwords, no stemming) over each mentor's expertise, title, career path
and bio, top 5 with a positive score; `today` = the ranking before issue 9 (bench/baseline_ranking.py, a frozen
copy); `new` = bot.ranking today.
"""

import csv
import math
import os
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import bm25s
import numpy as np

from bot.domain.profiles_csv import parse_profiles_csv

HERE = Path(__file__).with_name("relevance")
NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
SHOWN = 5
CLASSES = ("exact", "abbreviation", "synonym", "typo", "goal", "transition", "trap")
ASKER = "U0BENCHASKER"


def load_rows(path: Path = HERE / "directory.csv"):
    rows, errors = parse_profiles_csv(path.read_text(encoding="utf-8"))
    assert not errors, errors
    return [r for r in rows if r.role in ("mentor", "both") and r.capacity > 0]


def card_fields(r) -> dict:
    return {"person_id": r.slack_id, "name": r.name, "title": r.title, "expertise": tuple(r.expertise),
                "years": r.years_experience, "career_path": r.career_path, "values": tuple(r.values),
                "capacity_left": r.capacity, "offer_cadence": "", "languages": tuple(r.languages),
                "tz": r.timezone or "UTC", "bio": r.bio}


def load_queries(rows, path: Path = HERE / "queries.csv") -> list[dict]:
    """Each query with its grades {mentor id: 1 or 2}; `topic=X[:g]` expands to everyone listing expertise X."""
    out = []
    with path.open(encoding="utf-8") as f:
        for q in csv.DictReader(f):
            grades: dict[str, int] = {}
            spec = q["relevant"].strip()
            # ids never contain spaces; topic names may, so split on " U0" boundaries and "topic=".
            items = [] if spec == "-" else _split_spec(spec)
            for item in items:
                grade = 1
                if item.rsplit(":", 1)[-1] in ("1", "2") and ":" in item:
                    item, grade = item.rsplit(":", 1)[0], int(item.rsplit(":", 1)[1])
                if item.startswith("topic="):
                    topic = item[len("topic="):].casefold()
                    ids = [r.slack_id for r in rows if topic in (t.casefold() for t in r.expertise)]
                    assert ids, f"no mentor lists {topic!r}"
                else:
                    ids = [item]
                    assert any(r.slack_id == item for r in rows), f"{item} is not a mentor with room"
                for i in ids:
                    grades[i] = max(grades.get(i, 0), grade)
            assert q["class"] in CLASSES, q
            out.append({"query": q["query"], "class": q["class"], "grades": grades})
    return out


def _split_spec(spec: str) -> list[str]:
    items, current = [], ""
    for word in spec.split(" "):
        if (word.startswith("U0") or word.startswith("topic=")) and current:
            items.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*items, current] if current else items


def metrics(shown: list[str], grades: dict[str, int]) -> dict:
    if not grades:
        ok = float(not shown)
        return {"hit1": ok, "hit3": ok, "ndcg5": ok, "shown": len(shown), "noise": len(shown)}
    gains = [2 ** grades.get(m, 0) - 1 for m in shown[:SHOWN]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2 ** g - 1 for g in grades.values()), reverse=True)[:SHOWN]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return {"hit1": float(bool(shown) and shown[0] in grades),
            "hit3": float(any(m in grades for m in shown[:3])),
            "ndcg5": dcg / idcg, "shown": len(shown), "noise": sum(1 for m in shown if m not in grades)}


class RawBM25:
    name = "raw bm25s"

    def __init__(self, rows):
        self.ids = [r.slack_id for r in rows]
        docs = [" ".join([*r.expertise, r.title, r.career_path, r.bio]) for r in rows]
        self.retriever = bm25s.BM25()
        self.retriever.index(bm25s.tokenize(docs, stopwords="en", show_progress=False), show_progress=False)

    def shown(self, query: str) -> list[str]:
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False)
        inverse = {i: w for w, i in tokens.vocab.items()}
        words = [inverse[t] for t in tokens.ids[0]]
        vocab = self.retriever.vocab_dict
        words = [w for w in words if w in vocab]
        if not words:
            return []
        scores = self.retriever.get_scores(words)
        order = [i for i in np.argsort(-scores, kind="stable")[:SHOWN] if scores[i] > 0]
        return [self.ids[i] for i in order]


class Ranked:
    """Either ranking module behind the /findmentor interface: MentorIndex(cards).search(Seeker(...), now)."""

    def __init__(self, name, module, rows):
        self.name, self.module = name, module
        self.index = module.MentorIndex([module.MentorCard(**card_fields(r)) for r in rows])

    def shown(self, query: str) -> list[str]:
        found = self.index.search(self.module.Seeker(ASKER, words=query), NOW, limit=SHOWN)
        return [m.mentor.person_id for m in found.matches]


def make_rankers(rows, names):
    import bench.baseline_ranking as today  # noqa: PLC0415 (the bench script picks its rankers)
    import bot.domain.ranking as new  # noqa: PLC0415

    made = {"raw": lambda: RawBM25(rows), "today": lambda: Ranked("today (before #9)", today, rows),
            "new": lambda: Ranked("new", new, rows)}
    return [made[n]() for n in names]


def evaluate(ranker, queries) -> tuple[dict, list]:
    per_class: dict[str, list] = defaultdict(list)
    misses = []
    for q in queries:
        shown = ranker.shown(q["query"])
        m = metrics(shown, q["grades"])
        per_class[q["class"]].append(m)
        per_class["overall"].append(m)
        if not m["hit3"] or m["noise"]:
            misses.append((q, shown))
    table = {}
    for cls, ms in per_class.items():
        shown = sum(m["shown"] for m in ms)
        table[cls] = {"n": len(ms), "hit1": np.mean([m["hit1"] for m in ms]), "hit3": np.mean([m["hit3"] for m in ms]),
                      "ndcg5": np.mean([m["ndcg5"] for m in ms]),
                      "noise": (sum(m["noise"] for m in ms) / shown) if shown else 0.0}
    return table, misses


def main(argv: list[str]) -> int:
    names = ["raw", "today", "new"]
    query_file = "queries.csv"
    for a in argv:
        if a.startswith("--rankers="):
            names = a.split("=", 1)[1].split(",")
        if a.startswith("--queries="):
            query_file = a.split("=", 1)[1]
    rows = load_rows()
    # a path as given (bench/relevance/heldout2.csv), else a file name under bench/relevance/ (heldout.csv)
    queries = load_queries(rows, Path(query_file) if Path(query_file).is_file() else HERE / query_file)
    print(f"directory: {len(rows)} mentors with room; queries: {len(queries)} ({query_file})")
    for ranker in make_rankers(rows, names):
        table, misses = evaluate(ranker, queries)
        print(f"\n{ranker.name}\n| class | n | hit@1 | hit@3 | nDCG@5 | noise |\n|---|---:|---:|---:|---:|---:|")
        for cls in (*CLASSES, "overall"):
            t = table[cls]
            print(f"| {cls} | {t['n']} | {t['hit1']:.0%} | {t['hit3']:.0%} | {t['ndcg5']:.2f} | {t['noise']:.1%} |")
        if "--show-misses" in argv:
            for q, shown in misses:
                bad = [s for s in shown if s not in q["grades"]]
                print(f"  MISS {q['class']:<10} {q['query']!r}: shown {shown} noise {bad}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
