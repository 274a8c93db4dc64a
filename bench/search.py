"""Search benchmark: indexing speed, index size, latency and graded relevance against a stock Whoosh baseline.

    python bench/search.py --records 1000000 [--seed 1] [--per-kind 40] [--queries-out queries.jsonl] [--keep-data]

1. Loads the demo archive (N records) into a fresh data directory with SQLite and times the index rebuild.
2. Generates ≥ 200 queries with graded relevance from the loaded catalogue (bench/search_queries.py explains the
   kinds and the grades).
3. Runs every query twice with audience="staff", limit 10 (the first pass warms up); the second pass gives the
   latency (the engine's own took_ms) and nDCG@10 / recall@10. The first pass's p50/p95 are reported too
   (first_pass_*, without the very first query, which reads the column arrays): there the long posting lists
   are not yet in the process's cache.
4. Baseline on the same records: a plain Whoosh index of 档号 + title with jieba's stock ChineseAnalyzer, queried
   with the raw text through QueryParser(group=OrGroup); single process, writer(limitmb=256).
5. Peak RSS of a search process: a fresh subprocess (this script with --serve-queries) opens the index through the
   services of the same data directory and runs all queries.

Prints ONE JSON line on stdout; progress goes to stderr. With --queries-out, the queries, their judgments and what
both engines returned are written as JSONL. The temporary data directory is removed at the end (--keep-data keeps
it). At 1,000,000 records a run takes about half an hour on two cores (loading ~10 min, index ~5 min, queries
~7 min, baseline index ~5 min); progress is printed.
"""
from __future__ import annotations

import argparse
import json
import logging
import math
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import fresh_services

import search_grading as sq
from search_kinds import KINDS, build_queries
from sqlalchemy import select

from core.models import Record


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def rss_mb() -> float:
    """Peak resident memory of this process since it started (VmHWM).

    Not getrusage's ru_maxrss: Linux carries that over from the process that forked us (for the --serve-queries
    child, this benchmark's own ~320 MB at fork time), which is how an earlier version reported 317 MB.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    import resource
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def fetch_rows(sessions, refs: set[str]) -> dict[str, sq.Row]:
    """Catalogue fields of the given records, for grading what came back."""
    out: dict[str, sq.Row] = {}
    refs = sorted(refs)
    with sessions() as s:
        for i in range(0, len(refs), 500):
            for r in s.execute(select(*sq._COLUMNS).where(Record.ref.in_(refs[i:i + 500]))):
                out[r.ref] = sq.Row.of(*r)
    return out


# ------------------------------------------------------------------------------------------------ the engine

def run_engine(services, queries: list[sq.Query]) -> tuple[list[tuple[list[str], float]], list[float]]:
    """Warm-up pass, then a timed pass: per query (refs in rank order, took_ms), and the warm-up pass's took_ms
    (cold: long posting lists not yet in the process's cache, column arrays being read)."""
    cold = [services.search.search(q.text, audience="staff", limit=10)["took_ms"] for q in queries]
    out = []
    for q in queries:
        r = services.search.search(q.text, audience="staff", limit=10)
        out.append(([h["ref"] for h in r["hits"]], r["took_ms"]))
    return out, cold


def serve_queries(path: Path, data_dir: Path, database_url: str) -> None:
    """The search process whose peak memory is measured: open the index like the kiosk does, run every query."""
    from core.bootstrap import bootstrap
    from core.settings import Settings

    services = bootstrap(Settings.from_env({}, data_dir=data_dir, database_url=database_url))
    if not services.search.store.exists():  # it would rebuild the index, and we would measure that
        sys.exit(f"the index in {services.settings.index_dir} cannot be opened by this code (did core/ change "
                 "during the run?)")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for t in texts:
        services.search.search(t, audience="staff", limit=10)
    services.dispose()
    print(json.dumps({"rss_mb": rss_mb(), "queries": len(texts)}))


def search_rss(services, queries: list[sq.Query]) -> float | None:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps({"text": q.text}, ensure_ascii=False) + "\n")
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--serve-queries", f.name,
             "--data-dir", str(services.settings.data_dir), "--database-url", services.settings.database_url],
            stdout=subprocess.PIPE, text=True)
    finally:
        Path(f.name).unlink(missing_ok=True)
    if done.returncode:
        log(f"  WARNING: the search process failed (exit {done.returncode}); search_rss_mb is null")
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])["rss_mb"]


# ------------------------------------------------------------------------------------------------ the baseline

def build_baseline(sessions, folder: Path, total: int):
    """A stock Whoosh index: ref (ID, stored) + title (TEXT, jieba ChineseAnalyzer); returns (index, seconds)."""
    import jieba
    from jieba.analyse import ChineseAnalyzer
    from whoosh import index as windex
    from whoosh.fields import ID, TEXT, Schema

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # loading the dictionary is not indexing
    schema = Schema(ref=ID(stored=True, unique=True), title=TEXT(analyzer=ChineseAnalyzer()))
    ix = windex.create_in(str(folder), schema)
    t0 = time.perf_counter()
    writer = ix.writer(limitmb=256)
    n = 0
    with sessions() as s:
        for ref, title in s.execute(select(Record.ref, Record.title).order_by(Record.id)
                                    .execution_options(yield_per=5000)):
            writer.add_document(ref=ref, title=title or "")
            n += 1
            if n % 100_000 == 0:
                el = time.perf_counter() - t0
                log(f"  baseline: {n:,}/{total:,} indexed ({n / el:,.0f}/s, ~{(total - n) / (n / el):,.0f} s left)")
    log("  baseline: committing …")
    writer.commit()
    return ix, time.perf_counter() - t0


def run_baseline(ix, queries: list[sq.Query]) -> list[tuple[list[str], float]]:
    from whoosh.qparser import OrGroup, QueryParser

    parser = QueryParser("title", ix.schema, group=OrGroup)

    def one(searcher, text):
        t = time.perf_counter()
        try:
            refs = [h["ref"] for h in searcher.search(parser.parse(text), limit=10)]
        except Exception as e:  # a query the stock parser cannot take finds nothing
            log(f"  baseline: {text!r} failed: {e}")
            refs = []
        return refs, round((time.perf_counter() - t) * 1000, 2)

    with ix.searcher() as searcher:
        for q in queries:
            one(searcher, q.text)
        return [one(searcher, q.text) for q in queries]


# ------------------------------------------------------------------------------------------------ scoring

def score(queries, results, rows) -> tuple[list[dict], dict]:
    per_query = []
    for q, (refs, ms) in zip(queries, results):
        grades = [sq.grade_of(q.spec, rows[r]) if r in rows else 0 for r in refs]
        per_query.append({"ndcg10": sq.ndcg10(q, grades), "recall10": sq.recall10(q, grades), "took_ms": ms,
                          "hits": [{"ref": r, "grade": g, "title": rows[r].title if r in rows else None}
                                   for r, g in zip(refs, grades)]})
    n = len(per_query) or 1
    times = [p["took_ms"] for p in per_query]
    summary = {
        "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
        "p99_ms": round(percentile(times, 99), 2),
        "ndcg10": round(sum(p["ndcg10"] for p in per_query) / n, 4),
        "recall10": round(sum(p["recall10"] for p in per_query) / n, 4),
    }
    return per_query, summary


def by_kind(queries, per_query) -> dict:
    out = {}
    for kind in KINDS:
        idx = [i for i, q in enumerate(queries) if q.kind == kind]
        if idx:
            out[kind] = {"ndcg10": round(sum(per_query[i]["ndcg10"] for i in idx) / len(idx), 4),
                         "recall10": round(sum(per_query[i]["recall10"] for i in idx) / len(idx), 4),
                         "n": len(idx)}
    return out


# ------------------------------------------------------------------------------------------------ main

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-kind", type=int, default=40, help="queries per kind (6 kinds)")
    parser.add_argument("--procs", type=int, default=2, help="processes for the main index rebuild")
    parser.add_argument("--queries-out", type=Path)
    parser.add_argument("--keep-data", action="store_true", help="keep the temporary data directory (database, index)")
    parser.add_argument("--serve-queries", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_queries:
        serve_queries(args.serve_queries, args.data_dir, args.database_url)
        return

    services = fresh_services()  # SQLite in a new temp data directory
    log(f"data directory: {services.settings.data_dir}")
    try:
        print(json.dumps(run(args, services), ensure_ascii=False))
    finally:
        services.dispose()
        if args.keep_data:
            log(f"data directory kept: {services.settings.data_dir}")
        else:
            shutil.rmtree(services.settings.data_dir, ignore_errors=True)


def run(args, services) -> dict:
    from core.catalogue.demo_loader import load_demo

    t = time.perf_counter()
    log(f"loading {args.records:,} demo records (seed {args.seed}) …")
    load_demo(services, records=args.records, seed=args.seed, progress=False, index=False)  # timed below
    log(f"  loaded in {time.perf_counter() - t:.1f} s")

    log("building the search index …")
    t = time.perf_counter()
    indexed = services.search.store.rebuild(progress=False, procs=args.procs)
    index_s = time.perf_counter() - t
    index_bytes = dir_bytes(services.settings.index_dir)
    log(f"  {indexed:,} records in {index_s:.1f} s ({indexed / index_s:,.0f}/s), {index_bytes / 2**20:.1f} MB")

    log("generating and judging queries …")
    t = time.perf_counter()
    queries = build_queries(services.sessions, seed=args.seed, per_kind=args.per_kind)
    sq.judge(services.sessions, queries, progress=lambda n: log(f"  judged against {n:,} records"))
    log(f"  {len(queries)} queries in {time.perf_counter() - t:.1f} s")

    log("running the queries (warm-up pass, then timed pass) …")
    engine, cold = run_engine(services, queries)
    log("measuring a search process's memory …")
    search_rss_mb = search_rss(services, queries)
    if search_rss_mb is not None:
        log(f"  {search_rss_mb} MB")

    log("building the baseline index (single process) …")
    with tempfile.TemporaryDirectory(prefix="lantai-baseline-") as folder:
        ix, base_s = build_baseline(services.sessions, Path(folder), indexed)
        log(f"  {indexed:,} records in {base_s:.1f} s ({indexed / base_s:,.0f}/s)")
        baseline = run_baseline(ix, queries)
        ix.close()

    rows = fetch_rows(services.sessions, {r for refs, _ in engine + baseline for r in refs})
    engine_q, engine_s = score(queries, engine, rows)
    base_q, base_s_ = score(queries, baseline, rows)

    if args.queries_out:
        with open(args.queries_out, "w", encoding="utf-8") as f:
            for q, e, b in zip(queries, engine_q, base_q):
                f.write(json.dumps({**q.as_json(), "engine": e, "baseline": b}, ensure_ascii=False) + "\n")
        log(f"queries and judgments written to {args.queries_out}")

    return {
        "bench": "search", "records": indexed, "queries": len(queries),
        "index_records_per_s": round(indexed / index_s), "index_bytes": index_bytes,
        "p50_ms": engine_s["p50_ms"], "p95_ms": engine_s["p95_ms"], "p99_ms": engine_s["p99_ms"],
        "first_pass_p50_ms": round(percentile(cold[1:], 50), 2), "first_pass_p95_ms": round(percentile(cold[1:], 95), 2),
        "ndcg10": engine_s["ndcg10"], "recall10": engine_s["recall10"], "search_rss_mb": search_rss_mb,
        "by_kind": by_kind(queries, engine_q),
        "baseline": {"index_records_per_s": round(indexed / base_s), "p50_ms": base_s_["p50_ms"],
                     "p95_ms": base_s_["p95_ms"], "ndcg10": base_s_["ndcg10"], "recall10": base_s_["recall10"]},
    }


if __name__ == "__main__":
    main()
