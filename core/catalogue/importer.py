"""Import a catalogue file: validate every row, upsert good rows by 档号 in batches, report bad ones."""
from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, sessionmaker
from tqdm import tqdm

from ..db import refresh_statistics
from ..errors import ImportFileError
from ..identity import redact_id_numbers
from ..models import Record, SearchQueue
from ..models._types import utcnow
from .fields import LABELS, RecordData, parse_row
from .fonds import FondsResolver
from .readers import Source, open_source

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


def write_batch(session: Session, batch: list[RecordData], fonds: FondsResolver, report: ImportReport,
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
    return _Import(sessions, open_source(path), str(path)).run(progress)


class _Import:
    """One run over one file: validate each row, write good ones in batches, collect the report."""

    def __init__(self, sessions: sessionmaker, source: Source, name: str):
        self.sessions, self.source = sessions, source
        self.report = ImportReport(file=name, warnings=list(source.warnings))
        self.fonds = FondsResolver(self.report.warnings)
        self.seen: dict[str, int] = {}  # 档号 → first line, to catch duplicates inside the file
        self.batch: list[RecordData] = []

    def run(self, progress: bool | None) -> ImportReport:
        report = self.report
        bar = tqdm(self.source.rows, total=self.source.estimated_rows, unit="行", desc="导入", file=sys.stderr,
                   disable=None if progress is None else not progress, mininterval=0.5)
        try:
            for line, raw in bar:
                self._row(line, raw)
            self._flush()
        except ImportFileError as e:
            if report.imported or report.updated:
                e.message += (f"（此前已读 {report.read} 行，其中 {report.imported + report.updated} 行已写入；"
                              "改正后重新导入同一文件即可，已写入的行不会重复）")
            raise
        finally:
            bar.close()
        if report.read == 0:
            raise ImportFileError("文件中只有表头，没有数据行。")
        if report.imported or report.updated:
            refresh_statistics(self.sessions.kw["bind"])
        return report

    def _row(self, line: int, raw: dict) -> None:
        self.report.read += 1
        if "error" in raw:
            self._reject(line, [("整行", str(raw["error"]))])
            return
        data, problems = parse_row(raw)
        if data is not None and data.ref in self.seen:
            problems = [("ref", f"档号 {data.ref} 与第{self.seen[data.ref]}行重复")]
        if problems:
            self._reject(line, [(self.source.labels.get(f, LABELS.get(f, f)), reason) for f, reason in problems])
            return
        self.seen[data.ref] = line
        self.batch.append(data)
        if len(self.batch) >= BATCH:
            self._flush()

    def _reject(self, line: int, problems: list[tuple[str, str]]) -> None:
        self.report.rejected += 1
        self.report.problems.extend(RowProblem(line, column, redact_id_numbers(reason)) for column, reason in problems)

    def _flush(self) -> None:
        if self.batch:
            with self.sessions.begin() as session:
                write_batch(session, self.batch, self.fonds, self.report)
            self.batch.clear()
