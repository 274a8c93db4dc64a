"""The six kinds of benchmark queries, each phrased from a sampled catalogue record, and the query set builder.

Phrasing helpers and the sampler are in search_queries.py; grades in search_grading.py.
"""
from __future__ import annotations

import random
import re

from core.demo.names import GIVEN_NAMES, given_name_of
from search_grading import Query, Spec, _source_row, fold_name, grade_of
from search_queries import (  # noqa: F401
    KINDS, Sampler, _old_register, _people, _PERSON_CATS, _short_word, _simplified, cat_word, decade,
    short_year, to_trad, trad_name, year_phrase, _t2s,
)


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
