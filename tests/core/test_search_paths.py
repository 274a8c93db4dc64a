"""The fast paths of search answer exactly what the plain ones do: names, words and places over posting arrays
(vector.py) as the one-pass walk does, postings read from the in-memory cache, and filters applied from columns in
one pass instead of Whoosh's intersections."""
from __future__ import annotations

import pytest

from core.catalogue import import_catalogue
from core.catalogue.demo_loader import load_demo
from core.search import build, postings, service, vector
from core.search import index as index_module
from core.search.postings import PostingsCache
from tests.core.search_fixtures import write_rows

QUERIES = ["1985年张伟和李娜的结婚登记", "王建国 招工", "八十年代城关中学毕业生学籍", "北京", "农业 报告",
           "張偉", "我想查1975年河上公社知青插队的档案", "关于 通知", "李娜"]


def answers(services, audience, queries=QUERIES):
    out = []
    for q in queries:
        r = services.search.search(q, audience=audience, limit=5)
        out.append((q, [h["ref"] for h in r["hits"]], r["total"], r["restricted"], r["relaxed"]))
    return out


def walk_only(monkeypatch):
    """Every level through the one-pass walk or Whoosh, as before the posting arrays."""
    monkeypatch.setattr(service, "supported", lambda query: False)


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_posting_arrays_give_the_walks_answers(indexed, monkeypatch, audience):
    arrays = answers(indexed, audience)
    assert indexed.search._vector._lists  # the arrays were used
    walk_only(monkeypatch)
    assert answers(indexed, audience) == arrays


def test_posting_arrays_agree_with_the_walk_over_several_segments_and_deletions(services, monkeypatch, tmp_path):
    """A demo archive indexed in slices of 400 (several segments), then edited (deletions in old segments)."""
    monkeypatch.setattr(build, "SLICE", 400)
    monkeypatch.setattr(index_module, "REFRESH_SECONDS", 0)
    load_demo(services, records=2_000, seed=3, progress=False, index=True)
    assert len(services.search.store.searcher().subsearchers) >= 4
    from core.models import Record
    with services.sessions() as s:
        first = s.query(Record).order_by(Record.id).first()
        edit = (first.ref, "上海对口支援协议书", str(first.date_year), first.category or "", "", "", first.access)
        titles = [t for (t,) in s.query(Record.title).limit(40)]
        people = [p for (ps,) in s.query(Record.persons).filter(Record.persons.isnot(None)).limit(40) for p in ps]
    report = import_catalogue(services.sessions, write_rows(tmp_path / "edit.csv", [edit]))
    assert report.ok, report.problems
    services.search.store.sync()
    assert any(sub.reader().has_deletions() for sub, _ in services.search.store.searcher().subsearchers)
    queries = titles[::4] + [f"{a} {b} 结婚" for a, b in zip(people[::3], people[1::3])] + ["上海", "临江 报告",
                                                                                            "八十年代 招工", "城关镇"]
    assert services.search.search("上海对口支援", audience="staff")["hits"][0]["ref"] == first.ref
    # the old version is deleted from its segment but still in its posting lists: the arrays must not return it
    from whoosh.query import Term

    from core.search.execute import Filter
    from core.search.schema import fold_ref
    searcher = services.search.store.searcher()
    found = services.search._vector.collect(searcher, Term("ref_key", fold_ref(first.ref)), services.search._columns,
                                            Filter(), 10)
    assert found.total == 1 and searcher.stored_fields(found.top[0][1])["title"] == "上海对口支援协议书"
    for audience in ("public", "staff"):
        arrays = answers(services, audience, queries)
        assert any(refs for _, refs, *_ in arrays)
        with monkeypatch.context() as m:
            walk_only(m)
            assert answers(services, audience, queries) == arrays, audience


def test_broad_levels_are_counted_exactly(indexed):
    """「北京」 through the arrays: every match counted (total_exact), where Whoosh stopped counting at COUNT_CAP."""
    r = indexed.search.search("北京", audience="staff", limit=1)
    assert r["total_exact"] is True
    assert r["total"] == len(indexed.search.search("北京", audience="staff", limit=100)["hits"]) > 1


def test_posting_arrays_stay_bounded(indexed):
    indexed.search._vector = vector.VectorSearch(max_postings=vector.ENTRY_COST + 3)
    before = answers(indexed, "public")
    assert indexed.search._vector._size <= vector.ENTRY_COST + 3 or len(indexed.search._vector._lists) == 1
    assert answers(indexed, "public") == before


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_cached_postings_give_the_same_answers(indexed, monkeypatch, audience):
    walk_only(monkeypatch)  # the cache serves the walk (levels with a phrase or a 档号 prefix)
    plain = answers(indexed, audience)
    monkeypatch.setattr(postings, "MIN_LENGTH", 0)  # every term's postings from the cache
    indexed.search._postings = PostingsCache()
    assert answers(indexed, audience) == plain
    assert indexed.search._postings._size > 0


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_the_one_pass_walk_and_whoosh_ranking_find_the_same_records(indexed, monkeypatch, audience):
    walk_only(monkeypatch)
    walked = answers(indexed, audience)
    monkeypatch.setattr(service, "SCAN_CAP", -1)  # every level through Whoosh's own search
    monkeypatch.setattr(service.SearchService, "_broad", staticmethod(lambda searcher, level: False))
    ranked = answers(indexed, audience)
    for (q, refs_a, total_a, restricted_a, _), (_, refs_b, total_b, restricted_b, _) in zip(walked, ranked):
        assert set(refs_a) == set(refs_b), q
        assert (total_a, restricted_a) == (total_b, restricted_b), q


def test_cached_postings_follow_edits_and_stay_bounded(indexed, monkeypatch, tmp_path):
    walk_only(monkeypatch)
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


def test_levels_with_a_phrase_or_a_prefix_stay_on_the_walk():
    from whoosh.query import And, Or, Phrase, Prefix, Term

    names_and_words = And([Term("persons", "张伟", boost=3.0), Or([Term("place", "城关镇"), Term("title", "城关镇")])])
    assert vector.supported(names_and_words)
    assert not vector.supported(And([Term("persons", "张伟"), Phrase("title_bi", ["县政", "政府"])]))
    assert not vector.supported(Or([Term("title", "学籍"), Prefix("ref_key", "X002")]))
    assert not vector.supported(Or([Term("title", "学籍"), Term("title", "登记")], scale=0.9))


def test_an_or_scores_only_its_parts_that_match(tmp_path):
    """Or(And(alpha, beta), gamma): 「alpha gamma」 scores gamma only, as Whoosh's union does (the And is not there).

    The posting arrays once added alpha's score to it, so a partial-match page could rank it above better ones.
    """
    from whoosh.filedb.filestore import FileStorage
    from whoosh.query import And, Or, Term

    from core.search.columns import ColumnCache
    from core.search.execute import Filter, collect
    from core.search.schema import make_schema

    ix = FileStorage(str(tmp_path)).create_index(make_schema())
    writer = ix.writer()
    for i, title in enumerate(["alpha beta", "alpha gamma", "gamma delta", "alpha beta gamma", "delta", "beta"]):
        writer.add_document(ref=f"R{i}", ref_key=f"R{i}", title=title, title_bi=title, persons="", year="1990",
                            decade="199", date="1990", category="文书", place="", fonds="", access="开放")
    writer.commit()
    query = Or([And([Term("title", "alpha"), Term("title", "beta")]), Term("title", "gamma")])
    with ix.searcher() as searcher:
        walked = collect(searcher, query, ColumnCache(), Filter(), 10)
        arrays = vector.VectorSearch().collect(searcher, query, ColumnCache(), Filter(), 10)
        gamma_alone = vector.VectorSearch().collect(searcher, Term("title", "gamma"), ColumnCache(), Filter(), 10)
    assert [d for _, d in arrays.top] == [d for _, d in walked.top]
    assert [round(s, 9) for s, _ in arrays.top] == [round(s, 9) for s, _ in walked.top]
    assert dict((d, s) for s, d in arrays.top)[1] == dict((d, s) for s, d in gamma_alone.top)[1]
