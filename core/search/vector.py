"""Run one level of a search over whole posting lists with numpy: match, filter, count and score in a few array
operations instead of a document-at-a-time walk.

The walk in execute.py steps Whoosh's matchers in Python: about 14 µs a match, and far more where an And has to
skip through a common word's list (「报告」, a place's 地点). Here a term's postings are two arrays (ids, weights), an
And keeps the ids of its smallest part that a binary search finds in each of the others, an Or is a union, and
BM25F is computed for every match at once with the statistics and the formula of Whoosh's own scorer, so the
answers are the walk's (tests/core/test_search_paths.py compares them). Levels with a phrase or a 档号 prefix,
which need positions or a term walk, are not handled here (`supported` says so) and go the old way.
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, Or, Query, Term
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length, length_to_byte

from .columns import ColumnCache, SegmentColumns
from .execute import Collected, Filter
from .matches import leaves

MAX_POSTINGS = 6_000_000  # ids kept decoded (8 bytes each with the weight); least recently used lists go first
ENTRY_COST = 64  # what one cached list costs beyond its ids, counted in ids (arrays, key, dictionary slot)
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
_EMPTY_IDS = np.empty(0, dtype=np.int32)
_EMPTY_WEIGHTS = np.empty(0, dtype=np.float32)


def supported(query: Query) -> bool:
    """Whether `query` is terms under plain And / Or (what the search plan makes of names, words and places)."""
    if isinstance(query, Term):
        return True
    if type(query) is And:
        return query.boost == 1.0 and all(supported(q) for q in query.subqueries)
    if type(query) is Or:
        return (query.boost == 1.0 and not query.minmatch and query.scale is None
                and all(supported(q) for q in query.subqueries))
    return False


def _decode(matcher) -> tuple[np.ndarray, np.ndarray]:
    """All ids and weights of a term's postings, deletions not applied (the caller masks them)."""
    if isinstance(matcher, FilterMatcher):  # the deletions filter: it has already stepped over a deleted first id
        matcher = matcher.child
        matcher.reset()
    ids, weights = [], []
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):  # Whoosh 3's block reader: whole blocks
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            start = matcher._i
            ids.append(np.asarray(matcher._ids, dtype=np.int32)[start:])
            weights.append(np.asarray(matcher._weights, dtype=np.float32)[start:])
            matcher._next_block()
    else:  # any other matcher: one posting at a time, with the weight its scorer would read
        pairs = []
        while matcher.is_active():
            pairs.append((matcher.id(), matcher.weight()))
            matcher.next()
        if pairs:
            ids.append(np.fromiter((i for i, _ in pairs), dtype=np.int32, count=len(pairs)))
            weights.append(np.fromiter((w for _, w in pairs), dtype=np.float32, count=len(pairs)))
    if not ids:
        return _EMPTY_IDS, _EMPTY_WEIGHTS
    return np.concatenate(ids), np.concatenate(weights)


class _Segment:
    """What one segment needs as arrays: its filter columns, deleted documents and field lengths."""

    def __init__(self, cols: SegmentColumns):
        self.category = np.frombuffer(cols.category, dtype=np.uint8)
        self.year = np.frombuffer(cols.year, dtype=np.uint16)
        self.open = np.frombuffer(cols.open, dtype=np.uint8).astype(bool)
        self.names = cols.names
        self.reader = None
        self.deleted: np.ndarray | None = None
        self._deleted_count = 0
        self._lengths: dict[str, np.ndarray] = {}

    def use(self, reader) -> None:
        """Read through `reader` from now on (the searcher was refreshed), with its deletions."""
        self.reader = reader
        deleted = reader.deleted_docs_set if reader.has_deletions() else ()
        if len(deleted) != self._deleted_count:  # deletions only grow within a segment
            self._deleted_count = len(deleted)
            self.deleted = np.fromiter(sorted(deleted), dtype=np.int32, count=len(deleted)) if deleted else None

    def code(self, category: str) -> int | None:
        return self.names.index(category) if category in self.names else None

    def field_lengths(self, field: str, docs: np.ndarray) -> np.ndarray:
        """The length of `field` in each of `docs`, as Whoosh's scorer reads it (one byte a document, lossy)."""
        found = self._lengths.get(field)
        if found is None:
            count = len(self.category)
            perdoc = getattr(self.reader, "_perdoc", None)  # Whoosh 3 keeps the lengths in a one-byte column
            column = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN) if perdoc is not None else None
            if column is not None:
                found = np.fromiter(iter(column), dtype=np.uint8, count=count)
            else:
                found = np.fromiter((length_to_byte(self.reader.doc_field_length(d, field, 1) or 0)
                                     for d in range(count)), dtype=np.uint8, count=count)
            self._lengths[field] = found
        return _LENGTH_OF_BYTE[found[docs]]


class VectorSearch:
    """Decoded postings (bounded, least recently used first out) and per-segment arrays, for one process."""

    def __init__(self, max_postings: int = MAX_POSTINGS):
        self.max_postings = max_postings
        self._lists: OrderedDict = OrderedDict()
        self._size = 0
        self._segments: dict[tuple, _Segment] = {}

    # ---------------------------------------------------------------------------------------------- storage

    def _segment(self, reader, columns: ColumnCache) -> _Segment:
        sid = reader.segment().segment_id()
        seg = self._segments.get(sid)
        if seg is None:
            seg = self._segments[sid] = _Segment(columns.of(reader))
        seg.use(reader)
        return seg

    def keep_only(self, readers: list) -> None:
        """Forget segments that are no longer in the index (merged away or rebuilt), and their postings."""
        live = {r.segment().segment_id() for r in readers if r.segment() is not None}
        for sid in [k for k in self._segments if k not in live]:
            del self._segments[sid]
        for key in [k for k in self._lists if k[0] not in live]:
            self._size -= len(self._lists.pop(key)[0]) + ENTRY_COST

    def postings(self, reader, field: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(ids, weights) of a term in one segment, deleted documents included."""
        key = (reader.segment().segment_id(), field, btext)
        found = self._lists.get(key)
        if found is not None:
            self._lists.move_to_end(key)
            return found
        found = _decode(reader.postings(field, btext)) if (field, btext) in reader else (_EMPTY_IDS, _EMPTY_WEIGHTS)
        self._lists[key] = found
        self._size += len(found[0]) + ENTRY_COST
        while self._size > self.max_postings and len(self._lists) > 1:
            self._size -= len(self._lists.popitem(last=False)[1][0]) + ENTRY_COST
        return found

    def warm_up(self, searcher: Searcher, columns: ColumnCache) -> None:
        """Read every segment's arrays and the scored fields' lengths now rather than in a citizen's search."""
        for sub, _ in leaves(searcher):
            reader = sub.reader()
            if reader.segment() is None:
                continue
            seg = self._segment(reader, columns)
            for name, field in sub.schema.items():
                if field.scorable and not name.startswith("_"):
                    seg.field_lengths(name, _EMPTY_IDS)

    # ---------------------------------------------------------------------------------------------- running

    def collect(self, searcher: Searcher, query: Query, columns: ColumnCache, flt: Filter, k: int,
                exclude: frozenset[int] = frozenset()) -> Collected:
        """What execute.collect returns for the same arguments (all matches counted: `exact` is always true)."""
        weighting = searcher.weighting
        if type(weighting) is not BM25F:
            raise TypeError("the vector path scores BM25F only")
        out = Collected()
        tops: list[tuple[np.ndarray, np.ndarray]] = []
        for sub, offset in leaves(searcher):
            reader = sub.reader()
            if reader.segment() is None:
                continue
            seg = self._segment(reader, columns)
            want = None
            if flt.category is not None:
                want = seg.code(flt.category)
                if want is None:
                    continue
            docs = self._match(query, reader, sub)
            if seg.deleted is not None and len(docs):
                docs = docs[~np.isin(docs, seg.deleted, assume_unique=True)]
            keep = np.ones(len(docs), dtype=bool)
            if want is not None:
                keep &= seg.category[docs] == want
            if flt.years is not None:
                years = seg.year[docs]
                keep &= (years >= flt.years[0]) & (years <= flt.years[1])
            docs = docs[keep]
            if flt.open_only and len(docs):
                shown = seg.open[docs]
                closed = docs[~shown]
                if len(closed):
                    pairs = seg.category[closed].astype(np.int64) * 65536 + seg.year[closed]
                    values, counts = np.unique(pairs, return_counts=True)
                    for value, n in zip(values.tolist(), counts.tolist()):
                        out.restricted[(seg.names[value >> 16] or "其他", value & 0xFFFF)] += n
                docs = docs[shown]
            if exclude and len(docs):
                local = np.fromiter((d - offset for d in exclude if offset <= d < offset + len(seg.category)),
                                    dtype=np.int32)
                if len(local):
                    docs = docs[~np.isin(docs, local)]
            if not len(docs):
                continue
            out.total += len(docs)
            scores = self._score(query, docs, seg, sub, searcher, weighting)
            bonus = seg.code(flt.rank_category) if flt.rank_category else None  # as execute.collect: "" is none
            if bonus is not None:
                scores = scores + np.where(seg.category[docs] == bonus, flt.category_bonus, 0.0)
            tops.append(_best(scores, docs.astype(np.int64) + offset, k))
        if tops:
            scores = np.concatenate([s for s, _ in tops])
            docs = np.concatenate([d for _, d in tops])
            order = np.lexsort((docs, -scores))[:k]
            out.top = list(zip(scores[order].tolist(), docs[order].tolist()))
        return out

    def _term(self, term: Term, reader, sub: Searcher) -> tuple[np.ndarray, np.ndarray]:
        field = sub.schema[term.fieldname] if term.fieldname in sub.schema else None
        if field is None:
            return _EMPTY_IDS, _EMPTY_WEIGHTS
        try:
            btext = field.to_bytes(term.text)
        except ValueError:
            return _EMPTY_IDS, _EMPTY_WEIGHTS
        return self.postings(reader, term.fieldname, btext)

    def _match(self, query: Query, reader, sub: Searcher) -> np.ndarray:
        """Sorted ids of the segment's documents that match (deleted ones included)."""
        if isinstance(query, Term):
            return self._term(query, reader, sub)[0]
        if type(query) is Or:
            parts = [self._match(q, reader, sub) for q in query.subqueries]
            parts = [p for p in parts if len(p)]
            if not parts:
                return _EMPTY_IDS
            return parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))
        # And: the smallest part's ids, kept where every other part has them too
        subs = list(query.subqueries)
        if not subs:
            return _EMPTY_IDS
        sizes = [self._size_of(q, reader, sub) for q in subs]
        lead = min(range(len(subs)), key=sizes.__getitem__)
        docs = self._match(subs[lead], reader, sub)
        for i, q in sorted(enumerate(subs), key=lambda t: sizes[t[0]]):
            if i == lead or not len(docs):
                continue
            docs = docs[self._member(q, docs, reader, sub)]
        return docs

    def _size_of(self, query: Query, reader, sub: Searcher) -> int:
        if isinstance(query, Term):
            return len(self._term(query, reader, sub)[0])
        sizes = [self._size_of(q, reader, sub) for q in query.subqueries]
        if not sizes:
            return 0
        return sum(sizes) if type(query) is Or else min(sizes)

    def _member(self, query: Query, docs: np.ndarray, reader, sub: Searcher) -> np.ndarray:
        """A mask over `docs`: which of them `query` matches."""
        if isinstance(query, Term):
            return _present(self._term(query, reader, sub)[0], docs)[0]
        masks = (self._member(q, docs, reader, sub) for q in query.subqueries)
        if type(query) is Or:
            mask = np.zeros(len(docs), dtype=bool)
            for m in masks:
                mask |= m
            return mask
        mask = np.ones(len(docs), dtype=bool)
        for m in masks:
            mask &= m
        return mask

    def _score(self, query: Query, docs: np.ndarray, seg: _Segment, sub: Searcher, top: Searcher,
               weighting: BM25F) -> np.ndarray:
        """Each document's score: the sum over the terms it has, as Whoosh's matchers add them up."""
        if isinstance(query, Term):
            ids, weights = self._term(query, seg.reader, sub)
            if not len(ids):
                return np.zeros(len(docs), dtype=np.float64)
            present, where = _present(ids, docs)
            tf = weights[where].astype(np.float64)
            field = query.fieldname
            if sub.schema[field].scorable:
                fl = seg.field_lengths(field, docs)
                btext = sub.schema[field].to_bytes(query.text)
                idf, avgfl = top.idf(field, btext), top.avg_field_length(field) or 1
                B, K1 = weighting._field_B.get(field, weighting.B), weighting.K1
                score = idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl)))
            else:
                score = tf
            if query.boost != 1.0:
                score = score * query.boost
            return np.where(present, score, 0.0)
        total = np.zeros(len(docs), dtype=np.float64)
        for q in query.subqueries:
            score = self._score(q, docs, seg, sub, top, weighting)
            if type(query) is Or and not isinstance(q, Term):
                # an Or adds what its matching parts score: an And that does not match adds nothing, not the
                # scores of the terms it has (a Term is masked by its own presence above)
                score = np.where(self._member(q, docs, seg.reader, sub), score, 0.0)
            total += score
        return total


def _present(ids: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted `ids`: which of `docs` are in it, and where (an index into `ids`, 0 where absent)."""
    if not len(ids):
        return np.zeros(len(docs), dtype=bool), np.zeros(len(docs), dtype=np.intp)
    where = np.searchsorted(ids, docs)
    np.minimum(where, len(ids) - 1, out=where)
    present = ids[where] == docs
    return present, np.where(present, where, 0)


def _best(scores: np.ndarray, docs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The `k` best of a segment (highest score, then lowest document number)."""
    if len(scores) > k:
        kth = np.partition(scores, len(scores) - k)[len(scores) - k]
        keep = scores > kth
        ties = np.flatnonzero(scores == kth)[:k - int(keep.sum())]  # `docs` ascend: the lowest numbers first
        keep[ties] = True
        scores, docs = scores[keep], docs[keep]
    return scores, docs
