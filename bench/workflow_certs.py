"""Certificate benchmark: issue (token + QR + PDF, registered and audited) and verify times, p50/p95.

    python bench/workflow_certs.py [--database-url URL] [-n 200]

Each of the n certificates is a 档案查询证明 over three catalogue records with by-item 档号 (the worst realistic
QR), issued in its own transaction as an archivist would; the time is the whole transaction. The first issue of a
process also loads the CJK font (reported apart as issue_first_ms). Verifying is timed three ways: the token
alone with the cached public keys (what the target is about), online (token plus the register lookup, as
/api/verify does), and a whole PDF offline (token plus the PDF digest).

Targets: issue p95 ≤ 150 ms, verify p95 ≤ 3 ms. bench/workflow.py imports `measure` and merges its figures
into its JSON line; run alone, this prints one JSON line (progress on stderr). Without --database-url it uses a
fresh SQLite file; a PostgreSQL URL is WIPED first.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402

from core.catalogue.fonds import default_archive  # noqa: E402
from core.certificates import issue_certificate, keyring, verify_online, verify_pdf, verify_token, verify_url  # noqa: E402
from core.certificates.qr import qr_version  # noqa: E402
from core.models import Record  # noqa: E402

REFS = [f"Z109-WS·1985-Y-MZJ-{i:04d}" for i in (12, 104, 3)]
TARGETS = {"issue_p95_ms": 150.0, "verify_p95_ms": 3.0}


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))], 2)


def _records(services) -> None:
    with services.sessions.begin() as s:
        default_archive(s)
        for i, ref in enumerate(REFS):
            if s.scalar(select(Record.id).where(Record.ref == ref)) is None:
                s.add(Record(ref=ref, title=f"张伟、李娜结婚登记材料（第{i + 1}件）", date_year=1985, date_month=3,
                             access="控制", category="婚姻登记", persons=["张伟", "李娜"], content_hash=f"bench{i:027d}"))


def _issue(services):
    with services.sessions.begin() as s:
        records = list(s.scalars(select(Record).where(Record.ref.in_(REFS))))
        cert = issue_certificate(s, services, kind="record", application=None, records=records,
                                 subject_names=["张伟", "李娜"], actor="system")
        return cert.token, cert.pdf


def measure(services, n: int = 200) -> dict:
    """Issue and verify n certificates on these services; p50/p95 in milliseconds, and whether targets are met."""
    _records(services)
    started = time.perf_counter()
    _issue(services)
    first_ms = (time.perf_counter() - started) * 1000
    issued, issue_ms = [], []
    for _ in range(n):
        started = time.perf_counter()
        issued.append(_issue(services))
        issue_ms.append((time.perf_counter() - started) * 1000)
    keys = keyring(services.settings).public_keys()

    def timed(fn, items) -> list[float]:
        out = []
        for item in items:
            started = time.perf_counter()
            verdict = fn(item)
            out.append((time.perf_counter() - started) * 1000)
            assert verdict.status == "valid", verdict
        return out

    verify_ms = timed(lambda t: verify_token(t, keys), [t for t, _ in issued])
    online_ms = timed(lambda t: verify_online(services, t)[0], [t for t, _ in issued])
    pdf_ms = timed(lambda p: verify_pdf(p, keys), [p for _, p in issued])
    token, pdf = issued[-1]
    out = {
        "certificates": n, "issue_first_ms": round(first_ms, 1),
        "issue_p50_ms": _pct(issue_ms, 50), "issue_p95_ms": _pct(issue_ms, 95),
        "verify_p50_ms": _pct(verify_ms, 50), "verify_p95_ms": _pct(verify_ms, 95),
        "verify_online_p50_ms": _pct(online_ms, 50), "verify_online_p95_ms": _pct(online_ms, 95),
        "verify_pdf_p50_ms": _pct(pdf_ms, 50), "verify_pdf_p95_ms": _pct(pdf_ms, 95),
        "token_chars": len(token), "qr_version": qr_version(verify_url(services.settings, token)),
        "pdf_kb": round(len(pdf) / 1024, 1),
    }
    out["targets_met"] = all(out[k] <= v for k, v in TARGETS.items())
    return out


def main() -> None:
    from _common import fresh_services

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", help="PostgreSQL URL (WIPED first); default: a fresh SQLite file")
    parser.add_argument("-n", type=int, default=200, help="certificates to issue and verify")
    args = parser.parse_args()
    services = fresh_services(args.database_url)
    print(f"[{services.engine.dialect.name}] issuing and verifying {args.n} certificates", file=sys.stderr)
    result = {"database": services.engine.dialect.name, **measure(services, args.n)}
    services.dispose()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
