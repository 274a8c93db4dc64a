"""Queries made only of filters (「八十年代 结婚」, 「1985 城关镇 宅基地」, 「X002-ZY·2017」) are answered by the database.

Nothing in them needs ranking, and counting tens of thousands of matches is what an index is slow at and a B-tree
on (category, year, access) is fast at.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from ..models import Record
from ..vocabulary import ACCESS_OPEN
from .schema import fold_ref
from .understand import Understood


def is_structured(u: Understood) -> bool:
    """True when the query is only a kind of record, years, places and a 档号 prefix, with nothing else typed."""
    return bool(u.category or u.years or u.ref_prefix) and not (u.persons or u.keywords or u.phrases or u.leftover)


def _conditions(u: Understood, *, years: bool = True, category: bool = True) -> list:
    conds = []
    if u.category and category:
        conds.append(Record.category == u.category)
    if u.years and years:
        conds.append(Record.date_year.between(*u.years))
    if u.places:
        conds.append(Record.place.in_(u.places))
    if u.ref_prefix:  # a range on the unique index of 档号: a prefix of thousands of 档号 is counted in the B-tree
        prefix = fold_ref(u.ref_prefix)
        conds.append(Record.ref >= prefix)
        conds.append(Record.ref < prefix + "\U0010ffff")
    return conds


def structured_search(sessions: sessionmaker, u: Understood, *, public: bool, limit: int) -> dict:
    """Hits (newest first, or in 档号 order for a prefix), total and restricted counts; years relaxed when nothing matches."""
    attempts = [(_conditions(u), None)]
    if u.years and u.category:
        attempts.append((_conditions(u, years=False), "没有找到该年份的记录，已放宽年份条件"))
    with sessions() as s:
        for conds, note in attempts:
            shown = conds + [Record.access == ACCESS_OPEN] if public else conds
            total = s.scalar(select(func.count(Record.id)).where(*shown)) or 0
            restricted = []
            if public:
                restricted = [
                    {"category": c or "其他", "year": y, "count": n}
                    for c, y, n in s.execute(
                        select(Record.category, Record.date_year, func.count(Record.id))
                        .where(*conds, Record.access != ACCESS_OPEN)
                        .group_by(Record.category, Record.date_year)
                        .order_by(Record.category, Record.date_year))
                ]
            if total or restricted:
                order = (Record.ref,) if u.ref_prefix else (Record.date_year.desc(), Record.id)
                records = list(s.scalars(select(Record).where(*shown).order_by(*order).limit(limit)))
                return {"total": total, "records": records, "restricted": restricted, "relaxed": note}
    return {"total": 0, "records": [], "restricted": [], "relaxed": None}
