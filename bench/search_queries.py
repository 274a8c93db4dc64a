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

import math
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import opencc
from sqlalchemy import func, select

from core.demo.names import GIVEN_NAMES, given_name_of
from core.models import Record

KINDS = ("name_cat_year", "topic", "question", "synonym", "traditional", "ref_prefix")
KEEP_REFS = 200  # grade-3 / grade-2 references kept per query for inspection (counts are exact)

_t2s = opencc.OpenCC("t2s")
_s2t = opencc.OpenCC("s2t")


@lru_cache(maxsize=200_000)
def fold_name(name: str) -> str:
    """A person's name in simplified characters, without spaces or dots."""
    return _t2s.convert(name).replace(" ", "").replace("·", "").replace("\u3000", "")


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


# ---- name + category + year

def _name_cat_year(sp: Sampler, rng: random.Random, i: int):
    category = _PERSON_CATS[i % len(_PERSON_CATS)]
    two = category in ("婚姻登记", "计划生育")
    row = sp.pick(category, lambda r: _simplified(r) and _people(*(2, 2) if two else (1, 1))(r))
    if row is None:
        return None
    ref, title, _, y, persons = row
    word = cat_word(category, title)
    p = persons[0]
    if two:
        q = persons[1]
        form = rng.randrange(4)
        if form == 0:
            text, spec = f"{y}年{p}和{q}的{word}", Spec([p, q], category, (y, y))
        elif form == 1:
            text, spec = f"{p} {q} {_short_word(word)} {short_year(y)}", Spec([p, q], category, (y, y))
        elif form == 2:
            text, spec = f"{p}、{q} {word}", Spec([p, q], category)
        else:
            text, spec = f"{p} {_short_word(word)} {y}", Spec([p], category, (y, y))
    else:
        form = rng.randrange(3)
        if form == 0:
            text, spec = f"{p} {_short_word(word)}", Spec([p], category)
        elif form == 1:
            text, spec = f"{p}{y}年{word}", Spec([p], category, (y, y))
        else:
            text, spec = f"{y} {p} {_short_word(word)}", Spec([p], category, (y, y))
    return text, ref, spec


# ---- topics of 文书 titles

_ADMIN_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"关于印发(?P<y>\d{4})年(?P<t>.+?)工作要点的通知"), "要点"),
    (re.compile(r"关于(?P<t>[^《》]+?)工作情况的报告"), "报告"),
    (re.compile(r"关于同意(?P<town>.+?[镇乡]|.+?街道)(?P<m>.+?)的批复"), "批复"),
    (re.compile(r"^(?P<o>.+?)(?P<y>\d{4})年工作总结"), "总结"),
    (re.compile(r"关于召开全县(?P<t>.+?)工作会议的通知"), "会议"),
    (re.compile(r"关于表彰(?P<y>\d{4})年度(?P<t>.+?)先进集体和先进个人的决定"), "表彰"),
    (re.compile(r"《关于(?P<t>.+?)的通知》"), "转发"),
    (re.compile(r"关于成立临江县(?P<t>.+?)工作领导小组的通知"), "领导小组"),
    (re.compile(r"关于(?P<town>.+?[镇乡]|.+?街道)(?P<y>\d{4})年(?P<t>.+?)情况的调查报告"), "调查"),
    (re.compile(r"关于下达(?P<y>\d{4})年(?P<t>.+?)任务的通知"), "任务"),
    (re.compile(r"关于(?P<t>[^《》]+?)有关问题的请示"), "请示"),
    (re.compile(r"^(?P<o>.+?)大事记（(?P<y>\d{4})年）"), "大事记"),
]


def _topic(sp: Sampler, rng: random.Random, i: int):
    wanted = _ADMIN_PATTERNS[i % len(_ADMIN_PATTERNS)]
    row = sp.pick("文书", lambda r: bool(wanted[0].search(r[1] or "")))
    if row is None:
        return None
    ref, title, _, y, _ = row
    m = wanted[0].search(title)
    g = m.groupdict()
    kind = wanted[1]
    with_year = rng.random() < 0.5
    sep = rng.choice([" ", ""])
    t = g.get("t")
    if kind == "要点":
        if with_year:
            return f"{y}年{t}工作要点", ref, Spec(words=[t, "工作要点"], years=(y, y))
        return f"{t}{sep}工作要点", ref, Spec(words=[t, "工作要点"])
    if kind == "报告":
        return f"{t}工作情况{sep}报告", ref, Spec(words=[t, "工作情况", "报告"])
    if kind == "批复":
        if rng.random() < 0.5:
            return f"{g['town']}{g['m']}的批复", ref, Spec(words=[g["m"], g["town"], "批复"])
        return f"{g['m']}{sep}批复", ref, Spec(words=[g["m"], "批复"])
    if kind == "总结":
        org = g["o"]
        return f"{org}{y}年工作总结", ref, Spec(words=[org, "工作总结"], years=(y, y))
    if kind == "会议":
        return f"{t}工作会议{sep}通知", ref, Spec(words=[t, "工作会议", "通知"])
    if kind == "表彰":
        if with_year:
            return f"{y}年{t}先进集体表彰", ref, Spec(words=[t, "先进集体", "表彰"], years=(y, y))
        return f"表彰{t}先进", ref, Spec(words=[t, "表彰", "先进"])
    if kind == "转发":
        return f"{t}{sep}通知", ref, Spec(words=[t, "通知"])
    if kind == "领导小组":
        return f"{t}工作领导小组", ref, Spec(words=[t, "领导小组"])
    if kind == "调查":
        if with_year:
            return f"{g['town']}{y}年{t}调查报告", ref, Spec(words=[t, g["town"], "调查报告"], years=(y, y))
        return f"{g['town']}{sep}{t}{sep}调查报告", ref, Spec(words=[t, g["town"], "调查报告"])
    if kind == "任务":
        return f"下达{y}年{t}任务", ref, Spec(words=[t, "任务"], years=(y, y))
    if kind == "请示":
        return f"{t}{sep}请示", ref, Spec(words=[t, "请示"])
    if kind == "大事记":
        org = g["o"]
        if with_year:
            return f"{org}大事记 {y}", ref, Spec(words=[org, "大事记"], years=(y, y))
        return f"{org}大事记", ref, Spec(words=[org, "大事记"])
    raise AssertionError(kind)


# ---- natural questions

_SCHOOL_ROSTER = re.compile(r"^(?P<s>.+?(?:中学|小学|学校))(?P<y>\d{4})届(?P<l>初中|高中|职高|中师|中专|小学)毕业")
_RELATIVE = {"M": ["我爸爸", "我父亲", "我爷爷", "我外公", "家父"], "F": ["我妈妈", "我母亲", "我奶奶", "我外婆"]}
_MALE_GIVEN = {g for male, _ in GIVEN_NAMES.values() for g in male}
_FEMALE_GIVEN = {g for _, female in GIVEN_NAMES.values() for g in female}


def _relative(name: str, rng: random.Random) -> str:
    """「我爸爸」 or 「我妈妈」 … when the given name tells the sex (王建国, 李秀英), else nothing."""
    given = given_name_of(name)
    sex = "M" if given in _MALE_GIVEN - _FEMALE_GIVEN else "F" if given in _FEMALE_GIVEN - _MALE_GIVEN else None
    return rng.choice(_RELATIVE[sex]) if sex else ""


def _question(sp: Sampler, rng: random.Random, i: int):
    which = i % 6
    if which == 0:  # 招工 by decade
        row = sp.pick("招工工龄", before=2000, predicate=lambda r: _simplified(r) and _people(1, 1)(r))
        if row is None:
            return None
        ref, _, _, y, (p,) = row
        word, years = decade(y, rng)
        texts = [f"我想查一下{_relative(p, rng)}{p}{word}参加工作的档案",
                 f"{p}是{word}招工进厂的，想查招工的材料",
                 f"请问能查到{p}{word}的招工档案吗"]
        return rng.choice(texts), ref, Spec([p], "招工工龄", years)
    if which == 1:  # 知青
        row = sp.pick("知青", lambda r: _simplified(r) and _people(1, 1)(r))
        if row is None:
            return None
        ref, _, _, y, (p,) = row
        texts = [(f"请问{y}年{p}下乡插队的材料在哪", (y, y)),
                 (f"{_relative(p, rng)}{p}是{y}年的下乡知青，能查到档案吗", (y, y)),
                 (f"想找{p}当知青时候的材料", None)]
        text, years = rng.choice(texts)
        return text, ref, Spec([p], "知青", years)
    if which == 2:  # 学籍 rosters by school and 届
        row = sp.pick("学籍", lambda r: bool(_SCHOOL_ROSTER.search(r[1] or "")))
        if row is None:
            return None
        ref, title, _, y, _ = row
        m = _SCHOOL_ROSTER.search(title)
        school, level = m["s"], m["l"]
        texts = [(f"{school}{y}届{level}毕业生的学籍", [school, level, "毕业"]),
                 (f"我是{school}{y}届{level}毕业的，想查学籍档案", [school, level, "毕业"]),
                 (f"请问{school}{y}年毕业生名单在哪里查", [school, "毕业"])]
        text, words = rng.choice(texts)
        return text, ref, Spec(category="学籍", years=(y, y), words=words)
    if which == 3:  # 结婚
        row = sp.pick("婚姻登记", lambda r: _simplified(r) and "结婚" in (r[1] or ""))
        if row is None:
            return None
        ref, _, _, y, (p, q) = row
        if y < 2000 and rng.random() < 0.5:
            word, years = decade(y, rng)
            text = f"我父母{p}和{q}是{word}结的婚，能查到结婚登记吗"
        else:
            years = (y, y)
            text = rng.choice([f"帮我查一下{y}年{p}和{q}的结婚证", f"{p}、{q}{y}年登记结婚，结婚证丢了怎么办"])
        return text, ref, Spec([p, q], "婚姻登记", years)
    if which == 4:  # 退伍
        row = sp.pick("退伍安置",
                      lambda r: _simplified(r) and _people(1, 1)(r) and ("退伍" in r[1] or "退出现役" in r[1]))
        if row is None:
            return None
        ref, _, _, y, (p,) = row
        text = rng.choice([f"{rng.choice(_RELATIVE['M'])}{p}{y}年退伍回乡，想查退伍安置的档案",
                           f"请问{p}{y}年退伍的安置材料能查吗"])
        return text, ref, Spec([p], "退伍安置", (y, y))
    row = sp.pick("计划生育", lambda r: _simplified(r) and _people(2, 2)(r) and "光荣证" in r[1])
    if row is None:
        return None
    ref, _, _, y, (p, q) = row
    text = rng.choice([f"{p}和{q}的独生子女父母光荣证是{y}年办的，现在要用，能查吗",
                       f"请问怎么查{y}年{p}的独生子女证"])
    persons = [p, q] if q in text else [p]
    return text, ref, Spec(persons, "计划生育", (y, y))


# ---- synonyms and year forms

_SYNONYMS: list[tuple[str, list[str]]] = [
    ("婚姻登记", ["结婚证", "领证"]),
    ("退伍安置", ["当兵", "复员"]),
    ("知青", ["下乡", "插队"]),
    ("学籍", ["毕业证"]),
    ("招工工龄", ["参加工作", "转正"]),
]


def _synonym(sp: Sampler, rng: random.Random, i: int):
    category, words = _SYNONYMS[i % len(_SYNONYMS)]
    two = category == "婚姻登记"
    pred = (lambda r: _simplified(r) and _people(2, 2)(r) and "结婚" in r[1]) if two else \
        (lambda r: _simplified(r) and _people(1, 1)(r))
    row = sp.pick(category, pred)
    if row is None:
        return None
    ref, _, _, y, persons = row
    word = words[(i // len(_SYNONYMS)) % len(words)]
    names = " ".join(persons) if two else persons[0]
    if rng.random() < 0.15:
        return f"{names} {word}", ref, Spec(list(persons), category)
    phrase, years = year_phrase(y, rng, ("short", "cn", "decade", "decade"))
    text = rng.choice([f"{names} {word} {phrase}", f"{phrase}{names.replace(' ', '和')}{word}"])
    return text, ref, Spec(list(persons), category, years)


# ---- traditional characters

_TRAD_CATS = ["婚姻登记", "招工工龄", "学籍", "退伍安置", "知青"]


def _traditional(sp: Sampler, rng: random.Random, i: int):
    category = _TRAD_CATS[i % len(_TRAD_CATS)]
    two = category == "婚姻登记"
    n = (2, 2) if two else (1, 1)
    old = i % 2 == 1  # odd: an old register written in traditional characters, queried in simplified
    if old:
        row = sp.pick_rare(f"old-{category}", category, 1965, lambda r: _people(*n)(r) and _old_register(r))
    else:
        row = sp.pick(category,
                      lambda r: _people(*n)(r) and _simplified(r) and all(trad_name(p) for p in r[4]))
    if row is None:
        return None
    ref, title, _, y, persons = row
    simple = [fold_name(p) for p in persons]
    shown = simple if old else [trad_name(p) for p in persons]
    word = _short_word(cat_word(category, _t2s.convert(title)))
    if not old and rng.random() < 0.25:
        word = to_trad(word)  # the whole query typed in traditional characters
    with_year = rng.random() < 0.6
    text = " ".join(shown) + f" {word}" + (f" {y}年" if with_year else "")
    return text, ref, Spec(simple, category, (y, y) if with_year else None)


# ---- 档号 prefixes

_VOLUME = re.compile(r"^[A-Z]\d{3}-\d{3}-\d{3,}-\d{3,}$")
_ITEM = re.compile(r"^[A-Z]\d{3}-[A-Z]{2}·\d{4}-[A-Z0-9]+-[A-Z]+-\d{4,}$")


def _ref_prefix(sp: Sampler, rng: random.Random, i: int):
    volume_style = i % 2 == 0
    row = sp.pick(None, before=2000 if volume_style else None, since=None if volume_style else 2000,
                  predicate=lambda r: bool((_VOLUME if volume_style else _ITEM).match(r[0])))
    if row is None:
        return None
    ref = row[0]
    parts = ref.split("-")
    u = rng.random()
    if u < 0.15:
        prefix = ref
    elif volume_style:
        prefix = "-".join(parts[:3])
    else:
        prefix = "-".join(parts[:2]) if u < 0.6 else "-".join(parts[:4])
    u = rng.random()
    text = prefix if u < 0.6 else f"档号{prefix}" if u < 0.85 else prefix.lower()
    return text, ref, Spec(ref_prefix=prefix)


_MAKERS = {"name_cat_year": _name_cat_year, "topic": _topic, "question": _question, "synonym": _synonym,
           "traditional": _traditional, "ref_prefix": _ref_prefix}


# ------------------------------------------------------------------------------------------------ building

def _source_row(sessions, ref: str) -> Row:
    with sessions() as s:
        r = s.execute(select(*_COLUMNS).where(Record.ref == ref)).one()
    return Row.of(*r)


def build_queries(sessions, *, seed: int = 1, per_kind: int = 40) -> list[Query]:
    """`per_kind` queries of each kind, phrased from records sampled deterministically with `seed`."""
    rng = random.Random(f"lantai-search-bench-{seed}")
    sampler = Sampler(sessions, rng)
    out: list[Query] = []
    texts: set[str] = set()
    for kind in KINDS:
        made, attempt = 0, 0
        while made < per_kind and attempt < per_kind * 5:
            got = _MAKERS[kind](sampler, rng, attempt)
            attempt += 1
            if got is None:
                continue
            text, ref, spec = got
            if text in texts:
                continue
            if grade_of(spec, _source_row(sessions, ref)) != 3:
                raise AssertionError(f"query {text!r} does not match its own record {ref}")
            texts.add(text)
            out.append(Query(len(out) + 1, kind, text, ref, spec))
            made += 1
    return out


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
