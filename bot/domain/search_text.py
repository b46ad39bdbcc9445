"""How /findmentor reads words: stems, stop words (including the words people use to ask), common abbreviations,
typo repair against the directory's own vocabulary, and career transitions ("from QA to dev"). Pure.

Stemming is Snowball English (PyStemmer, the stemmer bm25s supports), so "promoted" meets "Promotion" and
"negotiating" meets "Negotiation". The same steps run on mentors' texts and on queries, so both sides agree.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from rapidfuzz import fuzz, process

from bot.domain.aliases import ALIASES

_STEMMER = Stemmer.Stemmer("english")

# Words that carry no topic: grammar, and the words people use to ask for a mentor ("I want to get better at...").
STOPWORDS = frozenset("""
a an and the of to in into for with on at by from or as is are be been being was were it its this that these those
i i'd i'm me my mine we our you your he she they them their who whom what which how why when where do does did doing
can could would should will shall may might must want wants wanted wanting need needs needed like love
learn learning learned get getting got better best good great improve improving understand understanding
help helping helps mentor mentors mentoring mentorship someone somebody anyone person teach me
find finding looking look advice tips tip some more about around become becoming grow growing go going make
making start starting first really also just very much many lot lots new way ways please need thing things
work working job career change switch move moving transition next step steps role stop avoid out talking
dealing
""".split())
# Grammar only: a topic named whole must have all its other words in the question ("Career conversations" is not
# "hard feedback conversations", though "career" is an asking word).
GRAMMAR = frozenset("a an and the of to in into for with on at by from or as is are be my me i our your".split())
# Where Snowball folds words of different meaning together.
STEM_EXCEPTIONS = {"productivity": "productiv", "productive": "productiv", "production": "production",
                   "accessibility": "accessibl", "accessible": "accessibl",  # not "access" (management)
                   "experiment": "experiment", "experiments": "experiment"}  # not "experi" (experience)
# Topics are filtered the same way ("Work-life balance" reads life, balance), and a text made only of stop words
# keeps them (see content()), so "Go" is still a language.

# Abbreviations and synonyms (bot/domain/aliases.py): a phrase on the left also means the words on the right, on both
# sides; a plural of an entry reads as the entry ("LLMs", "ADRs"). Matched as whole words, case folded.
_ALIAS_RE = re.compile(r"(?<![\w+#/-])(" + "|".join(re.escape(a) for a in sorted(ALIASES, key=len, reverse=True))
                       + r")s?(?![\w+#/-])")
_TOKEN_RE = re.compile(r"[\w+#]+", re.UNICODE)
# Nouns that name a role: in a career move a role matches only as the head of a step, so "become a developer" meets
# "Teacher to software developer" and not "Backend engineer to developer advocate". A field word ("engineering",
# "security") matches anywhere in the step.
ROLE_WORDS = frozenset(
    "engineer engineers developer developers programmer manager lead designer scientist analyst tester architect writer "
    "coach director advocate researcher marketer recruiter administrator sysadmin agent consultant accountant "
    "teacher".split())
# Roles that mean the same in a career move (developer = software engineer), and shorthand for the move's words.
ROLE_SAME = {"develop": "engin", "programm": "engin", "coder": "engin"}
# Fields of work: with ROLE_WORDS, what makes "X to Y" a career move ("backend to data engineering"), not a phrase
# such as "deploying models to production".
CAREER_FIELDS = frozenset(
    "backend frontend qa support sales marketing data design product engineering security ops devops sre research "
    "teaching management ic it hr finance operations".split())
# A role that is its own job, not a kind of the bare role: a product or program manager does not manage people, so
# "from engineer to manager" does not reach "Backend engineer to product manager". In a step or a side of a move, the
# qualifier and the role read as one head ("product manag"); asked for by name ("to product manager"), they match it.
ROLE_QUALIFIERS = {"manager": frozenset("product program project account success community marketing".split())}
MOVE_WORDS = {"dev": "developer", "devs": "developer", "swe": "engineer", "eng": "engineer", "ic": "engineer",
              "pm": "product manager", "tech": "engineer", "teaching": "teacher", "coding": "developer",
              "code": "developer", "programming": "developer"}

@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return STEM_EXCEPTIONS.get(word) or _STEMMER.stemWord(word)


def whole(text: str) -> frozenset[str]:
    """Every word's stem but grammar: what naming a topic whole takes."""
    return frozenset(stem(w) for w in words(text) if w not in GRAMMAR)


def words(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.casefold())


def expand(text: str) -> str:
    extra = dict.fromkeys(ALIASES[m] for m in _ALIAS_RE.findall(text.casefold()))
    return " ".join([text, *extra])


@lru_cache(maxsize=65536)
def in_order(text: str) -> tuple[tuple[str, ...], ...]:
    """The content words in order as written, and again with each alias spelled out in place ("DB performance" ->
    database performance): what a phrase is matched against, on both sides, as words are."""
    spelled = _ALIAS_RE.sub(lambda m: ALIASES[m.group(1)], text.casefold())
    as_written = tuple(content(text))
    return (as_written, tuple(content(spelled))) if spelled != text.casefold() else (as_written,)


def content(text: str) -> list[str]:
    """Stemmed content words in order. A text made only of stop words keeps them ("Go" is a language)."""
    ws = words(text)
    kept = [w for w in ws if w not in STOPWORDS]
    return [stem(w) for w in (kept or ws)]


_SEGMENT_RE = re.compile(r"[,;:.!?/()]|\band\b|&|\bor\b")


@dataclass(frozen=True)
class Part:
    """One part of a question: its content words, and each abbreviation or synonym in it as (the words typed, the
    words meant): "SSO" is typed {sso} and means {singl, sign, ident, access, manag}."""
    core: frozenset[str]
    aliases: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()

    def without(self, words_: set[str]) -> "Part":
        return Part(self.core - words_, self.aliases)

    def covered_by(self, named: frozenset[str], hit: frozenset[str]) -> bool:
        """Whether a topic (`named`: all its words but grammar; `hit`: its words and aliases met in the question)
        covers most of this part. A typed word counts when the topic has it. An abbreviation or synonym counts when
        the topic is one of the things it means ("User research" for UX) or has most of its meaning, as all its typed
        words ("self-doubt": Confidence) and at least as one more word ("give a conference talk": Public speaking,
        through talk -> speaking); a topic that shares one word of a long expansion ("Code review", "Learning to
        code" for IaC, infrastructure as code) does not count through it."""
        found = hit & self.core
        covered, through = set(found), False
        for typed, meant in self.aliases:
            if (named and named <= meant) or 2 * len(hit & meant) > len(meant):
                covered |= typed
                through = True
        return 2 * max(len(found) + through, len(covered & self.core)) > len(self.core)


def segments(text: str) -> list[Part]:
    """Each part of a text that asks for several things ("python, code review and presenting my work"): a topic
    must cover most of one part, not of the whole."""
    out = []
    for part in _SEGMENT_RE.split(text):
        core = content(part)
        if not core:
            continue
        aliases = tuple((frozenset(content(m.group(0))), frozenset(content(ALIASES[m.group(1)])))
                        for m in _ALIAS_RE.finditer(part.casefold()))
        out.append(Part(frozenset(core), aliases))
    return out


def analyse(text: str) -> list[str]:
    """What indexes and queries use: content words of the text plus its aliases."""
    return content(expand(text))


def fix_typos(text: str, vocabulary: frozenset[str], choices: tuple[str, ...], cutoff: float = 80.0,
              real: frozenset[str] = frozenset()) -> str | None:
    """The text with each unknown word (not a stop word, 4+ letters, stem unknown, not a real word) replaced by the
    closest word of the directory's vocabulary, or None when nothing was replaced. `vocabulary` holds stems,
    `choices` words, `real` words known to be spelled right (semantic.model_words: "raise" is no typo of "rails")."""
    changed, out = False, []
    for token in re.split(r"(\W+)", text):
        w = token.casefold()
        if len(w) >= 4 and w.isalpha() and w not in STOPWORDS and w not in real and stem(w) not in vocabulary \
                and not (set(analyse(w)) & vocabulary):
            best = process.extractOne(w, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
            if best is not None:
                out.append(best[0])
                changed = True
                continue
        out.append(token)
    return "".join(out) if changed else None


@dataclass(frozen=True)
class Transition:
    """A career move: (stem, is_role) for where the person is (may be empty: "become a developer") and where they
    want to go."""
    origin: tuple[tuple[str, bool], ...]
    destination: tuple[tuple[str, bool], ...]
    origin_text: str = ""  # the words naming where the person is: they are no topic to learn


_FROM_TO = re.compile(r"\bfrom (?P<a>.+?) (?:to|into) (?P<b>.+)$")
_INTO_FROM = re.compile(r"\b(?:into|to) (?P<b>.+?) from (?P<a>.+)$")
_BECOME = re.compile(r"\b(?:become|becoming|be|into|move to|switch to) (?:an? )?(?P<b>.+)$")
_SHORT = re.compile(r"^(?P<a>[\w/+#-]+(?: [\w/+#-]+)?) to (?P<b>[\w/+#-]+(?: [\w/+#-]+){0,2})$")


def _role_stems(ws: list[str]) -> list[tuple[str, bool]]:
    """(stem, is_role) per word, roles folded by ROLE_SAME, a qualified role (ROLE_QUALIFIERS) read as one role."""
    out: list[tuple[str, bool]] = []
    for w in ws:
        if w in ROLE_QUALIFIERS and out and out[-1][0] in {stem(q) for q in ROLE_QUALIFIERS[w]}:
            out[-1] = (f"{out[-1][0]} {stem(w)}", True)
            continue
        out.append((ROLE_SAME.get(stem(w), stem(w)), w in ROLE_WORDS))
    return out


def _side(text: str) -> tuple[tuple[str, bool], ...]:
    ws = words(text)
    if len(ws) == 1:  # shorthand only when it is the whole side: "to tech" is a role, "to tech lead" is not
        ws = words(MOVE_WORDS.get(ws[0], ws[0]))
    return tuple(dict.fromkeys(_role_stems([w for w in ws if w not in STOPWORDS])))


def transition(text: str) -> Transition | None:
    """A career move in the words, if any: "from X to Y", "into Y from X", "X to Y" (short), "become a Y"."""
    t = " ".join(words(text))
    for rx in (_FROM_TO, _INTO_FROM, _SHORT):
        m = rx.search(t)
        if m and rx is _SHORT and not (set(words(f"{m['a']} {m['b']}")) & (ROLE_WORDS | CAREER_FIELDS)):
            continue
        if m:
            a, b = _side(m["a"]), _side(m["b"])
            if a and b:
                return Transition(a, b, m["a"])
    m = _BECOME.search(t)
    if m and _side(m["b"]):
        return Transition((), _side(m["b"]))
    return None


def career_steps(path: str) -> list[tuple[frozenset[str], str]]:
    """'Support agent to engineering manager' -> [({'support', 'agent'}, 'agent'), ({'engin', 'manag'}, 'manag')]:
    each step's stems (with aliases: 'SRE' also reads 'site reliability engineering') and its head, the last word
    (roles folded by ROLE_SAME, so a developer is a software engineer; 'Backend engineer to product manager' has the
    head 'product manag', a role of its own: see ROLE_QUALIFIERS)."""
    out = []
    for step in re.split(r"\s+(?:to|->|→)\s+", path.casefold()):
        own = [w for w, _ in _role_stems(words(step))]
        if own:
            out.append((frozenset(own) | {stem(w) for w in words(expand(step))}, own[-1]))
    return out


def _step_has(step: tuple[frozenset[str], str], wanted: tuple[tuple[str, bool], ...]) -> bool:
    """Every wanted word is in the step; a role word must be its head."""
    stems, head = step
    return all(w == head if role else w in stems for w, role in wanted)


def _specific(destination: tuple[tuple[str, bool], ...]) -> bool:
    """A role with a field or qualifier ("product designer", "data engineer", "product manager"), not a bare role
    ("developer", "engineer"): specific enough that having become one answers "become a ...". """
    return any(role for _, role in destination) and sum(len(w.split()) for w, _ in destination) > 1


def transition_fit(move: Transition, path: str) -> float:
    """1.0 when the mentor's path went from the origin to the destination, in that order; with no origin named,
    when it became a specific role (see _specific) from something else. 0.6 when it reached the destination from
    elsewhere, or was always a bare role's kind ("Engineer to staff engineer" is no answer to "become an engineer");
    0 when it only went the other way or never got there."""
    steps = career_steps(path)
    if len(steps) < 2:
        return 0.0
    # A step that is still the origin is not the destination: "Developer to QA engineer" is no way out of QA. A
    # field of the origin still named there, or the origin's role as its head, makes it the origin.
    dest = {w for w, _ in move.destination}
    later = [i for i in range(1, len(steps)) if _step_has(steps[i], move.destination)
             and not any((w == steps[i][1]) if role else (w in steps[i][0])
                         for w, role in move.origin if w not in dest)]
    if not later:
        return 0.0
    if move.origin and any(i < later[-1] and any(w in steps[i][0] for w, _ in move.origin)
                           for i in range(len(steps))):
        return 1.0
    if not move.origin and _specific(move.destination) and not _step_has(steps[0], move.destination):
        return 1.0
    return 0.6


@lru_cache(maxsize=65536)
def _is_move(topic: str) -> bool:
    return transition(topic) is not None


def topic_move_fit(move: Transition, topic: str) -> bool | None:
    """Whether a topic written as a career move ("Support to engineering", "Bootcamp to developer") is the move asked
    for: read like a career path, in its direction ("switch from QA to dev" is not "Bootcamp to developer", though both
    end as developers; "become a developer" is). None when the topic is no move: it is matched as words."""
    if not _is_move(topic):
        return None
    fit = transition_fit(move, topic)
    return fit >= 1.0 if move.origin else fit > 0
