"""Build catalogue files the way archives export them: CSV (various encodings), XLSX, JSONL."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

HEADER = ["序号", "档号", "题名", "责任者", "日期", "保管期限", "开放标识", "类别", "人名", "地点", "全宗号", "全宗名称",
          "文号", "密级", "页数", "备注"]


def good_row(i: int, **overrides) -> dict[str, object]:
    """A valid catalogue row; i makes the 档号 and names unique."""
    row = {
        "序号": i, "档号": f"X001-001-{i // 100:03d}-{i % 100:03d}", "题名": f"张伟{i}、李娜{i}结婚登记申请书及审查处理表",
        "责任者": "临江县民政局", "日期": f"1985{(i % 12) + 1:02d}12", "保管期限": "永久", "开放标识": "控制",
        "类别": "结婚登记", "人名": f"张伟{i}、李娜{i}", "地点": "城关镇", "全宗号": "X001", "全宗名称": "临江县民政局",
        "文号": "", "密级": "非密", "页数": "4", "备注": "",
    }
    row.update(overrides)
    return row


def write_csv(path: Path, rows: list[dict], *, encoding: str = "utf-8", header: list[str] = HEADER) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[dict], header: list[str] = HEADER) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append([row.get(h) for h in header])
    wb.save(path)
    return path


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path
