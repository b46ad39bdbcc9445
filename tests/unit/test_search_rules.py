"""The pure rules behind /findmentor's answers: career moves, typo repair, filters, evidence, and the semantic
model loading with no network."""

import subprocess
import sys
from datetime import UTC, datetime

from bot.domain.ranking import MentorCard, MentorIndex, Seeker
from bot.domain.search_filters import from_value, read, to_value
from bot.domain.search_text import (
    content,
    expand,
    fix_typos,
    in_order,
    segments,
    topic_move_fit,
    transition,
    transition_fit,
    whole,
)
from bot.domain.semantic import default_embedder, for_model, model_words, thin

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)


def test_asking_words_are_not_topics():
    assert content("I want to learn how to get better at python") == ["python"]
    assert content("Go") == ["go"]  # a text made only of stop words keeps them: Go is a language


def test_career_moves_count_only_in_the_direction_asked():
    qa_to_dev = transition("switch from QA to dev")
    assert transition_fit(qa_to_dev, "QA engineer to software developer") == 1.0
    assert transition_fit(qa_to_dev, "Developer to QA engineer") == 0.0
    become = transition("become a developer")
    assert transition_fit(become, "Teacher to software developer") > 0
    assert transition_fit(become, "Backend engineer to developer advocate") == 0.0  # a role is a step's head
    assert transition_fit(transition("go from support to engineering"), "Support agent to engineering manager") == 1.0
    assert transition("how to give a conference talk") is None


def test_a_qualified_role_is_a_job_of_its_own():
    # A product or program manager manages no people: not where "from engineer to manager" leads.
    to_manager = transition("from engineer to manager")
    assert transition_fit(to_manager, "Engineer to engineering manager") == 1.0
    assert transition_fit(to_manager, "Support engineer to software engineer to manager") == 1.0
    assert transition_fit(to_manager, "Backend engineer to product manager") == 0.0
    assert transition_fit(to_manager, "Engineer to technical program manager") == 0.0
    # Asked for by name (or as PM), the qualified role is the destination; the field still reads as words.
    assert transition_fit(transition("from engineer to PM"), "Backend engineer to product manager") == 1.0
    assert transition_fit(transition("from engineer to PM"), "Engineer to engineering manager") == 0.0
    into_product = transition("move into product management from engineering")
    assert transition_fit(into_product, "Engineer to product manager") == 1.0


def test_a_topic_written_as_a_move_counts_only_for_that_move():
    assert topic_move_fit(transition("switch from QA to dev"), "Bootcamp to developer") is False
    assert topic_move_fit(transition("become a developer"), "Bootcamp to developer") is True
    assert topic_move_fit(transition("go from support to engineering"), "Support to engineering") is True
    assert topic_move_fit(transition("switch from QA to dev"), "Promotion to senior") is None  # no move: words
    # The QA engineer who moved is full: the teacher's "Bootcamp to developer" is still no answer to QA -> dev.
    mentors = [card("U1", "Diego", "Java", career_path="QA engineer to software developer", capacity_left=0),
               card("U2", "Rahul", "Bootcamp to developer", career_path="Teacher to software developer")]
    index = MentorIndex(mentors, embedder=None)
    assert index.search(Seeker("U9", words="switch from QA to dev"), NOW).total == 0
    assert [m.mentor.name for m in index.rank(Seeker("U9", words="become a developer"), NOW)] == ["Rahul"]


def test_those_who_made_the_move_asked_come_before_those_who_only_reached_it():
    mentors = [card("U1", "Ana", "Product analytics", career_path="Analyst to product manager"),
               card("U2", "Isa", "Product management", career_path="Consultant to group product manager"),
               card("U3", "Noa", "Product management", career_path="Engineer to product manager")]
    index = MentorIndex(mentors, embedder=None)
    asked = Seeker("U9", words="analyst to product manager")
    assert [m.mentor.name for m in index.rank(asked, NOW)] == ["Ana"]
    # Nobody who made that move may be shown: those who know the destination are the fallback.
    assert {m.mentor.name for m in index.rank(asked, NOW, exclude={"U1"})} == {"Isa", "Noa"}
    # No origin named: no one is preferred for where they came from.
    assert {m.mentor.name for m in index.rank(Seeker("U9", words="become a product manager"), NOW)} >= {"Isa", "Noa"}


def test_a_topic_that_is_an_alias_is_a_phrase_through_it():
    assert in_order("DB performance") == (("db", "perform"), ("databas", "perform"))
    assert in_order("Query tuning") == (("queri", "tune"), ("databas", "perform"))
    assert in_order("python") == (("python",),)
    # "Performance" is half of "DB performance"; "Query tuning" is all of it.
    mentors = [card("U1", "Olivia", "Python", "Performance"), card("U2", "Peter", "PostgreSQL", "Query tuning")]
    index = MentorIndex(mentors, embedder=None)
    assert [m.mentor.name for m in index.rank(Seeker("U9", words="DB performance"), NOW)][0] == "Peter"


def test_typos_are_repaired_against_the_directorys_own_words():
    vocab, words = frozenset({"python", "kubernet"}), ("python", "kubernetes")
    assert fix_typos("pyhton", vocab, words) == "python"
    assert fix_typos("kubrenetes on aws", vocab, words) == "kubernetes on aws"
    assert fix_typos("marathon", vocab, words) is None


def test_filters_are_read_inline_and_validated_from_button_values():
    parsed = read("python lang:German tz:3 format:video")
    assert parsed.words == "python" and parsed.problems == ()
    assert parsed.filters.languages == ("German",) and parsed.filters.max_hours_apart == 3
    assert from_value(to_value(parsed.filters)) == parsed.filters
    assert read("ci:cd pipelines").words == "ci:cd pipelines"  # not a filter key: the words stay
    assert len(read("python tz:99 format:fax").problems) == 2
    forged = from_value({"l": ["x" * 500, 7], "z": True, "f": "fax", "p": ["no"]})
    assert forged.languages == ("x" * 64,) and forged.max_hours_apart is None and not forged.offer_format
    assert not forged.program


def test_department_and_level_filters_round_trip_and_are_bounded():
    parsed = read('python dept:"Data Platform" level:Senior')
    assert parsed.words == "python" and parsed.problems == ()
    assert (parsed.filters.department, parsed.filters.level) == ("Data Platform", "Senior")
    assert from_value(to_value(parsed.filters)) == parsed.filters
    assert read("python department:Games").filters.department == "Games"
    assert read("python level:").problems == ("level: needs a value",)
    forged = from_value({"d": "x" * 500, "v": 5})
    assert forged.department == "x" * 64 and forged.level == ""


def card(pid, name, *topics, **kw):
    return MentorCard(person_id=pid, name=name, expertise=topics, **kw)


def test_a_bio_word_alone_is_no_evidence_and_no_match_names_the_closest_topics():
    mentors = [card("U1", "Henrik", "NLP", bio="Works on language models for a better life balance"),
               card("U2", "Nadia", "Work-life balance")]
    index = MentorIndex(mentors, embedder=None)
    found = index.search(Seeker("U9", words="work life balance"), NOW)
    assert [m.mentor.name for m in found.matches] == ["Nadia"]  # her topic, not his bio
    none = index.search(Seeker("U9", words="language models"), NOW)
    assert none.total == 0 and none.closest_topics


def test_in_order_phrases_rank_first():
    mentors = [card("U1", "Sys", "System design"), card("U2", "Des", "Design systems")]
    index = MentorIndex(mentors, embedder=None)
    assert index.rank(Seeker("U9", words="design systems"), NOW)[0].mentor.name == "Des"
    assert index.rank(Seeker("U9", words="system design"), NOW)[0].mentor.name == "Sys"


def test_semantic_model_loads_with_the_network_unreachable():
    """In a fresh process whose every socket connection fails: the model ships inside the wheel."""
    code = """
import socket
def refuse(*a, **k):
    raise OSError("network unreachable (test)")
socket.socket.connect = refuse
socket.create_connection = refuse
from bot.domain.semantic import load_wordllama
model = load_wordllama()
v = model.embed(["public speaking", "how to give a conference talk", "kubernetes"])
assert v.shape == (3, 256)
assert float(v[0] @ v[1]) > float(v[0] @ v[2])
print("ok")
"""
    env = {"HF_HUB_OFFLINE": "1", "PATH": "", "HOME": "/nonexistent"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr[-2000:]


def test_a_real_word_is_no_typo():
    # "raise" is a word the model's tokenizer holds whole: not a typo of the directory's "rails".
    real = model_words()
    assert "raise" in real and "pyhton" not in real and "kubrenetes" not in real
    vocab, choices = frozenset({"rail", "python"}), ("rails", "python")
    assert fix_typos("pay raise", vocab, choices) == "pay rails"  # what happened without the list
    assert fix_typos("pay raise", vocab, choices, real=real) is None
    assert fix_typos("pyhton", vocab, choices, real=real) == "python"
    index = MentorIndex([card("U1", "Ruby", "Ruby on Rails")], embedder=None)
    found = index.search(Seeker("U9", words="pay raise"), NOW)
    assert found.total == 0 and not found.did_you_mean


def test_a_short_word_the_model_cannot_read_needs_a_near_identical_meaning():
    assert thin("gcp") and thin("a11y") and not thin("rust") and not thin("kubernetes")
    assert for_model("self-doubt, CI/CD") == "self doubt, CI CD"  # words the tokenizer knows, not d-ou-bt
    mentors = [card("U1", "Grace", "gRPC"), card("U2", "Gus", "Google Cloud"), card("U3", "Dan", "dbt")]
    index = MentorIndex(mentors, embedder=default_embedder())
    assert [m.mentor.name for m in index.rank(Seeker("U9", words="gcp"), NOW)] == ["Gus"]  # the alias, not g+cp
    assert index.search(Seeker("U9", words="self-doubt"), NOW).total == 0  # not dbt


def test_a_topic_counts_through_an_abbreviation_only_when_it_is_what_it_means():
    mentors = [card("U1", "Ines", "Infrastructure as code"), card("U2", "Cody", "Code review"),
               card("U3", "Lea", "Learning to code"), card("U4", "Ada", "Accessibility"),
               card("U5", "Ian", "Identity and access management"), card("U6", "Uma", "User research"),
               card("U7", "Eve", "Experiment design")]
    index = MentorIndex(mentors, embedder=None)
    assert [m.mentor.name for m in index.rank(Seeker("U9", words="IaC"), NOW)] == ["Ines"]
    assert [m.mentor.name for m in index.rank(Seeker("U9", words="a11y"), NOW)] == ["Ada"]
    assert [m.mentor.name for m in index.rank(Seeker("U9", words="UX"), NOW)] == ["Uma"]  # not "experi"ment
    # A plural reads as the entry; alternatives are separated by commas.
    assert "large language models, nlp" in expand("LLMs")
    assert in_order("a11y")[1] == tuple(content("accessibility"))
    sso = segments("SSO")[0]
    assert sso.covered_by(whole("Identity and access management"), frozenset({"ident", "access", "manag"}))
    assert not segments("IaC")[0].covered_by(whole("Code review"), frozenset({"code"}))


def test_becoming_a_specific_role_answers_become_a():
    designer = transition("become a product designer")
    assert transition_fit(designer, "Graphic designer to product designer") == 1.0
    assert transition_fit(designer, "Architect to product designer") == 1.0
    assert transition_fit(designer, "Front-end developer to designer") == 0.0  # a designer, not a product one
    # A bare role is too broad, and a path that started there never became it.
    assert transition_fit(transition("become a developer"), "Teacher to software developer") == 0.6
    assert transition_fit(transition("become an engineer"), "Backend engineer to staff engineer") == 0.6
    assert transition_fit(transition("become a staff engineer"), "Staff engineer to principal engineer") == 0.0
    mentors = [card("U1", "Gia", "Figma", career_path="Graphic designer to product designer"),
               card("U2", "Pat", "Figma", career_path="Product designer")]
    index = MentorIndex(mentors, embedder=None)
    assert [m.mentor.name for m in index.rank(Seeker("U9", words="become a product designer"), NOW)] == ["Gia"]
