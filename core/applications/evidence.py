"""Whether the records an archivist cites fit the application they answer (a certificate must not cite another
couple's marriage, or another decade's file, by a slip of the keyboard)."""
from __future__ import annotations

from ..models import Application, Record
from ..search.text import fold_name


def record_mismatches(application: Application, records: list[Record]) -> list[str]:
    """Chinese descriptions of each way a cited record does not fit the application; empty when all fit."""
    problems = []
    subjects = {fold_name(n) for n in application.subject_names}
    first, last = application.year_from, application.year_to
    for r in records:
        if r.category and r.category != application.category:
            problems.append(f"{r.ref} 属于「{r.category}」，申请查的是「{application.category}」")
        if first is not None and last is not None and not first <= r.date_year <= last:
            problems.append(f"{r.ref} 形成于 {r.date_year} 年，不在申请的 {first}–{last} 年之内")
        persons = {fold_name(p) for p in (r.persons or [])}
        if persons and not persons & subjects:
            problems.append(f"{r.ref} 的人名（{'、'.join(r.persons)}）中没有当事人")
    return problems
