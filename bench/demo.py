"""Demo archive generation: time and peak memory for N records into a fresh database.

    python bench/demo.py --records 1000000 [--database-url …]

Prints one JSON line. Target: 1,000,000 records without running out of memory (peak RSS stays flat).
"""
from __future__ import annotations

import argparse
import json
import time

from _common import fresh_services, peak_rss_mb

from core.catalogue.demo_loader import load_demo


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    services = fresh_services(args.database_url)
    t0 = time.perf_counter()
    result = load_demo(services, records=args.records, seed=args.seed, progress=False, index=False)
    elapsed = time.perf_counter() - t0
    db_file = services.settings.data_dir / "lantai.db"
    print(json.dumps({
        "bench": "demo_generate", "db": services.engine.dialect.name, "records": args.records,
        "imported": result.imported, "seconds": round(elapsed, 1), "records_per_s": round(args.records / elapsed),
        "peak_rss_mb": peak_rss_mb(), "db_mb": round(db_file.stat().st_size / 2**20) if db_file.exists() else None,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
