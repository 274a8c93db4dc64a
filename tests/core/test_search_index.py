"""Index maintenance: incremental on import and edit, rebuild, readers in other processes, damaged indexes."""
import json
import logging
import subprocess
import sys

from core.bootstrap import bootstrap
from core.catalogue import import_catalogue
from tests.conftest import ROOT
from tests.core.search_fixtures import ROWS, write_rows


def refs(services, query):
    return [h["ref"] for h in services.search.search(query, audience="staff")["hits"]]


def test_import_and_edit_reach_the_index_incrementally(indexed, tmp_path):
    new = ("X009-001-001-001", "周晓明林权证存根", "2008", "林权", "周晓明", "梅岭乡", "控制")
    import_catalogue(indexed.sessions, write_rows(tmp_path / "more.csv", [new]))
    assert refs(indexed, "周晓明") == []  # not yet applied: the queue holds it
    assert indexed.search.store.sync() == 1
    assert refs(indexed, "周晓明") == ["X009-001-001-001"]
    edited = (new[0], "周晓明自留山使用证登记表", *new[2:])
    import_catalogue(indexed.sessions, write_rows(tmp_path / "edit.csv", [edited]))
    indexed.search.store.sync()
    assert refs(indexed, "自留山") == ["X009-001-001-001"]
    assert refs(indexed, "“林权证存根”") == []


def test_a_reader_in_another_service_sees_new_records_without_restarting(indexed, settings, tmp_path):
    reader = bootstrap(settings)  # like a second gunicorn worker
    assert refs(reader, "王建国 招工")[0] == "X004-001-042-001"
    import_catalogue(indexed.sessions, write_rows(tmp_path / "more.csv",
                     [("X009-001-001-002", "吴桂香收养登记材料", "2001", "收养", "吴桂香", "", "控制")]))
    indexed.search.store.sync()
    assert refs(reader, "吴桂香") == ["X009-001-001-002"]
    reader.dispose()


def test_rebuild_replaces_the_index_and_readers_follow(indexed):
    before = refs(indexed, "防汛抗旱")
    assert indexed.search.store.rebuild(progress=False) == len(ROWS)
    assert refs(indexed, "防汛抗旱") == before
    assert len(list(indexed.settings.index_dir.glob("gen-*"))) == 1


def test_missing_index_is_rebuilt_with_a_log_line(services, tmp_path, caplog, monkeypatch):
    import_catalogue(services.sessions, write_rows(tmp_path / "c.csv", ROWS))
    with caplog.at_level(logging.WARNING, logger="lantai.search"):
        assert refs(services, "防汛抗旱") == ["C038-001-002-003"]
    assert "missing or unreadable" in caplog.text and "rebuilding" in caplog.text


def test_corrupt_index_is_rebuilt_not_a_crash(indexed, caplog):
    store = indexed.search.store
    store.close()
    live = store.root / (store.root / "CURRENT").read_text()
    for toc in live.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    fresh = bootstrap(indexed.settings)
    with caplog.at_level(logging.WARNING, logger="lantai.search"):
        assert refs(fresh, "防汛抗旱") == ["C038-001-002-003"]
    assert "rebuilding" in caplog.text
    fresh.dispose()


def test_cli_rebuild_search_json_and_batch(indexed, cli_env, tmp_path):
    run = lambda *a: subprocess.run([sys.executable, "-m", "core", *a], cwd=ROOT, env=cli_env,  # noqa: E731
                                    capture_output=True, text=True, timeout=300)
    rebuilt = run("index", "rebuild")
    assert rebuilt.returncode == 0 and f"{len(ROWS)} 条" in rebuilt.stdout
    one = json.loads(run("search", "王建国 招工", "--json", "--audience", "staff", "--limit", "2").stdout)
    assert one["hits"][0]["ref"] == "X004-001-042-001" and len(one["hits"]) <= 2
    batch = tmp_path / "queries.txt"
    batch.write_text("防汛抗旱\n\n北京\n李红梅\n", encoding="utf-8")
    lines = run("search", "--batch", str(batch), "--json").stdout.splitlines()
    results = [json.loads(line) for line in lines]
    assert [r["query"] for r in results] == ["防汛抗旱", "", "北京", "李红梅"]
    assert "error" in results[1] and results[0]["hits"][0]["ref"] == "C038-001-002-003"
    assert results[3]["hits"] == [] and results[3]["restricted"][0]["count"] == 1  # public by default
    human = run("search", "李红梅")
    assert "未开放" in human.stdout and "C038-002-001-001" not in human.stdout


def test_an_index_of_an_older_schema_version_is_rebuilt(indexed, caplog):
    store = indexed.search.store
    store.close()
    (store.root / (store.root / "CURRENT").read_text() / "LANTAI_SCHEMA").write_text("0")
    fresh = bootstrap(indexed.settings)
    assert not fresh.search.store.exists()
    with caplog.at_level(logging.WARNING, logger="lantai.search"):
        assert refs(fresh, "防汛抗旱") == ["C038-001-002-003"]
    assert "schema version" in caplog.text
    fresh.dispose()


def test_a_parallel_build_in_several_segments_finds_and_counts_the_same(indexed, monkeypatch):
    import core.search.build as build

    queries = ["结婚", "王建国", "C038", "学籍档", "“农业生产”", "張偉 李娜"]
    single = {q: indexed.search.search(q, audience="staff", limit=50) for q in queries}
    monkeypatch.setattr(build, "SLICE", 4)  # 18 records → 5 segments, written by 2 worker processes
    assert indexed.search.store.rebuild(progress=False, procs=2) == len(ROWS)
    store = indexed.search.store
    assert len(list((store.root / (store.root / "CURRENT").read_text()).glob("*.seg"))) >= 4
    for q in queries:
        multi = indexed.search.search(q, audience="staff", limit=50)
        assert multi["total"] == single[q]["total"]
        assert sorted(h["ref"] for h in multi["hits"]) == sorted(h["ref"] for h in single[q]["hits"])


def test_a_search_waits_for_the_warm_up_instead_of_reading_the_index_beside_it(indexed, monkeypatch):
    """A web worker warms up in a thread while its first request searches: Whoosh's readers must not be shared.

    (At a million records the two once read one column file together and the request failed with garbage bytes.)
    """
    import threading
    import time

    from core.search import columns as columns_module

    inside, overlaps = threading.Event(), []
    real_of = columns_module.ColumnCache.of

    def slow_of(self, reader):
        if threading.current_thread().name == "warm-up":
            inside.set()
            time.sleep(0.3)
            result = real_of(self, reader)
            inside.clear()
            return result
        if inside.is_set():
            overlaps.append("search read the index during the warm-up")
        return real_of(self, reader)

    monkeypatch.setattr(columns_module.ColumnCache, "of", slow_of)
    indexed.search._columns = columns_module.ColumnCache()  # cold, as in a new worker
    warm = threading.Thread(target=indexed.search.warm_up, name="warm-up")
    warm.start()
    assert inside.wait(5)
    result = indexed.search.search("学籍档案管理", audience="public")
    warm.join()
    assert overlaps == [] and result["total"] + sum(r["count"] for r in result["restricted"]) > 0
