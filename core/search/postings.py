"""Long posting lists kept decoded in memory, so that intersecting them is a binary search, not a block walk.

Whoosh reads a posting list block by block in Python; skipping through the list of a common word (「管理」 is in
a tenth of the titles) costs tens of microseconds a step. A rare word's list drives the intersection and the
common ones are probed: with their ids in an array, a probe is one `bisect`. Like Lucene's query cache, the cache
is bounded (MAX_POSTINGS ids, ~8 bytes each) and least recently used lists go first; a segment whose deletions
changed gets fresh entries.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict

from whoosh import matching
from whoosh.matching.mcore import ListMatcher, ReadTooFar
from whoosh.query import Query, Term

MIN_LENGTH = 1_000  # lists shorter than this are cheap to read from disk
MAX_POSTINGS = 2_000_000  # only levels with a phrase or a 档号 prefix use it now (vector.py has its own)


class _ArrayMatcher(ListMatcher):
    """A ListMatcher whose skip_to is a binary search."""

    def __init__(self, ids, weights, max_weight, **kw):
        super().__init__(ids, weights, **kw)
        self._max_weight = max_weight

    def skip_to(self, id):
        if not self.is_active():
            raise ReadTooFar
        if id > self._ids[self._i]:
            self._i = bisect_left(self._ids, id, self._i)

    def block_max_weight(self):
        return self._max_weight

    def copy(self):
        return _ArrayMatcher(self._ids, self._weights, self._max_weight, scorer=self._scorer,
                             position=self._i, term=self._term, terminfo=self._terminfo)


class PostingsCache:
    def __init__(self, max_postings: int = MAX_POSTINGS):
        self.max_postings = max_postings
        self._lists: OrderedDict = OrderedDict()
        self._size = 0

    def _decoded(self, reader, fieldname: str, btext: bytes):
        key = (reader.segment().segment_id(), len(reader.deleted_docs_set), fieldname, btext)
        found = self._lists.get(key)
        if found is not None:
            self._lists.move_to_end(key)
            return found
        ids, weights = array("I"), array("f")
        m = reader.postings(fieldname, btext)
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
        found = (ids, weights, max(weights, default=1.0), reader.term_info(fieldname, btext))
        self._lists[key] = found
        self._size += len(ids)
        while self._size > self.max_postings and len(self._lists) > 1:
            _, (old, *_rest) = self._lists.popitem(last=False)
            self._size -= len(old)
        return found

    def rewrite(self, query: Query) -> Query:
        """The query with every plain Term replaced by one that may read its postings from this cache."""
        if type(query) is Term:
            return _CachedTerm(query.fieldname, query.text, boost=query.boost, cache=self)
        if query.children():
            return query.apply(self.rewrite)
        return query


class _CachedTerm(Term):
    def __init__(self, fieldname, text, boost=1.0, cache: PostingsCache | None = None):
        super().__init__(fieldname, text, boost=boost)
        self._cache = cache

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        if not reader.is_atomic() or reader.segment() is None or self.fieldname not in searcher.schema:
            return super().matcher(searcher, context)
        try:
            btext = searcher.schema[self.fieldname].to_bytes(self.text)
        except ValueError:
            return matching.NullMatcher()
        if (self.fieldname, btext) not in reader or reader.doc_frequency(self.fieldname, btext) < MIN_LENGTH:
            return super().matcher(searcher, context)
        ids, weights, max_weight, info = self._cache._decoded(reader, self.fieldname, btext)
        if not ids:
            return matching.NullMatcher()
        weighting = context.weighting if context is not None else searcher.weighting
        m = _ArrayMatcher(ids, weights, max_weight, scorer=weighting.scorer(searcher, self.fieldname, btext),
                          term=(self.fieldname, btext), terminfo=info)
        return matching.WrappingMatcher(m, boost=self.boost) if self.boost != 1.0 else m
