"""The search benchmark's query set: queries generated from the loaded catalogue, with graded relevance.

    queries = build_queries(services.sessions, seed=1, per_kind=40)   # sample records, phrase queries
    judge(services.sessions, queries)                                  # one pass over the catalogue: grade counts
    grade_of(q.spec, record_row)                                       # the grade of any record for a query

Everything is deterministic for a given database and seed. Nothing here uses the search engine: queries are phrased
from catalogue records (SQLite through SQLAlchemy, models in core.models), and relevance is a function of the
record's own catalogue fields.

Kinds (roughly balanced, `per_kind` each)
-----------------------------------------
name_cat_year  person name(s) + category word (+ year), phrased from a record with one or two persons (招工, 学籍,
               退伍, 知青 with one, 婚姻登记 and 计划生育 with a couple): 「1985年张伟和李娜的结婚登记」,
               「张伟 李娜 结婚 85年」「王建国 招工」「王建国1972年招工登记」. The word names the category (for
               marriages the kind of registration the title shows: 离婚, 补领结婚证, 复婚), never a narrower record
               type such as 转学证明, because grading is at the level of the catalogue category.
topic          words of a 文书 title, lifted out with the title patterns of the catalogue: 「防汛抗旱 通知」,
               「1992年农业生产工作要点」「白沙镇修建小型水库的批复」「教育局1995年工作总结」.
question       questions as citizens ask them: 「我想查一下我爸爸王建国八十年代参加工作的档案」,
               「请问1975年李红梅下乡插队的材料在哪」「城关中学1983届高中毕业生的学籍」.
synonym        colloquial category words (结婚证/领证, 当兵/复员, 下乡/插队, 毕业证, 参加工作/转正) with decade or
               Chinese-numeral years (八十年代, 80年代, 一九八五年, 85年).
traditional    names of simplified records typed in traditional characters (張偉, 陳國華; only names that have a
               traditional form and fold back to themselves; surnames 余/范/于 kept), a quarter of them with the
               category word in traditional too; and, alternately, records of old registers (before 1965) written
               in traditional characters, queried with simplified names.
ref_prefix     档号 prefixes at a level boundary: volume (`X004-001-042`), year class (`X002-ZY·2003`), filing unit
               (`X002-ZY·2003-Y-HDC`) or a whole 档号; bare, after 「档号」, or in lower case.

Relevance grades (0-3)
----------------------
A query's `spec` records what it states: persons P (simplified-folded names), category C, year range Y, title words
W (W[0] is the main one: the topic, the school, the matter), or a 档号 prefix R. A record's names are folded the
same way (OpenCC t2s, spaces and · removed) and compared whole; W is matched as substrings of the (folded) title.

    R given:   3 if the record's 档号 is R or continues R at a level boundary (R + "-" …), else 0.
    3  every part stated matches: all of P among the record's persons, category C, year in Y, all of W in the title.
       The record a query was phrased from always satisfies this (checked).
    2  the same without the year: P and C (and W) match, the year lies outside Y (only when a year was stated).
    1  partial: one of the named persons appears (any category, any year); or, with no person named, W[0] is in
       the title and the year is in Y; or the record has category C and a year in Y (category + year only).
    0  otherwise.

nDCG@10 uses gain 2^grade − 1 and the ideal ranking of all graded records of the catalogue (grade counts are exact;
only the lists of grade-3/2 references kept for inspection are capped). recall@10 is the share of grade ≥ 2 records
in the top ten, over min(10, |grade ≥ 2|).
"""
from __future__ import annotations

import random

import opencc
from sqlalchemy import func, select

from core.models import Record
from search_grading import _COLUMNS, fold_name

KINDS = ("name_cat_year", "topic", "question", "synonym", "traditional", "ref_prefix")

_t2s = opencc.OpenCC("t2s")
_s2t = opencc.OpenCC("s2t")


def to_trad(text: str) -> str:
    return _s2t.convert(text)


_KEEP_SURNAMES = ("余", "范", "于")  # surnames that stay as they are in traditional script (not 餘, 範, 於)


def trad_name(name: str) -> str | None:
    """The name as written in traditional characters (张伟 → 張偉, 余玉兰 → 余玉蘭), or None when it has no
    traditional form different from itself or would not fold back to the same simplified name."""
    trad = to_trad(name)
    if name[:1] in _KEEP_SURNAMES:
        trad = name[0] + trad[1:]
    return trad if trad != name and fold_name(trad) == name else None


# ------------------------------------------------------------------------------------------------ phrasing helpers

_CN = "〇一二三四五六七八九"
_CN_TENS = {5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def cn_year(y: int) -> str:
    """1985 → 一九八五年."""
    return "".join(_CN[int(c)] for c in str(y)) + "年"


def short_year(y: int) -> str:
    """1985 → 85年, 2005 → 05年."""
    return f"{y % 100:02d}年"


def decade(y: int, rng: random.Random) -> tuple[str, tuple[int, int]]:
    """1985 → (八十年代 | 80年代, (1980, 1989)); only for 1950-1999."""
    d = (y % 100) // 10
    word = f"{_CN_TENS[d]}十年代" if rng.random() < 0.6 else f"{d}0年代"
    start = 1900 + d * 10
    return word, (start, start + 9)


def year_phrase(y: int, rng: random.Random, styles=("full", "full", "short", "cn", "decade")) -> tuple[str, tuple[int, int]]:
    """A way of saying the year and the range it means."""
    style = rng.choice(styles)
    if style == "decade" and 1950 <= y <= 1999:
        return decade(y, rng)
    if style == "short":
        return short_year(y), (y, y)
    if style == "cn":
        return cn_year(y), (y, y)
    if style == "bare":
        return str(y), (y, y)
    return f"{y}年", (y, y)


# The category word a person says, picked by the record's title (first match), then the category's default. Only
# words that name the whole category (or, for marriages, the kind of registration), because grading is at the level
# of the catalogue category: a record-type word such as 转学证明 or 伤残军人 would ask for less than is graded.
_CAT_WORDS: dict[str, list[tuple[str, str]]] = {
    "婚姻登记": [("离婚", "离婚登记"), ("补", "补领结婚证"), ("复婚", "复婚登记"), ("", "结婚登记")],
    "招工工龄": [("工龄", "工龄"), ("", "招工登记")],
    "学籍": [("", "学籍档案")],
    "退伍安置": [("入伍", "入伍"), ("兵役", "兵役登记"), ("", "退伍安置")],
    "知青": [("回城", "知青返城"), ("返城", "知青返城"), ("", "知青档案")],
    "计划生育": [("光荣证", "独生子女证"), ("", "计划生育")],
}


def cat_word(category: str, title: str) -> str:
    for needle, word in _CAT_WORDS[category]:
        if needle in title:
            return word
    raise AssertionError("unreachable")


def _short_word(word: str) -> str:
    """结婚登记 → 结婚, 招工登记 → 招工 (what people type in a hurry)."""
    return {"结婚登记": "结婚", "离婚登记": "离婚", "复婚登记": "复婚", "退伍安置": "退伍", "招工登记": "招工",
            "学籍档案": "学籍", "知青档案": "知青", "兵役登记": "兵役"}.get(word, word)


# ------------------------------------------------------------------------------------------------ sampling

class Sampler:
    """Random catalogue records matching a filter: read a window of ids at a random place, keep the rows that pass.

    Only the primary key is used in SQL (a filter on category would make SQLite walk the category index and sort),
    the rest is checked in Python.
    """

    WINDOW = 3000

    def __init__(self, sessions, rng: random.Random):
        self.sessions = sessions
        self.rng = rng
        with sessions() as s:
            self.lo = s.scalar(select(func.min(Record.id))) or 0
            self.hi = s.scalar(select(func.max(Record.id))) or 0
        self.used: set[str] = set()
        self._rare: dict[str, list[tuple]] = {}

    def pick(self, category: str | None = None, predicate=lambda row: True, *, before: int | None = None,
             since: int | None = None, tries: int = 60):
        """A record (ref, title, category, year, persons-as-stored) not used before, or None."""
        def ok(row) -> bool:
            return (row[0] not in self.used and (category is None or row[2] == category)
                    and (before is None or row[3] < before) and (since is None or row[3] >= since) and predicate(row))
        with self.sessions() as s:
            for _ in range(tries):
                start = self.rng.randint(self.lo, max(self.lo, self.hi - self.WINDOW))
                stmt = select(*_COLUMNS).where(Record.id.between(start, start + self.WINDOW)).order_by(Record.id)
                rows = [row for row in map(tuple, s.execute(stmt)) if ok(row)]
                if rows:
                    row = rows[self.rng.randrange(len(rows))]
                    self.used.add(row[0])
                    return row
        return None

    def pick_rare(self, key: str, category: str, before: int, predicate):
        """Like pick, for rare records of old years: all candidates come through the (category, year) index once."""
        if key not in self._rare:
            with self.sessions() as s:
                stmt = select(*_COLUMNS).where(Record.category == category, Record.date_year < before).order_by(Record.id)
                self._rare[key] = [row for row in map(tuple, s.execute(stmt)) if predicate(row)]
        rows = [row for row in self._rare[key] if row[0] not in self.used]
        if not rows:
            return None
        row = rows[self.rng.randrange(len(rows))]
        self.used.add(row[0])
        return row


def _people(n_lo: int, n_hi: int):
    return lambda row: n_lo <= len(row[4] or []) <= n_hi


def _simplified(row) -> bool:
    return all(fold_name(p) == p for p in row[4] or [])


def _old_register(row) -> bool:
    return any(fold_name(p) != p for p in row[4] or [])


_PERSON_CATS = ["婚姻登记", "婚姻登记", "招工工龄", "学籍", "退伍安置", "知青", "计划生育"]
