"""The ranking rules, without Slack or a database."""

from datetime import UTC, datetime

from bot.domain.ranking import MentorCard, MentorIndex, Seeker, hours_apart, rank
from bot.domain.search_text import content as tokens
from bot.slack.blocks.findmentor import why_line

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def card(pid, name, *topics, **kw):
    return MentorCard(person_id=pid, name=name, expertise=topics, **kw)


def test_text_match_is_required_when_words_given():
    mentors = [card("U1", "Ana", "Python"), card("U2", "Bo", "Leadership")]
    assert [m.mentor.name for m in rank(Seeker("U9", words="python"), mentors, NOW)] == ["Ana"]


def test_aliases_find_synonyms():
    mentors = [card("U1", "Ana", "Machine learning"), card("U2", "Bo", "Leadership")]
    assert [m.mentor.name for m in rank(Seeker("U9", words="ML"), mentors, NOW)] == ["Ana"]
    assert [m.mentor.name for m in rank(Seeker("U9", words="people management"), mentors, NOW)] == ["Bo"]


def test_caller_and_full_mentors_are_left_out():
    mentors = [card("U9", "Me", "Python"), card("U1", "Full", "Python", capacity_left=0), card("U2", "Ok", "Python")]
    assert [m.mentor.name for m in rank(Seeker("U9", words="python"), mentors, NOW)] == ["Ok"]


def test_experience_and_values_break_text_ties():
    junior = card("U1", "Junior", "Python", years=1)
    senior = card("U2", "Senior", "Python", years=12, values=("craft",))
    ranked = rank(Seeker("U9", words="python", values=("craft",)), [junior, senior], NOW)
    assert [m.mentor.name for m in ranked] == ["Senior", "Junior"]
    assert ranked[0].shared_values == ("craft",)


def test_ties_are_deterministic_by_capacity_then_name():
    a = card("U2", "Zed", "Python", capacity_left=1)
    b = card("U1", "Amy", "Python", capacity_left=1)
    c = card("U3", "Max", "Python", capacity_left=1)
    assert [m.mentor.name for m in rank(Seeker("U9", words="python"), [a, b, c], NOW)] == ["Amy", "Max", "Zed"]


def test_hours_apart_follows_daylight_saving():
    summer = datetime(2026, 7, 1, 12, tzinfo=UTC)
    winter = datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert hours_apart("Europe/Berlin", "America/New_York", summer) == 6
    assert hours_apart("Europe/Berlin", "Asia/Kolkata", winter) == 4.5
    assert hours_apart("Pacific/Auckland", "America/Los_Angeles", winter) == 3  # across the date line


def test_tokens_stem_and_drop_asking_words():
    assert tokens("I want to learn Databases") == ["databas"]
    assert tokens("promoted") == tokens("Promotion")


def test_exclusions_and_slots_taken_since_the_index_was_built():
    mentors = [card("U1", "Ana", "Python", capacity_left=1), card("U2", "Bo", "Python", capacity_left=2),
               card("U3", "Cy", "Python")]
    seeker = Seeker("U9", words="python")
    names = [m.mentor.name for m in rank(seeker, mentors, NOW, exclude={"U3"}, taken={"U1": 1, "U2": 1})]
    assert names == ["Bo"]


def test_why_line_explains_the_order():
    mentors = [card("U1", "Ana", "Python", "Leadership", years=12, values=("craft",), languages=("German",),
                    tz="Europe/Berlin", capacity_left=2),
               card("U2", "Bo", "Python", years=2, tz="America/New_York")]
    seeker = Seeker("U9", words="python", values=("craft", "balance"), languages=("German",), tz="Europe/Paris")
    first, second = rank(seeker, mentors, NOW)
    assert first.mentor.name == "Ana"
    assert why_line(first) == ("knows *Python* · 12 yrs experience · shares craft · speaks German · 2 slots left · "
                               "same working hours")
    assert why_line(second) == "knows *Python* · 2 yrs experience · 1 slot left · 6 h apart"


def test_words_lead_and_goals_break_ties():
    mentors = [card("U1", "Ana", "Python", "Leadership"), card("U2", "Bo", "Python", "Testing"),
               card("U3", "Cy", "Leadership")]
    ranked = rank(Seeker("U9", words="python", goals="leadership"), mentors, NOW)
    assert [m.mentor.name for m in ranked] == ["Ana", "Bo"]  # Cy knows nothing of the words
    assert ranked[0].matched_topics == ("Python", "Leadership")
    # No words: the goals are the whole query.
    assert {m.mentor.name for m in rank(Seeker("U9", goals="leadership"), mentors, NOW)} == {"Ana", "Cy"}


def test_pages_are_stable_and_complete():
    mentors = [card(f"U{i:02}", f"Mentor {i:02}", "Python", years=i % 4) for i in range(12)]
    index = MentorIndex(mentors)
    seeker = Seeker("U99", words="python")
    pages = [index.search(seeker, NOW, offset=o, limit=5) for o in (0, 5, 10)]
    assert [p.total for p in pages] == [12, 12, 12]
    ids = [m.mentor.person_id for p in pages for m in p.matches]
    assert len(ids) == 12 == len(set(ids))
    assert ids == [m.mentor.person_id for m in index.rank(seeker, NOW)]
