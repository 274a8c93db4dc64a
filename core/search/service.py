"""Search the catalogue for an audience: the public sees open records and counts of the rest; staff see all."""
from __future__ import annotations

import logging
import threading
import time
from collections import Counter, OrderedDict

from whoosh.query import And, Or, Term
from whoosh.searching import Searcher

from ..errors import InvalidInput
from ..vocabulary import ACCESS_OPEN
from . import matches
from .matches import leaves
from .highlight import highlight
from .index import IndexStore
from .columns import ColumnCache
from .execute import SCAN_CAP, Collected, Filter, collect
from .plan import Level, levels, rerank_words
from .postings import PostingsCache
from .structured import is_structured, structured_search
from .text import fold, fold_name
from .understand import Understood, understand
from .vector import VectorSearch, supported

log = logging.getLogger("lantai.search")
AUDIENCES = ("public", "staff")
MAX_LIMIT = 100
MAX_QUERY = 200
COUNT_CAP = 1_000  # beyond this many matches `total` says "at least" (total_exact: false); counting is a walk
COUNT_CACHE = 512  # restricted-count results kept per process (broad queries such as 「结婚」 repeat a lot)
COMMON_SHARE = 0.05
RERANK_POOL = 50  # candidates taken from the index and re-ranked in Python
_OPEN = Term("access", ACCESS_OPEN)


class _Hit(dict):
    """A hit's stored fields and its score."""

    def __init__(self, fields: dict, score: float):
        super().__init__(fields)
        self.score = score


class IndexLexicon:
    """Person names and places as the index knows them."""

    def __init__(self, searcher: Searcher, lock: threading.RLock):
        self._reader = searcher.reader()
        self._lock = lock  # the search service's: its reader is not to be read by two threads at once
        with lock:
            self._places = frozenset(t.decode() if isinstance(t, bytes) else t for t in self._reader.lexicon("place"))

    def is_person(self, name: str) -> bool:
        with self._lock:
            return self._reader.doc_frequency("persons", fold_name(name)) > 0

    def places(self) -> frozenset[str]:
        return self._places

    def is_title_word(self, word: str) -> bool:
        return self._reader.doc_frequency("title", word) > 0

    def is_common(self, word: str) -> bool:
        """A word in more than COMMON_SHARE of titles (工作, 情况, the county's name …): it ranks, it does not filter."""
        field = "title_bi" if len(word) == 2 else "title"
        return self._reader.doc_frequency(field, word) > COMMON_SHARE * max(self._reader.doc_count(), 1)


class SearchService:
    def __init__(self, store: IndexStore):
        self.store = store
        self._lexicon: tuple[Searcher, IndexLexicon] | None = None
        self._counts: OrderedDict = OrderedDict()
        self._counts_searcher: Searcher | None = None
        self._columns = ColumnCache()
        self._postings = PostingsCache()
        self._columns_searcher: Searcher | None = None
        self._vector = VectorSearch()
        # Whoosh's readers share open files and the caches here are filled lazily: one reader at a time per
        # process (a web worker's warm-up thread and its first request once raced, and a column read garbage)
        self._reading = threading.RLock()

    @property
    def reading(self) -> threading.RLock:
        """Held while this process reads the index (callers that read it themselves take it too)."""
        return self._reading

    def _lexicon_for(self, searcher: Searcher) -> IndexLexicon:
        if self._lexicon is None or self._lexicon[0] is not searcher:
            self._lexicon = (searcher, IndexLexicon(searcher, self._reading))
        return self._lexicon[1]

    def warm_up(self) -> None:
        """Open the index, load jieba and read the filter columns now, so that the first citizen does not wait."""
        try:
            with self._reading:
                searcher = self.store.searcher()
                understand("预热 1985年 结婚登记", self._lexicon_for(searcher))
                for sub, _ in leaves(searcher):  # the filter columns and field lengths: ~3 s at a million
                    self._columns.of(sub.reader())
                self._vector.warm_up(searcher, self._columns)
        except Exception:  # warming is an optimisation; a real search will report the problem
            log.exception("search warm-up failed")

    def search(self, query: str, *, audience: str = "public", limit: int = 10) -> dict:
        """Search; returns the stable JSON shape (query, filters, total, took_ms, hits, restricted)."""
        if audience not in AUDIENCES:
            raise InvalidInput(f"audience 应为 {' 或 '.join(AUDIENCES)}")
        query = (query or "").strip()
        if not query:
            raise InvalidInput("请输入要查找的内容，例如：1985年 张伟 结婚登记")
        if len(query) > MAX_QUERY:
            raise InvalidInput(f"查询内容太长，请控制在{MAX_QUERY}字以内")
        limit = max(1, min(int(limit), MAX_LIMIT))
        started = time.perf_counter()
        with self._reading:
            searcher = self.store.searcher()
            u = understand(query, self._lexicon_for(searcher))
            if not u.filters() and not u.chunks:
                raise InvalidInput("请说得具体一些，例如姓名、年份或事项（结婚登记、学籍、招工等）")
            if is_structured(u):
                result = self._structured(u, audience == "public", limit)
            else:
                result = self._run(searcher, u, audience == "public", limit)
        result["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return result

    def _run(self, searcher: Searcher, u: Understood, public: bool, limit: int) -> dict:
        lexicon = self._lexicon_for(searcher)
        plan = levels(u, lexicon)
        bonus = rerank_words(u, lexicon)
        pool = max(limit, RERANK_POOL) if bonus else limit
        hits, restricted, total, exact, note = [], Counter(), 0, True, None
        for i, level in enumerate(plan):
            got = self._level(searcher, level, public, pool)
            if got.total or got.restricted:
                total, exact, restricted, note = got.total, got.exact, got.restricted, level.note
                hits = [self._hit(h, u, public) for h in self._rank(searcher, got.top, bonus, limit)]
                # the rest of the page from the looser levels, in order: the next one is usually as cheap
                seen = {doc for _, doc in got.top}
                for looser in plan[i + 1:]:
                    if len(hits) >= limit or ((hits or restricted) and self._broad(searcher, looser)):
                        # a page with answers is not padded with whatever one common word finds; nor is an answer
                        # that is "your record is there, apply for it" (and the broad walk cost up to a second)
                        break
                    more = self._level(searcher, looser, public, limit - len(hits), exclude=frozenset(seen))
                    seen.update(doc for _, doc in more.top)
                    hits += [self._hit(h, u, public) for h in self._rank(searcher, more.top, [], limit - len(hits))]
                if total == 0 and hits:
                    note = note or "没有完全符合的开放档案，以下是部分相关的开放档案"
                break
        return {
            "query": u.query, "filters": u.filters(), "total": total, "total_exact": exact, "took_ms": 0.0,
            "hits": hits,
            "restricted": [{"category": c, "year": y, "count": n} for (c, y), n in sorted(restricted.items())],
            "relaxed": note,
        }

    def _level(self, searcher: Searcher, level: Level, public: bool, k: int,
               exclude: frozenset[int] = frozenset()) -> Collected:
        """Run one level: names, words and places over posting arrays (vector.py); a level with a phrase or a 档号
        prefix by the single-pass walk when it matches few records, else by Whoosh's ranking."""
        if self._columns_searcher is not searcher:
            readers = [sub.reader() for sub, _ in leaves(searcher)]
            self._columns.keep_only(readers)
            self._vector.keep_only(readers)
            self._columns_searcher = searcher
        flt = Filter(category=level.category, years=level.years, open_only=public, rank_category=level.rank_category)
        if supported(level.match):  # names, words and places: whole posting lists as arrays (vector.py)
            return self._vector.collect(searcher, level.match, self._columns, flt, k, exclude)
        level = Level(self._postings.rewrite(level.match), level.note, level.category, level.years,
                      level.rank_category)
        if level.match.estimate_size(searcher.reader()) <= SCAN_CAP:  # phrases, 档号 prefixes: a walk
            return collect(searcher, level.match, self._columns, flt, k, exclude)
        query = level.as_query()
        shown = And([query, _OPEN]) if public else query
        results = searcher.search(shown, limit=k + len(exclude))
        top = [(results.score(i) or 0.0, results.docnum(i)) for i in range(results.scored_length())]
        top = [t for t in top if t[1] not in exclude][:k]
        if len(top) < k:
            total, exact = len(top), True
        else:
            total, exact = matches.count(searcher, shown, COUNT_CAP)
        restricted = self._restricted_counts(searcher, query) if public else Counter()
        return Collected(top=top, total=total, exact=exact, restricted=restricted)

    @staticmethod
    def _broad(searcher: Searcher, level: Level) -> bool:
        return level.match.estimate_size(searcher.reader()) > SCAN_CAP

    @staticmethod
    def _rank(searcher: Searcher, top: list[tuple[float, int]], bonus: list[tuple[str, float]],
              limit: int) -> list["_Hit"]:
        """The best `limit` of the candidates, re-ranked by the words that only raise the rank."""
        hits = [_Hit(searcher.stored_fields(doc), score) for score, doc in top]
        if bonus:
            scored = [(sum(w for word, w in bonus if fold(word) in fold(h["title"])), h.score, -i, h)
                      for i, h in enumerate(hits)]
            scored.sort(key=lambda t: t[:3], reverse=True)
            hits = [h for *_, h in scored]
        return hits[:limit]

    def _structured(self, u: Understood, public: bool, limit: int) -> dict:
        found = structured_search(self.store.sessions, u, public=public, limit=limit)
        terms = u.category_words + u.places + u.optional
        hits = []
        for r in found["records"]:
            hit = {"ref": r.ref, "title": r.title, "date": r.date_display, "category": r.category,
                   "score": 0.0, "highlight": highlight(r.title, terms)}
            if not public:
                hit["persons"] = list(r.persons or [])
            hits.append(hit)
        return {"query": u.query, "filters": u.filters(), "total": found["total"], "total_exact": True,
                "took_ms": 0.0, "hits": hits,
                "restricted": found["restricted"], "relaxed": found["relaxed"]}

    def _restricted_counts(self, searcher: Searcher, query) -> Counter:
        """Count the matching records the public may not see, by category and year (cached per index state).

        Only document numbers and two sortable columns are read, never a stored title or name.
        """
        if self._counts_searcher is not searcher:  # the index changed: counts may have too
            self._counts.clear()
            self._counts_searcher = searcher
        key = repr(query)
        cached = self._counts.get(key)
        if cached is not None:
            self._counts.move_to_end(key)
            return cached
        reader = searcher.reader()
        categories, years = reader.column_reader("category"), reader.column_reader("year")
        counts: Counter = Counter()
        # not AndNot(query, 开放): Whoosh's AndNotMatcher lets an excluded document through after a skip (the
        # first 开放 match of 「北京」 came back as restricted); an intersection with the other values is exact
        closed = [Term("access", v.decode()) for v in reader.lexicon("access") if v != ACCESS_OPEN.encode()]
        if not closed:
            return Counter()
        for docnum in matches.docnums(searcher, And([query, Or(closed)])):
            counts[(categories[docnum] or "其他", int(years[docnum]))] += 1
        self._counts[key] = counts
        if len(self._counts) > COUNT_CACHE:
            self._counts.popitem(last=False)
        return counts

    @staticmethod
    def _hit(h, u: Understood, public: bool) -> dict:
        terms = u.persons + u.keywords + u.phrases + u.places + u.category_words + u.optional
        hit = {"ref": h["ref"], "title": h["title"], "date": h["date"], "category": h.get("category") or None,
               "score": round(h.score or 0.0, 3), "highlight": highlight(h["title"], terms)}
        if not public:
            hit["persons"] = [p for p in (h.get("persons") or "").split("\n") if p]
        return hit
