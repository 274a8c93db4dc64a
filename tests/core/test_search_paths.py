"""The fast paths of search answer exactly what the plain ones do: postings read from the in-memory cache, and
filters applied from columns in one pass instead of Whoosh's intersections."""
from __future__ import annotations

import pytest

from core.catalogue import import_catalogue
from core.search import postings, service
from core.search.postings import PostingsCache
from tests.core.search_fixtures import write_rows

QUERIES = ["1985年张伟和李娜的结婚登记", "王建国 招工", "八十年代城关中学毕业生学籍", "北京", "农业 报告",
           "張偉", "我想查1975年河上公社知青插队的档案", "关于 通知", "李娜"]


def answers(services, audience):
    out = []
    for q in QUERIES:
        r = services.search.search(q, audience=audience, limit=5)
        out.append((q, [h["ref"] for h in r["hits"]], r["total"], r["restricted"], r["relaxed"]))
    return out


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_cached_postings_give_the_same_answers(indexed, monkeypatch, audience):
    plain = answers(indexed, audience)
    monkeypatch.setattr(postings, "MIN_LENGTH", 0)  # every term's postings from the cache
    indexed.search._postings = PostingsCache()
    assert answers(indexed, audience) == plain
    assert indexed.search._postings._size > 0


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_the_one_pass_walk_and_whoosh_ranking_find_the_same_records(indexed, monkeypatch, audience):
    walked = answers(indexed, audience)
    monkeypatch.setattr(service, "SCAN_CAP", -1)  # every level through Whoosh's own search
    monkeypatch.setattr(service.SearchService, "_broad", staticmethod(lambda searcher, level: False))
    ranked = answers(indexed, audience)
    for (q, refs_a, total_a, restricted_a, _), (_, refs_b, total_b, restricted_b, _) in zip(walked, ranked):
        assert set(refs_a) == set(refs_b), q
        assert (total_a, restricted_a) == (total_b, restricted_b), q


def test_cached_postings_follow_edits_and_stay_bounded(indexed, monkeypatch, tmp_path):
    monkeypatch.setattr(postings, "MIN_LENGTH", 0)
    indexed.search._postings = PostingsCache(max_postings=5)
    assert [h["ref"] for h in indexed.search.search("北京", audience="staff")["hits"]]
    row = ("X001-WS·1995-Y-BGS-0003", "上海市对口支援临江县协议书", "1995", "文书", "", "", "开放")
    import_catalogue(indexed.sessions, write_rows(tmp_path / "edit.csv", [row]))
    indexed.search.store.sync()
    found = [h["ref"] for h in indexed.search.search("北京", audience="staff")["hits"]]
    assert "X001-WS·1995-Y-BGS-0003" not in found  # the old title's postings were not served from the cache
    assert "X001-WS·1995-Y-BGS-0003" in [h["ref"] for h in indexed.search.search("上海", audience="staff")["hits"]]
    assert indexed.search._postings._size <= 5 or len(indexed.search._postings._lists) == 1


def test_an_empty_catalogue_answers_nothing_found_not_an_error(services):
    services.search.store.rebuild(progress=False)
    for audience in ("public", "staff"):
        r = services.search.search("我想查1985年张伟的结婚登记", audience=audience)
        assert (r["total"], r["hits"], r["restricted"]) == (0, [], [])


def test_after_an_import_a_ref_prefix_is_looked_up_by_ref_not_by_access(indexed):
    """Without planner statistics SQLite walked every open record for a 档号 prefix (400 ms at a million)."""
    from sqlalchemy import text

    if indexed.engine.dialect.name != "sqlite":
        pytest.skip("the plan read here is SQLite's")
    with indexed.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT count(id) FROM record "
            "WHERE ref >= 'X002-001' AND ref < 'X002-002' AND access = '开放'")))
    assert "ref>? AND ref<?" in plan, plan


def test_a_citizens_record_found_restricted_is_not_padded_with_what_one_common_word_finds(indexed, monkeypatch):
    """「王建国 学籍登记表」: his 学籍 record is there but closed; the answer is "apply for it", not open titles that
    share one word with the question (here another document naming a 王建国).

    At a million records that padding walked tens of thousands of 「安置」 or 「中学」 titles (up to a second).
    """
    from core.search import service as service_module

    monkeypatch.setattr(service_module, "SCAN_CAP", 1)  # every level counts as broad at this small scale
    r = indexed.search.search("王建国 学籍登记表", audience="public")
    assert r["restricted"] and sum(c["count"] for c in r["restricted"]) >= 1
    assert r["hits"] == []
