"""Import throughput: write N demo records as a GB18030 CSV, import it twice (new, then unchanged).

    python bench/catalogue.py --rows 100000 [--database-url postgresql://postgres@127.0.0.1:5432/test]

Prints one JSON line. Target: 100,000 rows in under 60 s.
"""
from __future__ import annotations

import argparse
import csv
import json
import time

from _common import fresh_services, peak_rss_mb

from core.catalogue import import_catalogue
from core.demo import FONDS, generate_records

HEADER = ["档号", "题名", "责任者", "日期", "保管期限", "开放标识", "类别", "人名", "地点", "全宗号", "全宗名称", "文号", "密级",
          "页数", "备注"]


def write_csv(path, rows: int, seed: int) -> None:
    names = {f["code"]: f["name"] for f in FONDS}
    with open(path, "w", encoding="gb18030", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for r in generate_records(rows, seed=seed):
            date = f"{r['date_year']}" + (f"{r['date_month']:02d}" if r["date_month"] else "") + (
                f"{r['date_day']:02d}" if r["date_month"] and r["date_day"] else "")
            w.writerow([r["ref"], r["title"], r["creator"], date, r["retention"], r["access"], r["category"],
                        "、".join(r["persons"]), r["place"], r["fonds_code"], names[r["fonds_code"]], r["doc_no"],
                        r["classification"], r["pages"], r["note"]])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    services = fresh_services(args.database_url)
    path = services.settings.data_dir / "catalogue.csv"
    write_csv(path, args.rows, args.seed)
    t0 = time.perf_counter()
    first = import_catalogue(services.sessions, path, progress=False)
    t1 = time.perf_counter()
    second = import_catalogue(services.sessions, path, progress=False)
    t2 = time.perf_counter()
    print(json.dumps({
        "bench": "catalogue_import", "db": services.engine.dialect.name, "rows": args.rows,
        "file_mb": round(path.stat().st_size / 2**20, 1),
        "import_s": round(t1 - t0, 2), "rows_per_s": round(args.rows / (t1 - t0)),
        "reimport_s": round(t2 - t1, 2), "imported": first.imported, "rejected": first.rejected,
        "reimport_unchanged": second.unchanged, "peak_rss_mb": peak_rss_mb(),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
