"""Tests for core.demo — the deterministic fake county archive."""

from __future__ import annotations

import collections
import datetime
import itertools
import re
import time
import types

import pytest

from core.demo import (
    ARCHIVE,
    CATEGORIES,
    FONDS,
    LIVELIHOOD_CATEGORIES,
    PLACES,
    RECORD_KEYS,
    TOWNSHIPS,
    generate_centres,
    generate_records,
)
from core.demo.places import ALL_VILLAGES, SCHOOL_NAMES, WORK_UNITS

AS_OF = 2024
N = 20_000

ITEM_REF = re.compile(r"^(X\d{3})-(WS|ZY)·(\d{4})-(Y|D30|D10)-([A-Z]{2,4})-(\d{4,})$")
VOLUME_REF = re.compile(r"^(X\d{3})-(\d{3,})-(\d{3,})-(\d{3,})$")
DOC_NO = re.compile(r"^临[\u4e00-\u9fff]{1,3}(发|字)〔(\d{4})〕(第)?\d+号$")
FONDS_NAMES = {f["code"]: f["name"] for f in FONDS}

# Given names that only a child born in the 2000s would carry.
MODERN_NAMES = ("梓萱", "子涵", "欣怡", "子轩", "梓涵", "浩然", "一诺", "若曦", "雨涵", "语嫣")
# Given names typical of births from the 1970s on — impossible for people marrying before 1968.
LATER_NAMES = ("娜", "婷", "磊", "浩", "鑫", "晓燕", "丽娟", "俊杰", "晓明") + MODERN_NAMES


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return list(generate_records(N, seed=42, as_of_year=AS_OF))


def by_category(records, category):
    return [r for r in records if r["category"] == category]


# ------------------------------------------------------------------ static data
def test_archive_and_fonds():
    assert set(ARCHIVE) == {"code", "name", "address", "phone"}
    county = ARCHIVE["name"].removesuffix("档案馆")
    assert county.endswith("县")
    codes = [f["code"] for f in FONDS]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"X\d{3}", c) for c in codes)
    names = [f["name"] for f in FONDS]
    assert all(n.startswith(county) for n in names)
    for agency in ("民政局", "教育局", "劳动局", "人武部", "知青办", "人民政府办公室", "公证处", "林业局"):
        assert any(n.endswith(agency) for n in names), agency


def test_townships_and_places():
    assert 10 <= len(TOWNSHIPS) <= 15
    assert len(set(TOWNSHIPS)) == len(TOWNSHIPS)
    assert all(t.endswith(("镇", "乡", "街道")) for t in TOWNSHIPS)
    assert "城关镇" in TOWNSHIPS
    assert len(PLACES) == len(set(PLACES))
    for group in (TOWNSHIPS, ALL_VILLAGES, SCHOOL_NAMES, WORK_UNITS):
        assert set(group) <= set(PLACES)


# ------------------------------------------------------------------ stream behaviour
def test_generator_is_lazy():
    gen = generate_records(10**9, seed=1)
    assert isinstance(gen, types.GeneratorType)
    start = time.perf_counter()
    first = list(itertools.islice(gen, 10))
    assert len(first) == 10
    assert time.perf_counter() - start < 1.0


def test_count_is_respected():
    assert list(generate_records(0)) == []
    assert len(list(generate_records(37, seed=5))) == 37


def test_deterministic_per_seed():
    a = list(generate_records(500, seed=3, as_of_year=AS_OF))
    b = list(generate_records(500, seed=3, as_of_year=AS_OF))
    c = list(generate_records(500, seed=4, as_of_year=AS_OF))
    assert a == b
    assert a != c
    assert sum(x["title"] == y["title"] for x, y in zip(a, c)) < 50
    # a shorter stream is a prefix of a longer one
    assert list(generate_records(100, seed=3, as_of_year=AS_OF)) == a[:100]


def test_as_of_year_changes_only_access():
    a = list(generate_records(2000, seed=9, as_of_year=2024))
    b = list(generate_records(2000, seed=9, as_of_year=2005))
    assert [dict(r, access=None) for r in a] == [dict(r, access=None) for r in b]
    assert [r["access"] for r in a] != [r["access"] for r in b]


def test_refs_unique_over_100k():
    refs = set()
    n = 0
    for r in generate_records(100_000, seed=7):
        refs.add(r["ref"])
        n += 1
    assert len(refs) == n == 100_000


# ------------------------------------------------------------------ field validity
def test_fields_within_allowed_sets(records):
    creators_ok = set(FONDS_NAMES.values())
    villages = set(ALL_VILLAGES)
    for r in records:
        assert tuple(r) == RECORD_KEYS
        year = r["date_year"]
        assert 1950 <= year <= 2023
        assert r["category"] in CATEGORIES
        assert r["fonds_code"] in FONDS_NAMES
        assert isinstance(r["title"], str) and len(r["title"]) >= 6
        assert isinstance(r["persons"], list) and all(isinstance(p, str) and 2 <= len(p) <= 4 for p in r["persons"])
        assert r["place"] is None or r["place"] in TOWNSHIPS or r["place"] in villages
        assert r["classification"] in (None, "非密", "秘密")
        assert r["access"] in ("开放", "控制", "延期开放", "未审核")
        assert isinstance(r["pages"], int) and 1 <= r["pages"] <= 120
        assert r["note"] is None or isinstance(r["note"], str)
        # date: year only, year+month, or a real calendar date
        if r["date_day"] is not None:
            datetime.date(year, r["date_month"], r["date_day"])
        elif r["date_month"] is not None:
            assert 1 <= r["date_month"] <= 12
        # creator: the fonds' agency, the county government of the day, or a township government
        c = r["creator"]
        assert (
            c in creators_ok
            or re.fullmatch(r"临江县(人民政府|人民委员会|革命委员会)(办公室)?", c)
            or re.fullmatch(r".{2,3}(人民政府|人民公社|街道办事处)", c)
        ), c
        # 档号: item style from 2000 on, volume style before
        ref = r["ref"]
        if year >= 2000:
            m = ITEM_REF.match(ref)
            assert m, ref
            assert m.group(1) == r["fonds_code"] and int(m.group(3)) == year
            assert {"Y": "永久", "D30": "定期30年", "D10": "定期10年"}[m.group(4)] == r["retention"]
            assert r["retention"] in ("永久", "定期30年", "定期10年")
        else:
            m = VOLUME_REF.match(ref)
            assert m, ref
            assert m.group(1) == r["fonds_code"]
            assert r["retention"] in ("永久", "定期30年", "定期10年", "长期", "短期")
        if r["doc_no"] is not None:
            m = DOC_NO.match(r["doc_no"])
            assert m, r["doc_no"]
            assert int(m.group(2)) == year


def test_partial_dates_are_a_minority(records):
    partial = sum(r["date_day"] is None for r in records) / len(records)
    assert 0.04 < partial < 0.2


def test_old_retention_terms_only_before_2000(records):
    old = [r for r in records if r["retention"] in ("长期", "短期")]
    assert old and all(r["date_year"] < 2000 for r in old)


def test_doc_numbers_mostly_on_admin_documents(records):
    with_no = [r for r in records if r["doc_no"]]
    assert with_no
    admin = by_category(records, "文书")
    assert sum(r["doc_no"] is not None for r in admin) / len(admin) > 0.5
    for r in with_no:
        if r["category"] != "文书":
            assert re.search(r"(批复|通知|决定|决定书)$", r["title"]), r["title"]
    assert not any(r["doc_no"] for r in by_category(records, "婚姻登记"))


# ------------------------------------------------------------------ access (Archives Law Art. 27)
@pytest.mark.parametrize("as_of", [2024, 2000])
def test_access_follows_25_year_rule(as_of):
    seen = collections.Counter()
    for r in generate_records(8000, seed=11, as_of_year=as_of):
        if r["category"] in LIVELIHOOD_CATEGORIES:
            assert r["access"] == "控制"
            continue
        if r["classification"] == "秘密":
            assert r["access"] != "开放"
            continue
        old = r["date_year"] + 25 <= as_of
        if old:
            assert r["access"] in ("开放", "延期开放")
        else:
            assert r["access"] in ("未审核", "控制")
        seen[(old, r["access"])] += 1
    old_total = seen[(True, "开放")] + seen[(True, "延期开放")]
    assert old_total and 0.01 < seen[(True, "延期开放")] / old_total < 0.12


def test_secret_records_are_rare_and_admin_only(records):
    secret = [r for r in records if r["classification"] == "秘密"]
    assert 0 < len(secret) < 0.02 * len(records)
    assert all(r["category"] == "文书" and r["access"] != "开放" for r in secret)


# ------------------------------------------------------------------ holdings profile
def test_category_shares(records):
    counts = collections.Counter(r["category"] for r in records)
    assert set(counts) == set(CATEGORIES)
    share = {c: n / len(records) for c, n in counts.items()}
    assert 0.22 < share["文书"] < 0.28
    livelihood = sum(share[c] for c in LIVELIHOOD_CATEGORIES)
    assert 0.72 < livelihood < 0.78
    assert max(LIVELIHOOD_CATEGORIES, key=share.get) == "婚姻登记"
    assert share["婚姻登记"] > 0.2


YEAR_LIMITS = {
    "婚姻登记": (1950, 2023), "知青": (1962, 1981), "计划生育": (1979, 2023), "工伤认定": (1990, 2023),
    "收养": (1992, 2023), "林权": (1981, 2023), "公证": (1980, 2023), "学籍": (1952, 2023),
}


def test_years_plausible_per_category(records):
    for category, (lo, hi) in YEAR_LIMITS.items():
        years = [r["date_year"] for r in by_category(records, category)]
        assert years and lo <= min(years) and max(years) <= hi, category
    zhiqing = [r["date_year"] for r in by_category(records, "知青")]
    assert sum(1968 <= y <= 1978 for y in zhiqing) / len(zhiqing) > 0.6


FONDS_FOR = {
    "婚姻登记": {"民政局"}, "收养": {"民政局"}, "学籍": {"教育局"}, "知青": {"知青办"},
    "招工工龄": {"劳动局", "人力资源和社会保障局"}, "工伤认定": {"劳动局", "人力资源和社会保障局"},
    "退伍安置": {"人武部", "民政局"}, "计划生育": {"计划生育委员会"}, "林权": {"林业局"},
    "公证": {"公证处"}, "房地产": {"房地产管理局", "国土资源局"},
}


def test_fonds_consistent_with_category(records):
    for r in records:
        name = FONDS_NAMES[r["fonds_code"]]
        if r["category"] in FONDS_FOR:
            assert any(name.endswith(a) for a in FONDS_FOR[r["category"]]), (r["category"], name)
    admin_fonds = collections.Counter(r["fonds_code"] for r in by_category(records, "文书"))
    assert admin_fonds.most_common(1)[0][0] == "X001" and len(admin_fonds) >= 8


# ------------------------------------------------------------------ titles and persons
def test_title_variety(records):
    first = records[:5000]
    assert len({r["title"] for r in first}) >= 0.6 * len(first)
    for category in CATEGORIES:
        titles = [r["title"] for r in by_category(records, category)]
        # several distinct templates: strip the names/years and count the shapes
        shapes = {re.sub(r"[\u4e00-\u9fff]{2,4}(、|与|等|同志|夫妇)", "", t)[-8:] for t in titles}
        assert len(shapes) >= 5, category


def test_marriage_records_name_a_couple(records):
    marriages = by_category(records, "婚姻登记")
    kinds = collections.Counter()
    for r in marriages:
        assert len(r["persons"]) == 2
        man, woman = r["persons"]
        assert man in r["title"] and woman in r["title"], r["title"]
        assert r["title"].index(man) < r["title"].index(woman)
        kinds["离婚" if "离婚" in r["title"] else "补" if "补" in r["title"] else "结婚"] += 1
    assert kinds["结婚"] > 0.75 * len(marriages)
    assert kinds["离婚"] > 0.02 * len(marriages) and kinds["补"] > 0.01 * len(marriages)


def test_rosters_name_many_persons(records):
    rosters = [r for r in records if len(r["persons"]) >= 10]
    assert len(rosters) > 0.05 * len(records)
    named = 0
    for r in rosters:
        assert len(r["persons"]) <= 40
        m = re.search(r"等(\d+)(人|名)", r["title"])
        if m:
            named += 1
            assert int(m.group(1)) == len(r["persons"])
            assert r["title"].startswith(r["persons"][0]) or r["persons"][0] in r["title"]
    assert 0 < named < len(rosters)


def test_most_admin_documents_name_nobody(records):
    admin = by_category(records, "文书")
    assert sum(not r["persons"] for r in admin) / len(admin) > 0.8


def test_archivist_titles_in_brackets(records):
    bracketed = [r for r in records if r["title"].startswith("[")]
    assert 0.01 * len(records) < len(bracketed) < 0.06 * len(records)
    assert all(r["title"].endswith("]") for r in bracketed)


def test_names_fit_the_birth_era(records):
    def given(name):
        return name[2:] if name[:2] in ("欧阳", "司马", "诸葛", "上官") else name[1:]

    for r in records:
        names = [given(p) for p in r["persons"]]
        if r["date_year"] < 2000:
            assert not any(n in MODERN_NAMES for n in names), (r["date_year"], r["persons"])
        if r["category"] == "婚姻登记" and r["date_year"] < 1968:
            assert not any(n in LATER_NAMES for n in names), (r["date_year"], r["persons"])
    # and the modern names do turn up where they belong
    recent_students = [given(p) for r in by_category(records, "学籍") if r["date_year"] >= 2012 for p in r["persons"]]
    assert any(n in MODERN_NAMES for n in recent_students)


def test_no_zixuan_in_a_1955_marriage():
    found = 0
    for r in generate_records(30_000, seed=2):
        if r["category"] == "婚姻登记" and r["date_year"] == 1955:
            found += 1
            assert not any(p.endswith(("梓萱", "子涵", "欣怡", "浩然")) for p in r["persons"])
    assert found


def test_some_old_registers_use_traditional_characters(records):
    trad = set("陳劉張楊黃趙吳孫馬鄭國華蘭鳳貴發慶東")
    old = [r for r in records if r["date_year"] < 1965 and r["persons"]]
    hits = [r for r in old if any(ch in trad for p in r["persons"] for ch in p)]
    assert 0 < len(hits) < 0.3 * len(old)
    for r in hits:  # the title carries the same spelling as the persons field
        if not r["title"].startswith("[") and len(r["persons"]) <= 3:
            assert r["persons"][0] in r["title"]


# ------------------------------------------------------------------ service centres
def test_centres():
    centres = generate_centres(seed=1)
    assert 8 <= len(centres) <= 15
    assert centres == generate_centres(seed=1)
    assert len({c["code"] for c in centres}) == len(centres)
    assert any(c["township"] == "城关镇" for c in centres)
    hhmm = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
    for c in centres:
        assert set(c) == {"code", "name", "township", "address", "phone", "latitude", "longitude", "hours"}
        assert re.fullmatch(r"C\d{2}", c["code"])
        assert c["township"] in TOWNSHIPS
        assert c["name"].startswith(c["township"]) and c["name"].endswith(("便民服务中心", "党群服务中心"))
        assert c["township"] in c["address"] and c["address"].endswith("号")
        assert re.fullmatch(r"0\d{2,3}-\d{7,8}", c["phone"])
        assert list(c["hours"]) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        assert c["hours"]["sun"] == []
        for day, intervals in c["hours"].items():
            flat = [t for iv in intervals for t in iv]
            assert all(len(iv) == 2 for iv in intervals)
            assert all(hhmm.match(t) for t in flat)
            assert flat == sorted(flat) and len(set(flat)) == len(flat), (day, intervals)
        assert c["hours"]["mon"]  # open on weekdays
    lats = [c["latitude"] for c in centres]
    lons = [c["longitude"] for c in centres]
    assert max(lats) - min(lats) < 0.6 and max(lons) - min(lons) < 0.6
    assert all(18 < x < 54 for x in lats) and all(73 < x < 135 for x in lons)
    assert any(c["hours"]["sat"] for c in centres) and not all(c["hours"]["sat"] for c in centres)


def test_centres_depend_on_seed():
    many = [generate_centres(seed=s) for s in range(6)]
    assert all(8 <= len(c) <= 15 for c in many)
    assert len({repr(c) for c in many}) > 1
