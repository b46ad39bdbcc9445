"""Matching round at program scale: `python bench/rounds.py [MENTEES MENTORS]` (default 10,000 x 2,000).

Reports, in one run on one seeded instance:
- our round (bot.domain.rounds: score every mentee with the /findmentor fit, apply the rules, solve, report) and
  its parts, against raw OR-Tools min-cost flow on the very same graph (the ratio is what our code adds);
- matched vs the max-flow bound of the same graph (OR-Tools SimpleMaxFlow);
- total fit vs the exact optimum of the same model: an independent LP (OR-Tools GLOP; the assignment polytope
  is integral) with the matched count fixed at the max-flow bound, on the unrounded fits;
- the round report for ours and for a greedy best-first baseline.
"""

import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from ortools.graph.python import max_flow
from ortools.linear_solver import pywraplp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import LANGS, TOPICS, VALUES, ZONES, people

from bot.domain import rounds
from bot.domain.ranking import MentorCard, Seeker

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
DEPARTMENTS = ["Engineering", "Data", "Product", "Design", "Sales", "Operations", "Finance", "People"]


def instance(n_mentees: int, n_mentors: int, seed: int = 5) -> rounds.Problem:
    rnd = random.Random(seed)
    mentors = [MentorCard(
        person_id=p["slack_id"], name=p["name"], title=p["title"], expertise=tuple(p["expertise"]),
        years=p["years"], career_path=p["career_path"], values=tuple(p["values"]),
        capacity_left=rnd.randint(1, 5), offer_cadence=p["cadence"],
        # Most people speak English; mentors list one or two more.
        languages=tuple(dict.fromkeys(["English"] * (rnd.random() < 0.8) + rnd.sample(LANGS, 1))),
        tz=p["tz"], bio=p["bio"]) for p in people(n_mentors)]
    mentees = []
    managers, departments = {}, {}
    for i in range(n_mentees):
        pid = f"E{i:09d}"
        mentees.append(Seeker(
            person_id=pid, goals=" ".join(rnd.sample(TOPICS, rnd.randint(1, 3))),
            career_aspiration=rnd.choice(["staff engineer", "engineering manager", "data scientist", ""]),
            values=tuple(rnd.sample(VALUES, 2)),
            languages=tuple(dict.fromkeys(["English"] * (rnd.random() < 0.75) + rnd.sample(LANGS, 1))),
            tz=rnd.choice(ZONES)))
        managers[pid] = mentors[rnd.randrange(n_mentors)].person_id  # managers are often mentors themselves
        departments[pid] = rnd.choice(DEPARTMENTS)
    for card in mentors:
        departments[card.person_id] = rnd.choice(DEPARTMENTS)
        managers[card.person_id] = mentors[rnd.randrange(n_mentors)].person_id
    # A previous cohort: one past mentor for every fifth mentee.
    past = frozenset((m.person_id, mentors[rnd.randrange(n_mentors)].person_id) for m in mentees[::5])
    return rounds.Problem(mentees, mentors, NOW, rounds.Rules(max_hours_apart=6, different_department=True),
                          managers=managers, departments=departments, past_pairs=past)


def max_flow_bound(graph) -> int:
    tails, heads, capacities, _, source, sink, _ = graph
    flow = max_flow.SimpleMaxFlow()
    flow.add_arcs_with_capacity(tails, heads, capacities)
    flow.solve(source, sink)
    return flow.optimal_flow()


def exact_lp(cand: rounds.Candidates, matched: int) -> float:
    """max sum fit x, each mentee <= 1, each mentor <= slots, sum x = matched, 0 <= x <= 1: an LP (OR-Tools GLOP,
    a different algorithm from the flow; the assignment polytope is integral, so the LP optimum is exact)."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    x = [solver.NumVar(0.0, 1.0, "") for _ in range(len(cand.edge_fit))]
    by_mentee: dict[int, list] = {}
    by_mentor: dict[int, list] = {}
    for e, (i, j) in enumerate(zip(cand.edge_mentee.tolist(), cand.edge_mentor.tolist(), strict=True)):
        by_mentee.setdefault(i, []).append(x[e])
        by_mentor.setdefault(j, []).append(x[e])
    for xs in by_mentee.values():
        solver.Add(solver.Sum(xs) <= 1)
    for j, xs in by_mentor.items():
        solver.Add(solver.Sum(xs) <= int(cand.slots[j]))
    solver.Add(solver.Sum(x) == matched)
    solver.Maximize(solver.Sum(float(f) * v for f, v in zip(cand.edge_fit.tolist(), x, strict=True)))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        raise RuntimeError("the LP did not solve to optimality")
    return solver.Objective().Value()


def show(name: str, r: rounds.Report, total_fit: float) -> None:
    print(f"| {name} | {r.matched:,} / {r.eligible:,} | {total_fit:,.2f} | {r.average_fit:.4f} | "
          f"{r.top3_share:.1%} | {r.load[0]} / {r.load[1]:g} / {r.load[2]} (capacity {r.capacity[0]} / "
          f"{r.capacity[1]:g} / {r.capacity[2]}) | {r.blocking_pairs:,} |")


def main() -> None:
    n_mentees, n_mentors = (int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (10_000, 2_000)
    problem = instance(n_mentees, n_mentors)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        cand = rounds.candidates(problem)
        t1 = time.perf_counter()
        chosen = rounds.solve(cand)
        t2 = time.perf_counter()
        plan = rounds.plan_from(cand, chosen)
        t3 = time.perf_counter()
        graph = rounds.flow_graph(cand)
        t4 = time.perf_counter()
        rounds.solve_flow(*graph)
        t5 = time.perf_counter()
        runs.append((t3 - t0, t1 - t0, t2 - t1, t3 - t2, t5 - t4))
    total, score, solve, report_t, raw = (statistics.median(r[i] for r in runs) for i in range(5))
    t0 = time.perf_counter()
    rounds.explanations(problem, cand, plan.pairs)
    explain_t = time.perf_counter() - t0
    bound = max_flow_bound(rounds.flow_graph(cand))
    ours_fit = float(cand.edge_fit[chosen].sum())
    t0 = time.perf_counter()
    exact = exact_lp(cand, plan.report.matched)
    lp_t = time.perf_counter() - t0
    baseline = rounds.greedy(cand)

    print(f"instance: {n_mentees:,} mentees x {n_mentors:,} mentors, capacity 1-5 "
          f"({int(cand.slots.sum()):,} slots), {len(cand.edge_fit):,} allowed pairs, "
          f"{len(cand.no_candidate):,} mentees with none")
    print(f"round (median of 3): {total:.2f} s = scoring+rules {score:.2f} s + solve {solve:.2f} s "
          f"+ report {report_t:.2f} s; raw OR-Tools on the same graph {raw:.2f} s; "
          f"ratio whole round / raw {total / raw:.1f}x, solve step / raw {solve / raw:.2f}x")
    print(f"explaining all {len(plan.pairs):,} pairs (preview/CSV): {explain_t:.2f} s")
    print(f"matched {plan.report.matched:,} vs max-flow bound {bound:,}")
    print(f"total fit {ours_fit:,.4f} vs exact LP optimum {exact:,.4f} (gap {(exact - ours_fit) / exact:.6%}, "
              f"LP took {lp_t:.1f} s)")
    print("| assignment | matched / eligible | total fit | average fit | mentor in own top 3 | load min / median / "
          "max | blocking pairs |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    show("ours (min-cost flow)", plan.report, ours_fit)
    show("greedy best-first", rounds.report(cand, baseline), float(cand.edge_fit[baseline].sum()))
    reasons: dict[str, int] = {}
    for u in plan.unmatched:
        key = u.reason.split(" the ")[0] if "full this round" in u.reason else u.reason
        key = "every mentor who fits is full" if "full this round" in u.reason else key
        reasons[key] = reasons.get(key, 0) + 1
    print("unmatched by reason:", ", ".join(f"{k}: {v:,}" for k, v in sorted(reasons.items(), key=lambda x: -x[1])))


if __name__ == "__main__":
    main()
