"""Meaning, not just words: sentence embeddings from WordLlama's static model, which ships inside its wheel
(l2_supercat, 256 dimensions, 16 MB of weights plus the tokenizer). Loading never touches the network: the files
are resolved inside the installed package and downloads are disabled, so a host without internet (or a hub outage)
behaves exactly like a laptop. Embedding is a table lookup and a mean, about 30 µs a text: cheap enough per query.
"""

import json
import logging
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

# WordLlama calls logging.basicConfig(level=INFO) when imported, which would switch on every library's INFO lines
# (alembic's among them) before our own logging is set up: the root logger is put back as it was.
_root = logging.getLogger()
_root_state = (list(_root.handlers), _root.level)
import wordllama  # noqa: E402

_root.handlers[:], _root.level = _root_state[0], _root_state[1]

log = logging.getLogger(__name__)


class Embedder:
    """texts -> unit vectors (float32), so a dot product is the cosine similarity."""

    def __init__(self, model):
        self._model = model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 256), dtype=np.float32)
        vectors = np.asarray(self._model.embed([for_model(t) for t in texts], norm=True), dtype=np.float32)
        return vectors


_JOINED = re.compile(r"(?<=[^\W\d_])[-/](?=[^\W\d_])")


def for_model(text: str) -> str:
    """Words joined by a hyphen or slash as separate words: the tokenizer reads "self-doubt" as self, -, d, ou, bt
    (and lands near dbt), "self doubt" as the two words it knows. Both sides (topics, questions) go through it."""
    return _JOINED.sub(" ", text)


# A word the model does not know well: not one of its whole-word tokens and this short, so its pieces are a letter
# or two ("gcp": g, cp; near "gRPC": gr, pc). A question made only of such words is held to a stricter threshold.
THIN_WORD_LETTERS = 4


@lru_cache(maxsize=1)
def model_words() -> frozenset[str]:
    """The words WordLlama's tokenizer holds whole (a word-initial token of letters only, case folded): about 16,000,
    nearly all real words ("raise", "review"; not "pyhton", "kubernetes"). Read from the tokenizer file inside the
    wheel, never downloaded; empty (and logged) if it cannot be read."""
    path = Path(wordllama.__file__).parent / "tokenizers" / "l2_supercat_tokenizer_config.json"
    try:
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (OSError, ValueError, KeyError) as exc:
        log.warning("tokenizer vocabulary unavailable: %s", type(exc).__name__)
        return frozenset()
    return frozenset(t[1:].casefold() for t in vocab if t.startswith("\u2581") and t[1:].isalpha())


def thin(word: str) -> bool:
    """Too short and unknown for its embedding to mean anything (see THIN_WORD_LETTERS)."""
    return len(word) <= THIN_WORD_LETTERS and word.casefold() not in model_words()


def load_wordllama() -> Embedder:
    """The model from the installed package. WordLlama looks for its tokenizer under "tokenizer/" while the wheel
    ships it under "tokenizers/", so the package directory is passed as the cache directory, where the loader also
    looks; disable_download makes a missing file an error instead of a download."""
    package = Path(wordllama.__file__).parent
    return Embedder(wordllama.WordLlama.load(cache_dir=package, disable_download=True))


@lru_cache(maxsize=1)
def default_embedder() -> Embedder | None:
    """One model per process (about 20 MB resident); None if it cannot be loaded, and the ranking is then lexical
    only (logged once, never silently)."""
    try:
        return load_wordllama()
    except Exception as exc:
        log.warning("semantic model unavailable, ranking by words only: %s", type(exc).__name__)
        return None
