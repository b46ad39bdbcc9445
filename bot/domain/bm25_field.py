"""One BM25 field of the mentor index that can take new rows without being rebuilt.

bm25s precomputes every (document, term) score at build time, which makes queries fast and builds slow (about 1.4 s
a field at 100k mentors). A profile edit must reach /findmentor within seconds, so an edit does not rebuild: the
edited mentor becomes a new row appended after bm25s' rows, scored here with the statistics bm25s built from (its
document frequencies, document count and average length; Lucene's idf, Robertson's term frequency, bm25s'
defaults). An appended row scores as it would have in a fresh build, but for the few edits since the build, which
move document frequencies and the average length by a hair. The mentor's old row stays in bm25s and is masked out by
the index (MentorIndex.alive); a full rebuild, now and then, folds everything back into bm25s.
"""

import logging
import math
from collections import Counter

import bm25s
import numpy as np

# bm25s logs every index build at DEBUG; keep it out of the bot's logs.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class Bm25Field:
    """bm25s over the rows it was built with, plus rows appended since (immutable: `appended` returns a new one)."""

    def __init__(self, docs: list[list[str]]):
        rows = [d or [""] for d in docs]  # bm25s needs a token in every document
        self._bm25 = bm25s.BM25()
        self._bm25.index(rows, show_progress=False)
        self.base_rows = len(rows)
        self._avg_len = (sum(map(len, rows)) / len(rows)) if rows else 1.0
        self._df = np.diff(self._bm25.scores["indptr"]) if rows else np.zeros(0, dtype=np.int64)
        self._extra: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # term -> (appended rows, term-frequency part)
        self.rows = self.base_rows

    def knows(self, term: str) -> bool:
        return term in self._bm25.vocab_dict or term in self._extra

    def _idf(self, term: str) -> float:
        tid = self._bm25.vocab_dict.get(term)
        df = int(self._df[tid]) if tid is not None else 0
        n = self.base_rows
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def scores(self, terms: list[str]) -> np.ndarray:
        """Per row (appended rows included), the BM25 score of the distinct `terms` (float32)."""
        base = [t for t in terms if t in self._bm25.vocab_dict]
        out = (np.asarray(self._bm25.get_scores(base), dtype=np.float32) if base
               else np.zeros(self.base_rows, dtype=np.float32))
        if self.rows == self.base_rows:
            return out
        out = np.concatenate([out, np.zeros(self.rows - self.base_rows, dtype=np.float32)])
        for term in terms:
            found = self._extra.get(term)
            if found is not None:
                rows, tfc = found
                out[rows] += np.float32(self._idf(term)) * tfc
        return out

    def appended(self, docs: list[list[str]]) -> "Bm25Field":
        """A field with `docs` added as the next rows; this one is left as it is (requests may be reading it)."""
        new = object.__new__(Bm25Field)
        new.__dict__.update(self.__dict__)
        new._extra = dict(self._extra)
        k1, b = self._bm25.k1, self._bm25.b
        grown: dict[str, tuple[list[int], list[float]]] = {}
        for offset, doc in enumerate(docs):
            row, tokens = self.rows + offset, doc or [""]
            norm = k1 * ((1 - b) + b * len(tokens) / self._avg_len)
            for term, tf in Counter(tokens).items():
                rows_, tfcs = grown.setdefault(term, ([], []))
                rows_.append(row)
                tfcs.append(tf / (norm + tf))
        for term, (rows_, tfcs) in grown.items():
            old_rows, old_tfc = new._extra.get(term, (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)))
            new._extra[term] = (np.concatenate([old_rows, np.asarray(rows_, dtype=np.int64)]),
                                np.concatenate([old_tfc, np.asarray(tfcs, dtype=np.float32)]))
        new.rows = self.rows + len(docs)
        return new
