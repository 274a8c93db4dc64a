"""Walk a query's matches without scoring them.

Whoosh's own `Results.__len__` and `docs_for_query` intersect *sets* of every matching id of each side, which for
「王建国 招工」 means materialising the whole 招工 category; stepping the matcher skips instead.
"""
from __future__ import annotations

from collections.abc import Iterator

from whoosh.query import Query
from whoosh.searching import Searcher


def leaves(searcher: Searcher) -> list[tuple[Searcher, int]]:
    """The searcher's segments, each with the offset of its first document number."""
    return searcher.subsearchers if not searcher.is_atomic() else [(searcher, 0)]


def docnums(searcher: Searcher, query: Query) -> Iterator[int]:
    """Global document numbers matching the query (deleted documents excluded)."""
    for sub, offset in leaves(searcher):
        matcher = query.matcher(sub)
        reader = sub.reader()
        deletions = reader.has_deletions()
        while matcher.is_active():
            docnum = matcher.id()
            if not (deletions and reader.is_deleted(docnum)):
                yield offset + docnum
            matcher.next()


def count(searcher: Searcher, query: Query, cap: int | None = None) -> tuple[int, bool]:
    """How many documents match, counting at most `cap`; returns (count, exact)."""
    n = 0
    for _ in docnums(searcher, query):
        n += 1
        if cap is not None and n >= cap:
            return n, False
    return n, True
