"""A matching round: who may be paired with whom, the best assignment, and how good it is. Pure: no Slack, no
database.

Fit is the /findmentor score (bot.ranking.MentorIndex, scored once per mentee over every mentor at once), so a
round explains its pairs exactly as search does. The hard rules cut candidate pairs: mentor capacity, no pair
matched before (any program), never the mentee's manager or manager's manager, at most `max_hours_apart`, at least
one shared language (someone who lists no language is not excluded on it), and optionally different departments.

The solver is OR-Tools' min-cost flow (source -> mentee (1) -> mentor (capacity) -> sink) with
`solve_max_flow_with_min_cost`: the largest number of mentees matched first, then the largest total fit among
those assignments. It is exact on fit scaled to integers (fit is already rounded to 1e-6 by the ranking).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np
from ortools.graph.python import min_cost_flow

from bot.domain.ranking import Match, MentorCard, MentorIndex, Seeker

FIT_SCALE = 1_000_000  # fit is rounded to 6 decimals by the ranking: integers lose nothing
DEFAULT_MAX_HOURS_APART = 6

# Why a mentee has no candidate at all: the first rule that empties their list.
NO_TOPICS = "no topics or goals to match on yet"
NO_TOPIC_MENTOR = "no mentor with a free slot knows their topics"
TOO_FAR = "the mentors who know their topics are all more than {h:g} h apart"
NO_LANGUAGE = "no shared language with the mentors who fit"
ONLY_PAST = "only past mentors left"
ONLY_MANAGERS = "only their manager or manager's manager fits"
ONLY_DEPARTMENT = "only mentors in their own department fit"
ALL_TAKEN = "the {k} mentor{s} who {fit} {are} full this round"


@dataclass(frozen=True)
class Rules:
    max_hours_apart: float = DEFAULT_MAX_HOURS_APART
    different_department: bool = False


@dataclass(frozen=True)
class Problem:
    """Everything a round needs. Mentors' capacity_left is their slots free for this round."""

    mentees: list[Seeker]
    mentors: list[MentorCard]
    now: datetime
    rules: Rules = Rules()
    managers: Mapping[str, str] = field(default_factory=dict)  # person -> their manager
    departments: Mapping[str, str] = field(default_factory=dict)  # person -> department
    past_pairs: frozenset[tuple[str, str]] = frozenset()  # (mentee, mentor) pairs matched before


@dataclass
class Candidates:
    """The feasible pairs as parallel arrays (one entry per edge), plus why a mentee has none."""

    index: MentorIndex
    slots: np.ndarray  # per mentor of `index`: capacity this round
    mentee_ids: list[str]  # the mentees with topics, in input order: edge mentee numbers point here
    edge_mentee: np.ndarray
    edge_mentor: np.ndarray
    edge_fit: np.ndarray
    no_candidate: dict[str, str]  # mentee id -> reason (including mentees without topics)


@dataclass(frozen=True)
class Pair:
    mentee_id: str
    mentor_id: str
    fit: float


@dataclass(frozen=True)
class Unmatched:
    mentee_id: str
    reason: str


@dataclass(frozen=True)
class Report:
    eligible: int  # mentees with topics or goals
    matched: int
    average_fit: float
    top3_share: float  # of matched mentees: their mentor is among their own 3 best-fitting candidates
    load: tuple[int, float, int]  # mentees per mentor this round: min, median, max
    capacity: tuple[int, float, int]  # the mentors' slots this round: min, median, max
    blocking_pairs: int  # a mentee and a mentor who would both rather have each other than what they got


@dataclass(frozen=True)
class Plan:
    pairs: list[Pair]
    unmatched: list[Unmatched]
    report: Report
    why: dict[str, Match] = field(default_factory=dict)  # mentee id -> explanation of their pair


def _mask_of(ids: Iterable[str], pos: Mapping[str, int], n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for person_id in ids:
        i = pos.get(person_id)
        if i is not None:
            mask[i] = True
    return mask


def candidates(problem: Problem) -> Candidates:
    """Score every mentee against every mentor (the /findmentor fit) and keep the pairs the rules allow."""
    index = MentorIndex(problem.mentors)
    m = len(index)
    slots = index.slots_after(None)
    pos = {card.person_id: j for j, card in enumerate(index.mentors)}
    no_language = np.array([not card.languages for card in index.mentors], dtype=bool)
    speaks: dict[str, np.ndarray] = {}
    for j, card in enumerate(index.mentors):
        for lang in {x.strip().casefold() for x in card.languages if x.strip()}:
            speaks.setdefault(lang, np.zeros(m, dtype=bool))[j] = True
    departments = [problem.departments.get(card.person_id, "").strip().casefold() for card in index.mentors]
    past: dict[str, set[str]] = {}
    for mentee_id, mentor_id in problem.past_pairs:
        past.setdefault(mentee_id, set()).add(mentor_id)
    rules = problem.rules

    mentee_ids: list[str] = []
    edges_i, edges_j, edges_fit = [], [], []
    no_candidate: dict[str, str] = {}
    for seeker in problem.mentees:
        if not seeker.query.strip():
            no_candidate[seeker.person_id] = NO_TOPICS
            continue
        number = len(mentee_ids)
        mentee_ids.append(seeker.person_id)
        idx, fit, apart = index.fit_vector(seeker, problem.now, slots)
        steps = [(TOO_FAR.format(h=rules.max_hours_apart), apart <= rules.max_hours_apart + 1e-9)]
        langs = {x.strip().casefold() for x in seeker.languages if x.strip()}
        if langs:
            shared = no_language.copy()
            for lang in langs & speaks.keys():
                shared |= speaks[lang]
            steps.append((NO_LANGUAGE, shared[idx]))
        if seeker.person_id in past:
            steps.append((ONLY_PAST, ~_mask_of(past[seeker.person_id], pos, m)[idx]))
        manager = problem.managers.get(seeker.person_id, "")
        chain = {manager, problem.managers.get(manager, "")} - {""}
        if chain:
            steps.append((ONLY_MANAGERS, ~_mask_of(chain, pos, m)[idx]))
        department = problem.departments.get(seeker.person_id, "").strip().casefold()
        if rules.different_department and department:
            steps.append((ONLY_DEPARTMENT, np.array([departments[j] != department for j in idx], dtype=bool)))
        reason = NO_TOPIC_MENTOR if not len(idx) else ""
        keep = np.ones(len(idx), dtype=bool)
        for why, allowed in steps:
            if not reason and keep.any() and not (keep & allowed).any():
                reason = why
            keep &= allowed
        if reason or not keep.any():
            no_candidate[seeker.person_id] = reason or NO_TOPIC_MENTOR
            continue
        edges_i.append(np.full(int(keep.sum()), number, dtype=np.int64))
        edges_j.append(idx[keep].astype(np.int64))
        edges_fit.append(fit[keep])

    def cat(parts: list[np.ndarray], dtype) -> np.ndarray:
        return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

    return Candidates(index=index, slots=slots, mentee_ids=mentee_ids, edge_mentee=cat(edges_i, np.int64),
                      edge_mentor=cat(edges_j, np.int64), edge_fit=cat(edges_fit, np.float64),
                      no_candidate=no_candidate)


def flow_graph(cand: Candidates) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int, int, int]:
    """(tails, heads, capacities, unit costs, source, sink, mentee count) of the round's flow network. Arcs
    n .. n+E-1 are the candidate pairs, in edge order. Costs are negative fit: minimum cost = maximum fit."""
    n, m, e = len(cand.mentee_ids), len(cand.index), len(cand.edge_fit)
    source, sink = n + m, n + m + 1
    tails = np.concatenate([np.full(n, source), cand.edge_mentee, n + np.arange(m)]).astype(np.int64)
    heads = np.concatenate([np.arange(n), n + cand.edge_mentor, np.full(m, sink)]).astype(np.int64)
    capacities = np.concatenate([np.ones(n + e), cand.slots.clip(min=0)]).astype(np.int64)
    costs = np.concatenate([np.zeros(n), -np.rint(cand.edge_fit * FIT_SCALE), np.zeros(m)]).astype(np.int64)
    return tails, heads, capacities, costs, source, sink, n


def solve_flow(tails, heads, capacities, costs, source, sink, n) -> np.ndarray:
    """Maximum flow at minimum cost; the flow on every arc."""
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
    flow.set_nodes_supplies(np.array([source, sink]), np.array([n, -n]))
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    return flow.flows(arcs)


def solve(cand: Candidates) -> np.ndarray:
    """Which candidate pairs are chosen (a boolean per edge)."""
    if not len(cand.edge_fit):
        return np.zeros(0, dtype=bool)
    graph = flow_graph(cand)
    n = len(cand.mentee_ids)
    return solve_flow(*graph)[n:n + len(cand.edge_fit)] > 0


def report(cand: Candidates, chosen: np.ndarray) -> Report:
    """The round's quality figures for any assignment (ours, or a baseline's)."""
    n, m = len(cand.mentee_ids), len(cand.index)
    mentee, mentor, fit = cand.edge_mentee, cand.edge_mentor, cand.edge_fit
    assigned = np.full(n, -np.inf)
    assigned[mentee[chosen]] = fit[chosen]
    matched = int(chosen.sum())
    # Each mentee's third-best candidate fit (ties count as top 3).
    third = np.full(n, -np.inf)
    if len(fit):
        order = np.lexsort((-fit, mentee))
        sorted_mentee = mentee[order]
        starts = np.searchsorted(sorted_mentee, np.arange(n))
        counts = np.bincount(mentee, minlength=n)
        has3 = counts >= 3
        third[has3] = fit[order][starts[has3] + 2]
    top3 = int((fit[chosen] >= third[mentee[chosen]]).sum())
    load = np.bincount(mentor[chosen], minlength=m) if m else np.zeros(0, dtype=np.int64)
    worst = np.full(m, np.inf)
    np.minimum.at(worst, mentor[chosen], fit[chosen])
    willing = np.where(load < cand.slots, -np.inf, worst)  # a mentor with a free slot takes anyone who fits
    blocking = int(((fit > assigned[mentee]) & (fit > willing[mentor]) & ~chosen).sum())

    def spread(values: np.ndarray) -> tuple[int, float, int]:
        return (int(values.min()), float(np.median(values)), int(values.max())) if len(values) else (0, 0.0, 0)

    return Report(eligible=n, matched=matched, average_fit=float(fit[chosen].mean()) if matched else 0.0,
                  top3_share=top3 / matched if matched else 0.0, load=spread(load), capacity=spread(cand.slots),
                  blocking_pairs=blocking)


def plan_from(cand: Candidates, chosen: np.ndarray) -> Plan:
    pairs = [Pair(cand.mentee_ids[i], cand.index.mentors[j].person_id, float(f))
             for i, j, f in zip(cand.edge_mentee[chosen], cand.edge_mentor[chosen], cand.edge_fit[chosen],
                                strict=True)]
    paired = {p.mentee_id for p in pairs}
    options = np.bincount(cand.edge_mentee, minlength=len(cand.mentee_ids))
    unmatched = [Unmatched(mentee_id, reason) for mentee_id, reason in cand.no_candidate.items()]
    for i, mentee_id in enumerate(cand.mentee_ids):
        if mentee_id not in paired and mentee_id not in cand.no_candidate:
            k = int(options[i])
            unmatched.append(Unmatched(mentee_id, ALL_TAKEN.format(
                k=k, s="" if k == 1 else "s", fit="fits" if k == 1 else "fit", are="is" if k == 1 else "are")))
    return Plan(pairs=sorted(pairs, key=lambda p: (-p.fit, p.mentee_id)), unmatched=unmatched,
                report=report(cand, chosen))


def plan_round(problem: Problem, explain: bool = True) -> Plan:
    cand = candidates(problem)
    plan = plan_from(cand, solve(cand))
    if explain:
        plan = replace(plan, why=explanations(problem, cand, plan.pairs))
    return plan


def greedy(cand: Candidates) -> np.ndarray:
    """The baseline: best-first (highest fit pair first, as slack-meetups does), no look-ahead."""
    chosen = np.zeros(len(cand.edge_fit), dtype=bool)
    left = cand.slots.clip(min=0).copy()
    taken = np.zeros(len(cand.mentee_ids), dtype=bool)
    for e in np.lexsort((cand.edge_mentee, -cand.edge_fit)):
        i, j = cand.edge_mentee[e], cand.edge_mentor[e]
        if not taken[i] and left[j] > 0:
            chosen[e], taken[i] = True, True
            left[j] -= 1
    return chosen


def edge_fit(cand: Candidates, mentee_id: str, mentor_id: str) -> float | None:
    """The fit of one pair if the round's rules allow it (an edge of the round's graph), else None: how an admin's
    swap of two proposed pairs is checked against the same rules the solver obeyed."""
    if mentee_id not in cand.mentee_ids:
        return None
    i = cand.mentee_ids.index(mentee_id)
    j = next((k for k, card in enumerate(cand.index.mentors) if card.person_id == mentor_id), None)
    if j is None:
        return None
    hits = np.flatnonzero((cand.edge_mentee == i) & (cand.edge_mentor == j))
    return float(cand.edge_fit[hits[0]]) if len(hits) else None


def explanations(problem: Problem, cand: Candidates, pairs: list[Pair]) -> dict[str, Match]:
    """mentee id -> the /findmentor explanation of their proposed mentor (scored against the round's slots)."""
    seekers = {s.person_id: s for s in problem.mentees}
    out = {}
    for pair in pairs:
        match = cand.index.explain(seekers[pair.mentee_id], pair.mentor_id, problem.now, cand.slots)
        if match is not None:
            out[pair.mentee_id] = match
    return out
