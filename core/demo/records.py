"""The streaming catalogue generator."""

from __future__ import annotations

import bisect
import datetime
import random
from collections.abc import Iterator

from .archive import format_doc_no
from .categories import (
    ADMIN_CATEGORY,
    CATEGORIES,
    CATEGORY_CUM,
    CLASS_CODES,
    MONTH_CUM_DEFAULT,
    MONTH_CUM_MARRIAGE,
    MONTHS,
    OLD_RETENTIONS,
    ORG_CODES,
    PERMANENT_SHARE,
    RETENTION_CODES,
    YEAR_TABLES,
)
from .titles import Ctx
from .titles_admin import admin
from .titles_people import family_planning, labour, marriage, school, veteran, youth
from .titles_property import adoption, forest, injury, notary, property_

OPEN_AFTER_YEARS = 25  # Archives Law 2020 Art. 27
TRADITIONAL_NAME_SHARE = 0.15  # share of pre-1965 registers written with traditional characters
BRACKET_TITLE_SHARE = 0.03  # titles made up by the archivist, written in [ ]
RECORD_KEYS = (
    "ref", "title", "creator", "date_year", "date_month", "date_day", "retention",
    "classification", "access", "category", "persons", "place", "fonds_code", "doc_no",
    "pages", "note",
)

_BUILDERS = {
    "婚姻登记": marriage, "计划生育": family_planning, "知青": youth, "招工工龄": labour,
    "学籍": school, "退伍安置": veteran, "工伤认定": injury, "房地产": property_,
    "林权": forest, "公证": notary, "收养": adoption, "文书": admin,
}
_BRACKET_LABEL = {
    "婚姻登记": "婚姻登记", "计划生育": "计划生育", "知青": "知识青年", "招工工龄": "招工",
    "学籍": "学籍", "退伍安置": "退伍安置", "工伤认定": "工伤认定", "房地产": "房产登记",
    "林权": "林权登记", "公证": "公证", "收养": "收养登记", "文书": "工作",
}
_NOTES = ["原件破损", "有附件", "字迹模糊", "复印件", "附照片", "缺页", "原件霉变", "有批示",
          "铅笔书写", "附证明材料"]
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TOTAL_WEIGHT = CATEGORY_CUM[-1]
_LAST_CATEGORY = len(CATEGORIES) - 1


def is_open_by_age(year: int, as_of_year: int) -> bool:
    """True when a record of `year` has passed the 25-year closure period by `as_of_year`."""
    return year + OPEN_AFTER_YEARS <= as_of_year


def _bracket(category: str, persons: list[str], place: str | None, year: int, creator: str) -> str:
    label = _BRACKET_LABEL[category]
    if category == "婚姻登记":
        return f"[{persons[0]}、{persons[1]}婚姻登记材料]"
    if category == ADMIN_CATEGORY:
        return f"[{creator}{year}年{label}材料]"
    if len(persons) == 1:
        return f"[{persons[0]}{label}材料]"
    if persons:
        return f"[{persons[0]}等{len(persons)}人{label}材料]"
    return f"[{place or creator}{year}年{label}材料]"


def generate_records(count: int, seed: int = 1, as_of_year: int | None = None) -> Iterator[dict]:
    """Yield `count` catalogue records of the demo archive, lazily and deterministically.

    The same (count, seed) gives the same records; `as_of_year` (default: this year)
    only changes the 开放标识 field, never the rest of the stream.
    """
    if as_of_year is None:
        as_of_year = datetime.date.today().year
    rng = random.Random(seed)
    r = rng.random
    randint = rng.randint
    ctx = Ctx(rng)
    items: dict[tuple, int] = {}  # (fonds, 门类, year, retention, org) -> last 件号
    catalogues: dict[tuple, int] = {}  # (fonds, category, retention) -> 目录号
    catalogue_count: dict[str, int] = {}  # fonds -> catalogues so far
    volume_count: dict[tuple, int] = {}  # (fonds, 目录号) -> volumes so far
    open_volume: dict[tuple, list[int]] = {}  # (fonds, 目录号, year) -> [案卷号, items, capacity]
    doc_numbers: dict[tuple, int] = {}  # (文号 prefix, year) -> last number

    for _ in range(count):
        category = CATEGORIES[bisect.bisect_right(CATEGORY_CUM, r() * _TOTAL_WEIGHT, 0, _LAST_CATEGORY)]
        years, ycum = YEAR_TABLES[category]
        year = years[bisect.bisect_right(ycum, r() * ycum[-1], 0, len(ycum) - 1)]
        ctx.trad = year < 1965 and r() < TRADITIONAL_NAME_SHARE
        b = _BUILDERS[category](ctx, year)
        livelihood = category != ADMIN_CATEGORY
        persons = b.persons

        # -- date (some registers give only the year or year and month)
        mcum = MONTH_CUM_MARRIAGE if category == "婚姻登记" else MONTH_CUM_DEFAULT
        month = MONTHS[bisect.bisect_right(mcum, r() * mcum[-1], 0, 11)]
        if category == "学籍" and b.roster:
            month = 6 + (r() < 0.4)
        days = 29 if month == 2 and year % 4 == 0 and (year % 100 or year % 400 == 0) else _DAYS[month - 1]
        day = randint(1, days)
        u = r()
        partial = 0.16 if year < 1980 else 0.06
        if u < partial / 2:
            month = day = None
        elif u < partial:
            day = None

        # -- retention, classification, access
        if livelihood:
            retention = "永久" if r() < PERMANENT_SHARE[category] else "定期30年"
            classification = "非密" if r() < 0.2 else None
        else:
            u = r()
            retention = "永久" if u < 0.4 else "定期30年" if u < 0.72 else "定期10年"
            u = r()
            classification = "秘密" if u < 0.02 else "非密" if u < 0.6 else None
        if year < 2000 and r() < 0.2:
            retention = OLD_RETENTIONS[retention]
        u = r()
        if livelihood or classification == "秘密":
            access = "控制"
        elif is_open_by_age(year, as_of_year):
            access = "延期开放" if u < 0.05 else "开放"
        else:
            access = "未审核" if u < 0.55 else "控制"

        # -- 档号
        fonds = b.fonds
        if year >= 2000:
            orgs = ORG_CODES[category]
            key = (fonds, CLASS_CODES[category], year, RETENTION_CODES[retention], orgs[int(r() * len(orgs))])
            n = items.get(key, 0) + 1
            items[key] = n
            ref = f"{key[0]}-{key[1]}·{year}-{key[3]}-{key[4]}-{n:04d}"
        else:
            ckey = (fonds, category, retention)
            cat_no = catalogues.get(ckey)
            if cat_no is None:
                cat_no = catalogues[ckey] = catalogue_count.get(fonds, 0) + 1
                catalogue_count[fonds] = cat_no
            vkey = (fonds, cat_no, year)
            vol = open_volume.get(vkey)
            if vol is None or vol[1] >= vol[2]:
                vno = volume_count.get((fonds, cat_no), 0) + 1
                volume_count[(fonds, cat_no)] = vno
                vol = open_volume[vkey] = [vno, 0, 1 if b.roster else randint(8, 60)]
            vol[1] += 1
            ref = f"{fonds}-{cat_no:03d}-{vol[0]:03d}-{vol[1]:03d}"

        # -- 文号, title form, pages, note
        doc_no = None
        if b.doc_prefix:
            dkey = (b.doc_prefix, year)
            number = doc_numbers.get(dkey, 0) + randint(1, 3)
            doc_numbers[dkey] = number
            doc_no = format_doc_no(b.doc_prefix, year, number)
        title = b.title
        if r() < BRACKET_TITLE_SHARE:
            title = _bracket(category, persons, b.place, year, b.creator)
            doc_no = None
        if b.roster:
            pages = min(120, len(persons) // 2 + randint(2, 20))
        elif category == "婚姻登记":
            pages = randint(2, 6)
        elif persons:
            pages = randint(1, 12)
        else:
            pages = int(rng.triangular(1, 40, 3))
        note = None
        if r() < (0.09 if year < 1970 else 0.04):
            note = _NOTES[int(r() * len(_NOTES))]

        yield {
            "ref": ref,
            "title": title,
            "creator": b.creator,
            "date_year": year,
            "date_month": month,
            "date_day": day,
            "retention": retention,
            "classification": classification,
            "access": access,
            "category": category,
            "persons": persons,
            "place": b.place,
            "fonds_code": fonds,
            "doc_no": doc_no,
            "pages": pages,
            "note": note,
        }
