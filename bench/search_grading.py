"""Relevance grades for the search benchmark: what a query states, how each catalogue record is graded
against it, nDCG@10 and recall@10, and the one-pass judging of a query set. See search_queries.py for the
grading rules in prose and for how queries are phrased.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import opencc
from sqlalchemy import select

from core.models import Record

KEEP_REFS = 200  # grade-3 / grade-2 references kept per query for inspection (counts are exact)

_t2s = opencc.OpenCC("t2s")


@lru_cache(maxsize=200_000)
def fold_name(name: str) -> str:
    """A person's name in simplified characters, without spaces or dots."""
    return _t2s.convert(name).replace(" ", "").replace("·", "").replace("\u3000", "")



# ------------------------------------------------------------------------------------------------ data model

@dataclass
class Spec:
    """What a query states; grades are computed from it."""

    persons: list[str] = field(default_factory=list)  # simplified names
    category: str | None = None
    years: tuple[int, int] | None = None
    words: list[str] = field(default_factory=list)  # title words; words[0] is the main one
    ref_prefix: str | None = None


@dataclass
class Query:
    id: int
    kind: str
    text: str
    source_ref: str
    spec: Spec
    counts: dict[int, int] = field(default_factory=dict)  # grade -> number of records (exact)
    grade3: list[str] = field(default_factory=list)  # capped at KEEP_REFS
    grade2: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        d = asdict(self)
        d["counts"] = {str(k): v for k, v in sorted(self.counts.items(), reverse=True)}
        return d

    @property
    def relevant(self) -> int:
        """Number of records with grade ≥ 2."""
        return self.counts.get(3, 0) + self.counts.get(2, 0)


@dataclass(frozen=True)
class Row:
    """The catalogue fields grading looks at."""

    ref: str
    title: str
    category: str | None
    year: int
    persons: tuple[str, ...]  # folded

    @classmethod
    def of(cls, ref, title, category, year, persons) -> "Row":
        folded = tuple(fold_name(p) for p in (persons or []) if p and p.strip())
        if any(fold_name(p) != p for p in (persons or [])):
            title = _t2s.convert(title)  # old registers: the names in the title are traditional too
        return cls(ref, title or "", category, year, folded)


_COLUMNS = (Record.ref, Record.title, Record.category, Record.date_year, Record.persons)


# ------------------------------------------------------------------------------------------------ grading

def _at_prefix(ref: str, prefix: str) -> bool:
    return ref == prefix or ref.startswith(prefix + "-")


def grade_of(spec: Spec, r: Row) -> int:
    """The relevance grade (0-3) of a catalogue record for a query (see the module docstring)."""
    if spec.ref_prefix:
        return 3 if _at_prefix(r.ref, spec.ref_prefix) else 0
    persons = set(r.persons)
    full_p = all(p in persons for p in spec.persons)
    cat = spec.category is None or r.category == spec.category
    yr = spec.years is None or spec.years[0] <= r.year <= spec.years[1]
    wd = all(w in r.title for w in spec.words)
    if full_p and cat and wd and (spec.persons or spec.words or spec.category):
        return 3 if yr else 2
    if spec.persons and any(p in persons for p in spec.persons):
        return 1
    if not spec.persons and spec.words and spec.words[0] in r.title and yr:
        return 1
    if spec.category and spec.years and cat and yr:
        return 1
    return 0


def dcg(grades: list[int]) -> float:
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:10]))


def ndcg10(q: Query, grades: list[int]) -> float:
    ideal: list[int] = []
    for g in (3, 2, 1):
        ideal += [g] * min(10 - len(ideal), q.counts.get(g, 0))
    best = dcg(ideal)
    return dcg(grades) / best if best else 0.0


def recall10(q: Query, grades: list[int]) -> float:
    denominator = min(10, q.relevant)
    return sum(1 for g in grades[:10] if g >= 2) / denominator if denominator else 0.0


def _source_row(sessions, ref: str) -> Row:
    with sessions() as s:
        r = s.execute(select(*_COLUMNS).where(Record.ref == ref)).one()
    return Row.of(*r)


def judge(sessions, queries: list[Query], *, progress=None) -> None:
    """Fill every query's grade counts (exact) and grade-3/2 references in one pass over the catalogue."""
    by_person: dict[str, list[Query]] = {}
    by_word: dict[str, list[Query]] = {}
    by_prefix: dict[str, list[Query]] = {}
    for q in queries:
        q.counts, q.grade3, q.grade2 = Counter(), [], []
        s = q.spec
        if s.ref_prefix:
            by_prefix.setdefault(s.ref_prefix, []).append(q)
        elif s.persons:
            for p in set(s.persons):
                by_person.setdefault(p, []).append(q)
        elif s.words:
            by_word.setdefault(s.words[0], []).append(q)
    word_re = re.compile("|".join(sorted(map(re.escape, by_word), key=len, reverse=True))) if by_word else None
    catyear: Counter = Counter()  # (category, year) -> records
    touched_catyear: dict[int, int] = Counter()  # query id -> touched records with category C and year in Y

    def grade_touched(q: Query, row: Row) -> None:
        g = grade_of(q.spec, row)
        if g:
            q.counts[g] += 1
            if g == 3 and len(q.grade3) < KEEP_REFS:
                q.grade3.append(row.ref)
            elif g == 2 and len(q.grade2) < KEEP_REFS:
                q.grade2.append(row.ref)
        s = q.spec
        if s.category and s.years and row.category == s.category and s.years[0] <= row.year <= s.years[1]:
            touched_catyear[q.id] += 1

    n = 0
    with sessions() as s:
        for ref, title, category, year, persons in s.execute(
                select(*_COLUMNS).order_by(Record.id).execution_options(yield_per=5000)):
            n += 1
            if progress and n % 200_000 == 0:
                progress(n)
            catyear[(category, year)] += 1
            touched: dict[int, Query] = {}
            row = None
            if persons:
                for p in persons:
                    for q in by_person.get(fold_name(p), ()):
                        touched[q.id] = q
            if word_re is not None and title and word_re.search(title):
                row = Row.of(ref, title, category, year, persons)
                for w in [w for w in by_word if w in row.title]:  # every main word, overlapping ones too
                    for q in by_word[w]:
                        touched[q.id] = q
            if touched:
                row = row or Row.of(ref, title, category, year, persons)
                for q in touched.values():
                    grade_touched(q, row)
            if by_prefix:
                cut = [i for i, c in enumerate(ref) if c == "-"] + [len(ref)]
                for i in cut:
                    for q in by_prefix.get(ref[:i], ()):
                        q.counts[3] += 1
                        if len(q.grade3) < KEEP_REFS:
                            q.grade3.append(ref)
    # records nobody touched that have the stated category and year: grade 1 (category + year only)
    for q in queries:
        sp = q.spec
        if sp.category and sp.years and not sp.ref_prefix:
            total = sum(catyear[(sp.category, y)] for y in range(sp.years[0], sp.years[1] + 1))
            q.counts[1] += total - touched_catyear[q.id]
        q.counts = {g: c for g, c in q.counts.items() if c}
        if q.counts.get(3, 0) < 1:
            raise AssertionError(f"query {q.text!r}: its own record was not found while judging")
