"""Library suggestions by topic, and which links may be shown as links. Pure."""

from bot.domain.resources import Item, parse_new, safe_link, suggest

BOOK = Item(1, "The Mentor's Guide", "book", "https://example.org/guide", ("mentoring", "feedback"))
CLUB = Item(2, "Toastmasters", "club", "https://example.org/tm", ("public speaking", "presenting"))
LEAN = Item(3, "Lean In", "book", "https://example.org/lean", ("career growth", "leadership"))


def test_suggestions_match_whole_topic_phrases_best_first():
    assert suggest([BOOK, CLUB, LEAN], "Get better at public speaking and presenting; ask for feedback") == [CLUB, BOOK]
    assert suggest([BOOK, CLUB, LEAN], "Speaking Spanish") == []  # 'public speaking' needs both words
    assert suggest([BOOK, CLUB, LEAN], "LEADERSHIP!") == [LEAN]
    assert suggest([BOOK, CLUB, LEAN], "") == []


def test_only_plain_https_links_are_links():
    assert safe_link("https://www.toastmasters.org/find-a-club")
    for bad in ("http://example.org", "javascript:alert(1)", "https://x.org/a|<!channel>", "https://a b", ""):
        assert not safe_link(bad)


def test_a_new_resource_is_read_from_one_line():
    assert parse_new("Staff Engineer | Book | https://staffeng.com/book | staff engineer, career growth") == (
        ("Staff Engineer", "book", "https://staffeng.com/book", ("staff engineer", "career growth")), "")
    for bad in ("", "a | book | https://x.org | t", "Title | book | https://x.org |", "Title | book | x.org | t"):
        assert parse_new(bad)[0] is None and parse_new(bad)[1]
