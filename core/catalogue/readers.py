"""Read catalogue files (CSV in UTF-8 / UTF-8 with BOM / GB18030, XLSX, JSONL) as numbered rows of fields."""
from __future__ import annotations

import codecs
import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ImportFileError
from .fields import COLUMNS, REQUIRED, header_field, is_ignored_header

Row = tuple[int, dict[str, object]]  # (line number in the file, {field: cell}); an "error" key marks a broken line
HEADER_SEARCH_ROWS = 5  # a title row or two above the header is common in exported sheets
MAX_LINES_PER_ROW = 20  # a record spanning more physical lines than this almost surely has an unclosed quote
csv.field_size_limit(16 * 1024 * 1024)  # long cells are rejected by validation, with a reason, not by the reader


@dataclass
class Source:
    """An opened catalogue file: its column labels, warnings about its header, and its rows."""

    path: Path
    labels: dict[str, str]  # field → header as written in the file
    rows: Iterator[Row]
    estimated_rows: int | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


def _detect_encoding(path: Path) -> str:
    """UTF-16 by its BOM, else UTF-8 (BOM or not) if the whole file decodes, else GB18030."""
    with path.open("rb") as f:
        head = f.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as f:
                while chunk := f.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
            return encoding
        except UnicodeDecodeError:
            continue
    raise ImportFileError("无法识别文件编码：请另存为 UTF-8 或 GB18030（GBK）编码的 CSV。")


def _map_header(cells: list[object]) -> tuple[dict[int, str], dict[str, str], list[str]]:
    positions: dict[int, str] = {}
    labels: dict[str, str] = {}
    warnings: list[str] = []
    for i, cell in enumerate(cells):
        f = header_field(cell)
        if f is None:
            if not is_ignored_header(cell):
                warnings.append(f"未识别的列「{str(cell).strip()}」已忽略")
            continue
        if f in labels:
            raise ImportFileError(f"列「{labels[f]}」与「{str(cell).strip()}」重复，请只保留一列。")
        positions[i] = f
        labels[f] = str(cell).strip()
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in labels]
    if missing:
        raise ImportFileError(
            f"缺少必填列：{'、'.join(missing)}。第一行应为表头，例如：档号,题名,日期,责任者,保管期限,开放标识,类别,人名")
    return positions, labels, warnings


def _blank(cells: list[object]) -> bool:
    """True for a row with no content (blank lines and empty spreadsheet rows are skipped)."""
    return not any(str(c).strip() for c in cells if c is not None)


def _table_rows(rows: Iterator[tuple[int, list[object]]], path: Path, estimate: int | None,
                encoding: str | None) -> Source:
    first_error: ImportFileError | None = None
    seen = 0
    for line, cells in rows:
        if isinstance(cells, str):
            raise ImportFileError(cells)
        if _blank(cells):
            continue
        try:
            positions, labels, warnings = _map_header(cells)
            break
        except ImportFileError as e:
            first_error = first_error or e
            seen += 1
            if seen >= HEADER_SEARCH_ROWS:
                raise first_error from None
    else:
        raise first_error or ImportFileError("文件是空的：没有表头，也没有数据行。")
    width = max(positions) + 1

    def body() -> Iterator[Row]:
        for n, values in rows:
            if isinstance(values, str):
                yield n, {"error": values}
                continue
            if _blank(values):
                continue
            extra = [c for c in values[width:] if c is not None and str(c).strip()]
            if extra and len(values) > len(labels) + 3:
                yield n, {"error": f"这一行有{len(values)}列，表头没有这么多列（可能有未加引号的逗号）"}
                continue
            yield n, {f: values[i] for i, f in positions.items() if i < len(values)}

    return Source(path, labels, body(), estimate, encoding, warnings)


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


_UNCLOSED = "第{start}行的引号可能没有闭合：这一格一直延续到第{end}行，其间各行都没有导入"


def read_csv(path: Path) -> Source:
    """Open a CSV (or tab-separated) file in whichever encoding it was saved."""
    encoding = _detect_encoding(path)
    f = path.open(encoding=encoding, newline="")
    first = f.readline()
    f.seek(0)
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(f, delimiter=delimiter)

    def numbered() -> Iterator[tuple[int, list[object]]]:
        start = 1
        try:
            for cells in reader:
                if reader.line_num - start >= MAX_LINES_PER_ROW:
                    yield start, _UNCLOSED.format(start=start, end=reader.line_num)  # a str: the row's error
                else:
                    yield start, cells
                start = reader.line_num + 1
        except csv.Error:
            raise ImportFileError(f"第{start}行附近的 CSV 格式有误，请检查引号是否成对。") from None
        finally:
            f.close()

    return _table_rows(numbered(), path, max(_count_lines(path) - 1, 0), encoding)


def read_xlsx(path: Path) -> Source:
    """Open the first worksheet of an Excel workbook."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(f"无法打开 Excel 文件（{type(e).__name__}），请确认是 .xlsx 格式且未损坏。") from None
    ws = wb.worksheets[0]

    def numbered() -> Iterator[tuple[int, list[object]]]:
        try:
            for n, cells in enumerate(ws.iter_rows(values_only=True), start=1):
                yield n, list(cells)
        finally:
            wb.close()

    return _table_rows(numbered(), path, (ws.max_row or 1) - 1, None)


def read_jsonl(path: Path) -> Source:
    """Open a JSON Lines file: one object per line, keys as column headers."""
    encoding = _detect_encoding(path)
    labels: dict[str, str] = {}
    warnings: list[str] = []
    unknown: set[str] = set()
    first = [True]

    def body() -> Iterator[Row]:
        with path.open(encoding=encoding) as f:
            for n, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    yield n, {"error": f"不是合法的 JSON（第{e.colno}个字符附近）"}
                    continue
                if not isinstance(obj, dict):
                    yield n, {"error": "每行应是一个 JSON 对象"}
                    continue
                row: dict[str, object] = {}
                for key, value in obj.items():
                    f_ = header_field(key)
                    if f_ is None:
                        if key not in unknown and not is_ignored_header(key):
                            unknown.add(key)
                            warnings.append(f"未识别的键「{key}」已忽略")
                        continue
                    if isinstance(value, (dict, list)) and f_ != "persons":
                        yield n, {"error": f"「{key}」应为文本或数字"}
                        break
                    labels.setdefault(f_, key)
                    row[f_] = value
                else:
                    if first[0]:
                        first[0] = False
                        missing = [COLUMNS[x][0] for x in REQUIRED if x not in row]
                        if missing:
                            raise ImportFileError(f"第{n}行缺少必填项：{'、'.join(missing)}（键名可用中文或英文，如 档号/ref）。")
                    yield n, row

    if path.stat().st_size == 0:
        raise ImportFileError("文件是空的：没有数据行。")
    return Source(path, labels, body(), _count_lines(path), encoding, warnings)


READERS = {".csv": read_csv, ".tsv": read_csv, ".txt": read_csv, ".xlsx": read_xlsx,
           ".jsonl": read_jsonl, ".ndjson": read_jsonl}


def open_source(path: Path | str) -> Source:
    """Open a catalogue file by its extension; raises ImportFileError with a Chinese reason."""
    path = Path(path)
    if path.is_dir():
        raise ImportFileError(f"{path} 是一个文件夹，请给出目录文件本身。")
    if not path.is_file():
        raise ImportFileError(f"找不到文件：{path}")
    if not os.access(path, os.R_OK):
        raise ImportFileError(f"没有权限读取文件：{path}")
    reader = READERS.get(path.suffix.lower())
    if path.suffix.lower() == ".xls":
        raise ImportFileError("旧版 Excel 文件（.xls）无法直接导入：请在 Excel 中“另存为” .xlsx 或 CSV 后再导入。")
    if reader is None:
        raise ImportFileError(f"不支持的文件类型「{path.suffix}」：请使用 CSV、XLSX 或 JSONL。")
    return reader(path)
