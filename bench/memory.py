"""Memory of a web process with N mentors indexed (MentorIndex with the semantic model, one search done) vs. a
bare Bolt process (slack_bolt imported, an App made) and vs. the ranking before issue 9. Each in a fresh subprocess; resident set size (VmRSS).

    python bench/memory.py [N]      (default 100000)
"""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BARE = """
from slack_bolt import App
app = App(token="xoxb-bench", signing_secret="x", token_verification_enabled=False)
"""
INDEXED = BARE + """
from datetime import UTC, datetime
from bench.synthetic import people
from {module} import MentorCard, MentorIndex, Seeker
cards = [MentorCard(person_id=p["slack_id"], name=p["name"], title=p["title"], expertise=tuple(p["expertise"]),
                    years=p["years"], career_path=p["career_path"], values=tuple(p["values"]),
                    capacity_left=p["capacity"], offer_cadence=p["cadence"], languages=tuple(p["languages"]),
                    tz=p["tz"], bio=p["bio"]) for p in people({n})]
index = MentorIndex(cards)
del cards
index.search(Seeker("U1", words="python", goals="leadership"), datetime(2026, 12, 1, tzinfo=UTC), limit=5)
"""
REPORT = """
import gc; gc.collect()
print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS")))
"""


def rss_kb(code: str) -> int:
    out = subprocess.run([sys.executable, "-c", code + REPORT], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": ROOT})
    return int(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 100_000
    bare = rss_kb(BARE)
    before = rss_kb(INDEXED.format(n=n, module="bench.baseline_ranking"))
    indexed = rss_kb(INDEXED.format(n=n, module="bot.domain.ranking"))
    print(f"bare Bolt process: {bare / 1024:.0f} MB")
    print(f"with {n:,} mentors indexed, ranking before issue 9: {before / 1024:.0f} MB (+{(before - bare) / 1024:.0f} MB)")
    print(f"with {n:,} mentors indexed, ranking now (semantic model loaded): {indexed / 1024:.0f} MB "
          f"(+{(indexed - bare) / 1024:.0f} MB, {indexed / bare:.1f}x the bare process)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
