"""Run one level of a search in a single pass: walk what the named parts match, filter by category, years and
access from in-memory columns, keep the best `k`, count the rest, and count what the public may not see.

Whoosh's own search would intersect the names' short posting lists with the category's and the year's long ones
(most of the time went to skipping through those); here the long lists are never read.
"""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

from whoosh.query import Query
from whoosh.searching import Searcher

from .columns import ColumnCache
from .matches import leaves

SCAN_CAP = 20_000  # documents walked at most; beyond that the total is "at least" and the best are among those seen


@dataclass(frozen=True)
class Filter:
    category: str | None = None
    years: tuple[int, int] | None = None
    open_only: bool = False  # the public audience: only 开放 records are shown
    rank_category: str | None = None  # a category that only raises the rank (loose levels)
    category_bonus: float = 2.0


@dataclass
class Collected:
    top: list[tuple[float, int]] = field(default_factory=list)  # (score, global docnum), best first
    total: int = 0
    exact: bool = True
    restricted: Counter = field(default_factory=Counter)  # (category, year) -> count, for the public


def collect(searcher: Searcher, query: Query, columns: ColumnCache, flt: Filter, k: int,
            exclude: frozenset[int] = frozenset(), scan_cap: int = SCAN_CAP) -> Collected:
    """The best `k` documents that match `query` and pass `flt`, their total, and restricted counts."""
    out = Collected()
    heap: list[tuple[float, int]] = []
    scanned = 0
    first, last = flt.years or (0, 65535)
    for sub, offset in leaves(searcher):
        cols = columns.of(sub.reader())
        want = None
        if flt.category is not None:
            want = cols.code(flt.category)
            if want is None:
                continue
        bonus_code = cols.code(flt.rank_category) if flt.rank_category else None
        cats, years, opened, names = cols.category, cols.year, cols.open, cols.names
        matcher = query.matcher(sub)
        while matcher.is_active():
            doc = matcher.id()
            scanned += 1
            if (want is None or cats[doc] == want) and first <= years[doc] <= last:
                if flt.open_only and not opened[doc]:
                    out.restricted[(names[cats[doc]] or "其他", years[doc])] += 1
                elif offset + doc not in exclude:
                    out.total += 1
                    score = matcher.score()
                    if bonus_code is not None and cats[doc] == bonus_code:
                        score += flt.category_bonus
                    item = (score, -(offset + doc))
                    if len(heap) < k:
                        heapq.heappush(heap, item)
                    elif item > heap[0]:
                        heapq.heapreplace(heap, item)
            if scanned >= scan_cap:
                out.exact = False
                break
            matcher.next()
        if not out.exact:
            break
    out.top = [(s, -d) for s, d in sorted(heap, reverse=True)]
    return out
