"""Title machinery shared by the category builders.

A category builder picks a template valid for the record's year, creates the
persons the template needs (with birth years that follow from the record's
year), fills the place fields, and returns a :class:`Built`.
"""

from __future__ import annotations

import itertools
import random
from typing import NamedTuple

from .archive import FONDS_NAME, doc_prefix
from .names import given_name_of, person_name, surname_of, to_traditional
from .places import COUNTY, SCHOOLS, STREETS, TOWNSHIPS, VILLAGES, WORK_UNITS, township_government


class T(NamedTuple):
    """One title template."""

    lo: int  # first year the template is plausible
    hi: int  # last year
    w: float  # relative weight
    mode: str  # which persons: one, one_m, one_f, two, couple, family, child, pchild, few, named, roster, none
    text: str  # str.format template: {p} {q} {k} {n} {year} {town} {village} {village2} {unit} ...
    doc: bool = False  # carries a 文号
    ages: tuple[int, int] | None = None  # age range of the adults at the record's date
    who: str | None = None  # fonds override (category builders interpret it)


class Built(NamedTuple):
    title: str
    persons: list[str]
    place: str | None
    fonds: str
    creator: str
    doc_prefix: str | None
    roster: bool


ROSTER_MODES = frozenset({"named", "roster", "named_m", "roster_m"})


def built(t: "T", title: str, persons: list[str], place: str | None, fonds: str, year: int,
          roster: bool | None = None) -> "Built":
    """The record a rendered template makes: filed under `fonds`, with a 文号 when the template has one."""
    prefix = doc_prefix(fonds, year) if t.doc else None
    return Built(title, persons, place, fonds, FONDS_NAME[fonds], prefix,
                 t.mode in ROSTER_MODES if roster is None else roster)


class Ctx:
    """Per-stream state shared by the builders: the RNG and the old-register flag."""

    __slots__ = ("rng", "trad", "_cache")

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.trad = False  # write names with traditional characters (old registers)
        self._cache: dict[tuple[int, int], tuple[list[T], list[float]]] = {}

    # -- small random helpers -------------------------------------------------
    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def name(self, birth_year: int, male: bool) -> str:
        n = person_name(self.rng, birth_year, male)
        return to_traditional(n) if self.trad else n

    def adult(self, year: int, ages: tuple[int, int], male: bool | None = None) -> str:
        if male is None:
            male = self.rng.random() < 0.5
        return self.name(year - self.rng.randint(ages[0], ages[1]), male)

    def people(self, year: int, n: int, ages: tuple[int, int], male_share: float = 0.5) -> list[str]:
        rng = self.rng
        r = rng.random
        lo, span = ages[0], ages[1] - ages[0] + 1
        names = [person_name(rng, year - lo - int(r() * span), r() < male_share) for _ in range(n)]
        return [to_traditional(x) for x in names] if self.trad else names

    # -- template selection ---------------------------------------------------
    def choose(self, table: list[T], year: int) -> T:
        key = (id(table), year)
        hit = self._cache.get(key)
        if hit is None:
            valid = [t for t in table if t.lo <= year <= t.hi] or table[:1]
            hit = (valid, list(itertools.accumulate(t.w for t in valid)))
            self._cache[key] = hit
        valid, cum = hit
        return self.rng.choices(valid, cum_weights=cum)[0]

    def persons_for(self, t: T, year: int, ages: tuple[int, int]) -> list[str]:
        m = t.mode
        a = t.ages or ages
        if m == "one":
            return [self.adult(year, a)]
        if m == "one_m":
            return [self.adult(year, a, True)]
        if m == "one_f":
            return [self.adult(year, a, False)]
        if m == "two":
            return [self.adult(year, a), self.adult(year, a)]
        if m == "couple":
            return [self.adult(year, a, True), self.adult(year, (a[0] - 2, a[1] - 2), False)]
        if m == "family":  # an adopted child usually takes the father's surname
            father = self.adult(year, a, True)
            child = self.adult(year, (0, 10))
            if self.rng.random() < 0.7:
                child = surname_of(father) + given_name_of(child)
            return [father, self.adult(year, (a[0] - 2, a[1] - 2), False), child]
        if m == "child":
            return [self.adult(year, (0, 10))]
        if m == "pchild":
            parent, child = self.adult(year, a), self.adult(year, (0, 10))
            if self.rng.random() < 0.6:
                child = surname_of(parent) + given_name_of(child)
            return [parent, child]
        if m == "few":
            return self.people(year, self.rng.randint(2, 6), a)
        if m in ROSTER_MODES:
            return self.people(year, self.rng.randint(10, 40), a, 1.0 if m[-2:] == "_m" else 0.5)
        return []

    def render(self, table: list[T], year: int, ages: tuple[int, int], **extra):
        """Choose a template, make its persons and fill it.

        Returns (template, title, persons, place, township): place is the village or
        township the title names (else None); township is the one drawn for the record.
        """
        t = self.choose(table, year)
        persons = self.persons_for(t, year, ages)
        town = self.pick(TOWNSHIPS)
        villages = VILLAGES[town]
        i = int(self.rng.random() * len(villages))
        village, village2 = villages[i], villages[i - 1]
        fields = {
            "p": persons[0] if persons else "",
            "q": persons[1] if len(persons) > 1 else "",
            "k": persons[-1] if persons else "",
            "n": len(persons),
            "year": year,
            "town": town,
            "village": village,
            "village2": village2,
            "county": COUNTY,
            "gov": township_government(town, year),
        }
        text = t.text
        if "{unit}" in text:
            fields["unit"] = self.pick(WORK_UNITS)
        if "{street}" in text:
            fields["street"] = self.pick(STREETS[town])
            fields["num"] = self.rng.randint(1, 188)
        if "{school}" in text and "school" not in extra:
            school, levels = self.pick(SCHOOLS)
            fields["school"], fields["level"] = school, self.pick(levels)
        fields.update(extra)
        if "{village}" in text:
            place = village
        elif "{town}" in text or "{gov}" in text:
            place = town
        else:
            place = None
        return t, text.format(**fields), persons, place, town
