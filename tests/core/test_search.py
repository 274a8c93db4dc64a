"""Catalogue search as citizens and archivists use it: the right record first, nothing restricted leaked."""
import json

import pytest

from core.errors import InvalidInput
from tests.core.search_fixtures import ROWS

RESTRICTED = [r for r in ROWS if r[6] != "开放"]


def top(services, query, audience="staff", n=1):
    return [h["ref"] for h in services.search.search(query, audience=audience)["hits"][:n]]


@pytest.mark.parametrize("query, expected", [
    ("我想查1985年张伟和李娜的结婚登记", "X002-001-001-001"),
    ("张伟 李娜 结婚 85年", "X002-001-001-001"),
    ("八十年代城关中学毕业生学籍", "X003-001-001-001"),
    ("王建国 招工", "X004-001-042-001"),
    ("我想查一下我爸爸王建国参加工作的档案", "X004-001-042-001"),
    ("1975年李红梅下乡插队", "C038-002-001-001"),
    ("防汛抗旱", "C038-001-002-003"),
])
def test_the_right_record_comes_first(indexed, query, expected):
    assert top(indexed, query) == [expected]


def test_a_roster_that_names_the_person_beats_a_short_title_repeating_the_name(indexed):
    refs = top(indexed, "王建国 1983 学籍", n=3)
    assert refs[0] == "X003-001-001-001"


def test_partial_words_and_phrases(indexed):
    assert "X003-001-001-003" in top(indexed, "学籍档", n=10)  # 学籍档 finds 学籍档案
    beijing = top(indexed, "北京", n=10)
    assert {"X001-WS·1995-Y-BGS-0003", "X001-WS·1996-Y-BGS-0004"} <= set(beijing)  # 北京 finds 北京市
    phrase = top(indexed, "“农业生产”", n=10)
    assert phrase == ["X001-WS·1992-Y-BGS-0001"]  # not 生产队农业…, where the words stand apart


def test_traditional_and_simplified_names_find_each_other(indexed):
    assert top(indexed, "陈国华 刘秀兰") == ["X002-001-001-005"]
    assert top(indexed, "張偉 李娜 結婚") == ["X002-001-001-001"]


def test_ref_prefix_search(indexed):
    refs = top(indexed, "C038-001", n=10)
    assert sorted(refs) == ["C038-001-002-003", "C038-001-002-004"]
    assert sorted(top(indexed, "c038-001", n=10)) == sorted(refs)


def test_strict_first_then_relaxed_with_a_note(indexed):
    result = indexed.search.search("1999年 张伟 李娜 结婚", audience="staff")
    assert result["relaxed"] and "年份" in result["relaxed"]
    assert result["hits"][0]["ref"] == "X002-001-001-001"
    exact = indexed.search.search("1985年 张伟 李娜 结婚", audience="staff")
    assert exact["relaxed"] is None and exact["total"] == 1


def test_or_fallback_when_no_record_has_every_part(indexed):
    result = indexed.search.search("王芳 李红梅", audience="staff")
    assert result["relaxed"] and {h["ref"] for h in result["hits"]} >= {"X002-001-001-002", "C038-002-001-001"}


def test_result_shape_and_highlights(indexed):
    result = indexed.search.search("1985年张伟和李娜的结婚登记", audience="staff", limit=3)
    assert set(result) >= {"query", "filters", "total", "took_ms", "hits", "restricted"}
    assert result["filters"] == {"year_from": 1985, "year_to": 1985, "category": "婚姻登记", "persons": ["张伟", "李娜"]}
    hit = result["hits"][0]
    assert set(hit) == {"ref", "title", "date", "category", "persons", "score", "highlight"}
    assert hit["date"] == "1985-03-12" and hit["persons"] == ["张伟", "李娜"]
    assert "<em>张伟</em>" in hit["highlight"] and "<em>李娜</em>" in hit["highlight"]
    assert len(result["hits"]) <= 3


def test_public_sees_open_records_in_full_and_restricted_only_as_counts(indexed):
    result = indexed.search.search("八十年代 结婚", audience="public")
    assert result["hits"] == [] or all(h["ref"] not in {r[0] for r in RESTRICTED} for h in result["hits"])
    assert {"category": "婚姻登记", "year": 1985, "count": 3} in result["restricted"]
    assert all("persons" not in h for h in indexed.search.search("王建国", audience="public")["hits"])


@pytest.mark.parametrize("query", [
    "结婚", "八十年代 结婚", "1985", "学籍", "城关镇", "知青 1975", "招工", "C038", "X002", "X003-001",
    "城关中学毕业生", "河上公社", "沈家门", "劳动局", "登记表", "申请书", "材料", "档案", "县",
])
def test_nothing_of_a_restricted_record_reaches_the_public(indexed, query):
    try:
        result = indexed.search.search(query, audience="public", limit=100)
    except InvalidInput as e:
        result = {"query": query, "error": e.message}
    text = json.dumps(result, ensure_ascii=False)
    for ref, title, _date, _cat, persons, _place, _access in RESTRICTED:
        assert ref not in text and title not in text
        for name in persons.split("、"):
            assert name not in text.replace(result["query"], "")


def test_public_search_by_a_restricted_name_reveals_counts_not_the_record(indexed):
    result = indexed.search.search("李红梅", audience="public")
    assert result["restricted"] == [{"category": "知青", "year": 1975, "count": 1}]
    body = json.dumps({k: v for k, v in result.items() if k not in ("query", "filters")}, ensure_ascii=False)
    assert "李红梅" not in body and "C038-002-001-001" not in body and "插队落户" not in body


@pytest.mark.parametrize("query, message", [
    ("", "请输入"), ("   ", "请输入"), ("查" * 201, "太长"), ("档案", "具体一些"), ("我想查一下", "具体一些"),
])
def test_bad_queries_get_a_chinese_message(indexed, query, message):
    with pytest.raises(InvalidInput) as e:
        indexed.search.search(query)
    assert message in e.value.message


def test_staff_see_restricted_records_with_names(indexed):
    result = indexed.search.search("李红梅", audience="staff")
    assert result["hits"][0]["ref"] == "C038-002-001-001"
    assert result["hits"][0]["persons"] == ["李红梅", "张建军"]


def test_year_ranges_become_few_terms():
    from core.search.plan import year_clause

    assert str(year_clause(1980, 1989)) == "decade:198"
    assert str(year_clause(1985, 1985)) == "year:1985"
    assert str(year_clause(1978, 1991)) == "(year:1978 OR year:1979 OR decade:198 OR year:1990 OR year:1991)"
