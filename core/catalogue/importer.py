"""Import a catalogue file: validate every row, upsert good rows by 档号 in batches, report bad ones."""
from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker
from tqdm import tqdm

from ..models import Record, SearchQueue
from ..models._types import utcnow
from .fields import LABELS, RecordData, parse_row
from .fonds import FondsResolver
from .readers import open_source

BATCH = 2000


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.line}行 [{self.column}] {self.reason}"


@dataclass
class ImportReport:
    file: str
    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rejected == 0

    def summary(self) -> str:
        """One line in Chinese: 读取 1000 行：新增 997，更新 0，未变 0，拒绝 3。"""
        return (f"读取 {self.read} 行：新增 {self.imported}，更新 {self.updated}，"
                f"未变 {self.unchanged}，拒绝 {self.rejected}。")

    def as_dict(self) -> dict:
        d = asdict(self)
        d["problems"] = [asdict(p) for p in self.problems]
        return d


def _write_batch(session: Session, batch: list[RecordData], fonds: FondsResolver, report: ImportReport,
                 *, enqueue: bool = True) -> None:
    """Upsert a batch by 档号; changed records are queued for the search index in the same transaction."""
    existing = {
        ref: (rid, digest)
        for ref, rid, digest in session.execute(
            select(Record.ref, Record.id, Record.content_hash).where(Record.ref.in_([r.ref for r in batch])))
    }
    now = utcnow()
    inserts, updates = [], []
    for data in batch:
        digest = data.content_hash()
        values = data.values()
        values.pop("fonds_name")
        values["fonds_id"] = fonds.resolve(session, values.pop("fonds_code"), data.fonds_name)
        values.update(content_hash=digest, updated_at=now)
        if data.ref not in existing:
            inserts.append(dict(values, created_at=now))
        elif existing[data.ref][1] != digest:
            updates.append(dict(values, id=existing[data.ref][0]))
        else:
            report.unchanged += 1
    if inserts:  # Core executemany: the ORM bulk path sends one INSERT per row on PostgreSQL
        session.execute(insert(Record.__table__), inserts)
    if updates:
        session.execute(update(Record), updates)
    if enqueue and (inserts or updates):
        session.execute(insert(SearchQueue.__table__), [{"ref": v["ref"], "enqueued_at": now} for v in inserts + updates])
    report.imported += len(inserts)
    report.updated += len(updates)


def import_catalogue(sessions: sessionmaker, path: Path | str, *, progress: bool | None = None) -> ImportReport:
    """Import a CSV/XLSX/JSONL catalogue; bad rows are reported with line, column and reason, never written.

    Raises ImportFileError when the file as a whole cannot be read (encoding, format, missing columns).
    """
    source = open_source(path)
    report = ImportReport(file=str(path), warnings=list(source.warnings))
    seen: dict[str, int] = {}
    batch: list[RecordData] = []
    fonds = FondsResolver(report.warnings)

    def label(f: str) -> str:
        return source.labels.get(f, LABELS.get(f, f))

    def flush() -> None:
        with sessions.begin() as session:
            _write_batch(session, batch, fonds, report)
        batch.clear()

    bar = tqdm(source.rows, total=source.estimated_rows, unit="行", desc="导入", file=sys.stderr,
               disable=None if progress is None else not progress, mininterval=0.5)
    for line, raw in bar:
        report.read += 1
        if "error" in raw:
            report.rejected += 1
            report.problems.append(RowProblem(line, "整行", str(raw["error"])))
            continue
        data, problems = parse_row(raw)
        if data is not None and data.ref in seen:
            problems = [("ref", f"档号 {data.ref} 与第{seen[data.ref]}行重复")]
        if problems:
            report.rejected += 1
            report.problems.extend(RowProblem(line, label(f), reason) for f, reason in problems)
            continue
        seen[data.ref] = line
        batch.append(data)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    bar.close()
    return report
