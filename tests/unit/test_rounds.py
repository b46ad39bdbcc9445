"""The round solver's rules, each shown biting on a tiny instance (bot/domain/rounds.py is pure: no Slack, no DB)."""

from datetime import UTC, datetime

import numpy as np

from bot.domain import rounds
from bot.domain.ranking import MentorCard, MentorIndex, Seeker
from bot.domain.rounds import Problem, Rules, candidates, greedy, plan_round, report

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def mentor(pid, topics=("Python",), capacity=1, tz="Europe/Berlin", languages=("English",), years=5):
    return MentorCard(person_id=pid, name=pid, expertise=tuple(topics), capacity_left=capacity, tz=tz,
                      languages=tuple(languages), years=years)


def mentee(pid, goals="Python", tz="Europe/Berlin", languages=("English",)):
    return Seeker(person_id=pid, goals=goals, tz=tz, languages=tuple(languages))


def pairs_of(plan):
    return {(p.mentee_id, p.mentor_id) for p in plan.pairs}


def reasons(plan):
    return {u.mentee_id: u.reason for u in plan.unmatched}


def test_capacity_bites_and_the_one_left_out_is_told_why():
    plan = plan_round(Problem([mentee("A"), mentee("B"), mentee("C")], [mentor("M", capacity=2)], NOW))
    assert len(plan.pairs) == 2 and {p.mentor_id for p in plan.pairs} == {"M"}
    (left,) = plan.unmatched
    assert left.reason == "the 1 mentor who fits is full this round"
    assert plan.report.load == (2, 2.0, 2) and plan.report.capacity == (2, 2.0, 2)


def test_more_mentees_matched_beats_a_higher_total_fit():
    # A fits M1 best, but B can only take M1: the solver gives M1 to B and M2 to A; greedy (best first) matches one.
    a = mentee("A", goals="Python Kubernetes")
    b = mentee("B", goals="Python")
    m1 = mentor("M1", topics=("Python", "Kubernetes"), years=20)
    m2 = mentor("M2", topics=("Kubernetes",), years=1)
    problem = Problem([a, b], [m1, m2], NOW)
    plan = plan_round(problem)
    assert pairs_of(plan) == {("A", "M2"), ("B", "M1")}
    cand = candidates(problem)
    assert report(cand, greedy(cand)).matched == 1
    assert plan.report.matched == 2 and plan.report.eligible == 2


def test_among_full_matchings_the_total_fit_is_highest():
    # Two mentors each take one: the assignment with the larger total fit wins.
    a, b = mentee("A", goals="Python"), mentee("B", goals="Kubernetes")
    mp, mk = mentor("MP", topics=("Python", "Kubernetes")), mentor("MK", topics=("Kubernetes", "Python"))
    plan = plan_round(Problem([a, b], [mp, mk], NOW))
    cand = candidates(Problem([a, b], [mp, mk], NOW))
    best = max(
        sum(cand.edge_fit[(cand.edge_mentee == i) & (cand.edge_mentor == j)].sum() for i, j in enumerate(perm))
        for perm in ((0, 1), (1, 0)))
    assert abs(sum(p.fit for p in plan.pairs) - best) < 1e-6


def test_no_repeat_pair_from_any_program():
    problem = Problem([mentee("A")], [mentor("M")], NOW, past_pairs=frozenset({("A", "M")}))
    plan = plan_round(problem)
    assert not plan.pairs and reasons(plan) == {"A": rounds.ONLY_PAST}


def test_never_the_manager_nor_the_managers_manager():
    mentors = [mentor("BOSS"), mentor("BIGBOSS"), mentor("OTHER", capacity=1)]
    problem = Problem([mentee("A"), mentee("B")], mentors, NOW, managers={"A": "BOSS", "BOSS": "BIGBOSS"})
    plan = plan_round(problem)
    assert ("A", "BOSS") not in pairs_of(plan) and ("A", "BIGBOSS") not in pairs_of(plan)
    assert ("A", "OTHER") in pairs_of(plan)
    only_chain = Problem([mentee("A")], mentors[:2], NOW, managers={"A": "BOSS", "BOSS": "BIGBOSS"})
    assert reasons(plan_round(only_chain)) == {"A": rounds.ONLY_MANAGERS}


def test_time_zone_window_is_the_programs_setting():
    far = mentor("TOKYO", tz="Asia/Tokyo")  # 8 h from Berlin in December
    assert reasons(plan_round(Problem([mentee("A")], [far], NOW))) == {"A": rounds.TOO_FAR.format(h=6)}
    wide = plan_round(Problem([mentee("A")], [far], NOW, rules=Rules(max_hours_apart=9)))
    assert pairs_of(wide) == {("A", "TOKYO")}


def test_at_least_one_shared_language():
    german = mentor("M", languages=("German",))
    plan = plan_round(Problem([mentee("A", languages=("English", "French"))], [german], NOW))
    assert reasons(plan) == {"A": rounds.NO_LANGUAGE}
    # Someone who lists no language is not excluded on it.
    assert pairs_of(plan_round(Problem([mentee("A", languages=())], [german], NOW))) == {("A", "M")}


def test_different_department_only_when_the_program_asks():
    problem = Problem([mentee("A")], [mentor("M")], NOW, departments={"A": "Data", "M": "data "})
    assert pairs_of(plan_round(problem)) == {("A", "M")}
    strict = Problem(problem.mentees, problem.mentors, NOW, rules=Rules(different_department=True),
                     departments=problem.departments)
    assert reasons(plan_round(strict)) == {"A": rounds.ONLY_DEPARTMENT}


def test_no_topics_and_no_knowing_mentor_are_reasons_too():
    plan = plan_round(Problem([mentee("A", goals=""), mentee("B", goals="Pottery")], [mentor("M")], NOW))
    assert reasons(plan) == {"A": rounds.NO_TOPICS, "B": rounds.NO_TOPIC_MENTOR}
    assert plan.report.eligible == 1 and plan.report.matched == 0


def test_fit_and_why_are_the_findmentor_score():
    a = mentee("A", goals="Python Kubernetes")
    mentors = [mentor("M1", topics=("Python", "Kubernetes")), mentor("M2", topics=("Python",), capacity=2)]
    plan = plan_round(Problem([a], mentors, NOW))
    index = MentorIndex(mentors)
    best = index.search(a, NOW, limit=1).matches[0]
    (pair,) = plan.pairs
    assert (pair.mentor_id, pair.fit) == (best.mentor.person_id, best.score)
    assert plan.why["A"].matched_topics == best.matched_topics == ("Python", "Kubernetes")


def test_report_counts_blocking_pairs_and_top3():
    # Greedy-free hand assignment: A gets the worse mentor while a better one has a free slot -> blocking.
    problem = Problem([mentee("A", goals="Python Kubernetes")],
                      [mentor("GOOD", topics=("Python", "Kubernetes")), mentor("WEAK", topics=("Kubernetes",))],
                      NOW)
    cand = candidates(problem)
    weak = np.array([cand.index.mentors[j].person_id == "WEAK" for j in cand.edge_mentor])
    bad = report(cand, weak)
    assert bad.blocking_pairs == 1 and bad.top3_share == 1.0  # only 2 candidates: both are "top 3"
    good = report(cand, ~weak)
    assert good.blocking_pairs == 0 and good.matched == 1 and good.average_fit == max(cand.edge_fit)


def test_empty_round_is_a_plan_not_an_error():
    plan = plan_round(Problem([mentee("A")], [], NOW))
    assert not plan.pairs and reasons(plan) == {"A": rounds.NO_TOPIC_MENTOR}
    assert plan.report.load == (0, 0.0, 0)
