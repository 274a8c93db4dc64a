"""Web benchmark: requests/s and p50/p95 for the kiosk home, the search API and the verify page under gunicorn.

    python bench/web.py --records 20000                 # a throw-away demo archive (loaded and indexed first)
    python bench/web.py --data-dir /tmp/dev1m           # an existing data directory (copied first, see below)
                        [--duration 20] [--clients 20] [--workers 2] [--queries 10] [--in-place]
                        [--client wrk|python]

1. The data: `--records N` loads the demo archive into a fresh data directory with SQLite; `--data-dir DIR` uses
   an existing one, by default through a copy (the SQLite file through SQLite's backup API, the rest with
   copytree), because the benchmark issues one certificate for the verify page and the original must stay as it
   was. `--in-place` skips the copy and adds that certificate to DIR itself. The database is migrated to this
   code's schema first (as `make run` does). DATABASE_URL in the environment is honoured (a PostgreSQL database
   is then used as it is: migrated, and the certificate added to it).
2. One 档案查询证明 over three catalogue records is issued (the verify page then shows a real, registered,
   valid certificate: signature, register lookup, archive name), and a mix of realistic search queries is
   phrased from the catalogue with bench/search_kinds.py (name + category + year, topics, citizens' questions,
   colloquial synonyms, traditional characters, 档号 prefixes; `--queries` of each kind).
3. gunicorn serves the app as the Procfile does (gunicorn.conf.py, `--workers` sync workers, access log on) on a
   free loopback port. The load comes from wrk (`apt-get install wrk`; two event-loop threads, `--clients`
   connections, the search paths in turn from a Lua script) requesting one endpoint at a time as fast as the
   server answers. `--client python` uses `--clients` threads of this process instead, each with its own
   http.client connection: there the threads share one interpreter lock, and a response that waits for its
   thread to be scheduled counts as latency (the default when wrk is missing). The warm-up always uses them.
4. Per endpoint: a warm-up (every search query once through each worker, then 3 s of load, not counted), then
   `--duration` seconds of load. Latency is from sending the request to having read the whole response.

Endpoints: home `GET /`, search `GET /api/search?q=…&limit=10` (the queries in turn), verify `GET /v/<token>`.
Targets (at 1,000,000 records): p95 ≤ 50 ms for home and verify, ≤ 80 ms for search. The clients form a closed
loop, so latency ≈ clients / throughput once the workers are saturated: with 20 clients a p95 of 50 ms needs
roughly 400+ requests/s, 80 ms roughly 250+ (client_cpu_share shows how much CPU the clients took from the
server on the same machine). Prints ONE JSON line on
stdout (each endpoint's figures next to its target); progress goes to stderr. Temporary directories are removed
at the end (LANTAI_BENCH_KEEP=1 keeps them).
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import resource
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from _common import fresh_services

from search_kinds import build_queries
from sqlalchemy import func, select

from core.bootstrap import bootstrap
from core.catalogue.demo_loader import load_demo
from core.certificates import issue_certificate, verify_url
from core.migrate import upgrade
from core.models import Record
from core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TARGETS_P95_MS = {"home": 50.0, "search": 80.0, "verify": 50.0}


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else 0.0


# ------------------------------------------------------------------------------------------------ the data

def copy_data_dir(source: Path) -> Path:
    """A private copy of a data directory: SQLite through its backup API (consistent), the rest as files."""
    target = Path(tempfile.mkdtemp(prefix="lantai-bench-web-"))
    for item in source.iterdir():
        if item.name.startswith("lantai.db"):
            continue
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, target / item.name)
    db = source / "lantai.db"
    if db.exists():
        src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        dst = sqlite3.connect(target / "lantai.db")
        src.backup(dst)
        dst.close()
        src.close()
    return target


def prepare(args) -> tuple[Settings, Path | None]:
    """The settings the server will run with, and a directory to remove afterwards (or None)."""
    if args.records:
        services = fresh_services(os.environ.get("DATABASE_URL"))
        log(f"loading a demo archive of {args.records:,} records …")
        load_demo(services, records=args.records, seed=1, progress=False, index=True)
        settings = services.settings
        services.dispose()
        return settings, None  # fresh_services removes its directory at exit
    source = Path(args.data_dir).resolve()
    if not source.is_dir():
        sys.exit(f"no such data directory: {source}")
    if args.in_place:
        data_dir, scratch = source, None
    else:
        log(f"copying {source} (the original is left as it is) …")
        data_dir = scratch = copy_data_dir(source)
    settings = Settings.from_env(None, data_dir=data_dir)
    services = bootstrap(settings)
    upgrade(services.engine)  # as `make run` and the Procfile's release step do before serving
    services.dispose()
    return settings, scratch


def issue_one(settings: Settings) -> tuple[str, int]:
    """Issue a certificate over three catalogue records; (its verify path, the number of records)."""
    services = bootstrap(settings)
    try:
        with services.sessions.begin() as s:
            total = s.scalar(select(func.count(Record.id))) or 0
            records = list(s.scalars(select(Record).order_by(Record.id).limit(3)))
            if not records:
                sys.exit("the catalogue is empty: nothing to certify")
            cert = issue_certificate(s, services, kind="record", application=None, records=records,
                                     subject_names=["张伟", "李娜"], actor="system:bench")
            url = verify_url(settings, cert.token)
    finally:
        services.dispose()
    return "/" + url.split("://", 1)[1].split("/", 1)[1], total


def search_texts(settings: Settings, per_kind: int) -> list[str]:
    """Realistic search queries phrased from this catalogue (bench/search_kinds.py)."""
    services = bootstrap(settings)
    try:
        return [q.text for q in build_queries(services.sessions, seed=1, per_kind=per_kind)]
    finally:
        services.dispose()


# ------------------------------------------------------------------------------------------------ the server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(settings: Settings, workers: int, log_file) -> tuple[subprocess.Popen, int]:
    """gunicorn as the Procfile runs it, on a free loopback port; returns once it answers."""
    port = free_port()
    env = dict(os.environ)  # LANTAI_IDENTITY_KEY, SECRET_KEY … as the caller has them
    env.update(LANTAI_DATA_DIR=str(settings.data_dir), DATABASE_URL=settings.database_url, PORT=str(port),
               BIND_HOST="127.0.0.1", WEB_CONCURRENCY=str(workers), PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
               PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "kiosk:create_app()"], cwd=ROOT, env=env,
                              stdout=log_file, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return server, port
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            log_file.seek(0)
            log(log_file.read()[-4000:])
            sys.exit("gunicorn did not start: its log is above")
        time.sleep(0.3)


# ------------------------------------------------------------------------------------------------ the clients

def load(port: int, paths: list[str], *, clients: int, seconds: float | None = None,
         rounds: int | None = None) -> dict:
    """`clients` threads request `paths` in turn for `seconds` (or each path `rounds` times over all threads)."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    statuses: dict[int, int] = {}
    stop = threading.Event()
    counter = iter(range(10**12))
    lock = threading.Lock()
    budget = len(paths) * rounds if rounds else None

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while not stop.is_set():
            with lock:
                n = next(counter)
            if budget is not None and n >= budget:
                break
            path = paths[n % len(paths)]
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()  # the next request opens a new connection
                status = 0
            latencies[i].append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors[i] += 1
                with lock:
                    statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    if seconds is not None:
        stop.wait(seconds)
        stop.set()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    times = [x for per in latencies for x in per]
    return {"requests": len(times), "seconds": round(elapsed, 1), "requests_per_s": round(len(times) / elapsed, 1),
            "p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
            "p99_ms": round(percentile(times, 99), 1), "errors": sum(errors),
            **({"error_statuses": statuses} if statuses else {})}


WRK_SCRIPT = """
local paths = {%s}
local i = 0
init = function(args) i = tonumber(offset) or 0 end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
local n = 0
setup = function(thread) thread:set("offset", tostring(n * 7919)); n = n + 1 end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%%d,"duration_us":%%d,"p50_us":%%d,"p95_us":%%d,"p99_us":%%d,' ..
    '"errors_status":%%d,"errors_socket":%%d}\\n', summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
"""


def load_wrk(port: int, paths: list[str], *, clients: int, seconds: float) -> dict:
    """The same closed loop driven by wrk (C, two event-loop threads): no client GIL in the measured latency."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ",".join(f"[[{p}]]" for p in paths))
    try:
        run = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "30s",
                              "-s", script.name, f"http://127.0.0.1:{port}"],
                             capture_output=True, text=True, check=True)
    finally:
        os.unlink(script.name)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    elapsed = figures["duration_us"] / 1e6
    errors = figures["errors_status"] + figures["errors_socket"]
    return {"requests": figures["requests"], "seconds": round(elapsed, 1),
            "requests_per_s": round(figures["requests"] / elapsed, 1),
            **{f"p{p}_ms": round(figures[f"p{p}_us"] / 1000, 1) for p in (50, 95, 99)}, "errors": errors}


def preflight(port: int, name: str, path: str) -> None:
    """Stop before measuring an endpoint that does not answer 200: its speed would mean nothing."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    if response.status != 200:
        sys.exit(f"{name}: GET {path[:80]} answered {response.status}, not 200:\n{body[:1500]}")


def _client_cpu() -> float:
    """CPU seconds used by this process and by its finished children (wrk)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(port: int, name: str, paths: list[str], args) -> dict:
    """Warm up, then measure one endpoint; its figures with the target beside them."""
    preflight(port, name, paths[0])
    log(f"{name}: warming up …")
    load(port, paths, clients=args.clients, rounds=args.workers)  # every search query reaches every worker
    load(port, paths, clients=args.clients, seconds=3)
    log(f"{name}: {args.duration:g} s with {args.clients} {args.client} clients …")
    cpu = _client_cpu()
    if args.client == "wrk":
        out = load_wrk(port, paths, clients=args.clients, seconds=args.duration)
    else:
        out = load(port, paths, clients=args.clients, seconds=args.duration)
    # the clients share the machine with the server: how much of one core they took is part of the picture
    out["client_cpu_share"] = round((_client_cpu() - cpu) / out["seconds"], 2)
    out["target_p95_ms"] = TARGETS_P95_MS[name]
    out["target_met"] = out["p95_ms"] <= TARGETS_P95_MS[name] and out["errors"] == 0
    log(f"{name}: {out['requests_per_s']} req/s, p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms "
        f"(target ≤ {TARGETS_P95_MS[name]:g} ms), {out['errors']} errors")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data-dir", help="an existing data directory (copied first unless --in-place)")
    source.add_argument("--records", type=int, help="build a throw-away demo archive of N records")
    parser.add_argument("--in-place", action="store_true", help="with --data-dir: add the certificate to DIR itself")
    parser.add_argument("--duration", type=float, default=20, help="seconds of measured load per endpoint")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--queries", type=int, default=10, help="search queries of each of the six kinds")
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python",
                        help="the load generator: wrk (default when installed: apt-get install wrk) or Python threads")
    args = parser.parse_args()
    if args.client == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk, or use --client python")

    settings, scratch = prepare(args)
    keep = bool(os.environ.get("LANTAI_BENCH_KEEP"))
    server = None
    log_file = tempfile.NamedTemporaryFile("w+", prefix="lantai-bench-gunicorn-", suffix=".log", delete=not keep)
    try:
        verify_path, records = issue_one(settings)
        texts = search_texts(settings, args.queries)
        log(f"{records:,} records; {len(texts)} search queries; certificate at {verify_path[:40]}…")
        server, port = start_server(settings, args.workers, log_file)
        search_paths = [f"/api/search?{urllib.parse.urlencode({'q': t, 'limit': 10})}" for t in texts]
        endpoints = {"home": measure(port, "home", ["/"], args),
                     "search": measure(port, "search", search_paths, args),
                     "verify": measure(port, "verify", [verify_path], args)}
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if scratch is not None and not keep:
            shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps({
        "bench": "web", "database": settings.database_url.split(":", 1)[0], "records": records,
        "workers": args.workers, "clients": args.clients, "client": args.client, "duration_s": args.duration, "search_queries": len(texts),
        "cpus": os.cpu_count(), **endpoints,
        "targets_met": all(e["target_met"] for e in endpoints.values()),
        "targets_note": "targets are for 1,000,000 records" if records < 1_000_000 else None,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
