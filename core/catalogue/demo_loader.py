"""Load the demo county archive (core.demo) into the database: archive, fonds, centres, staff, records."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import select
from tqdm import tqdm

from .. import demo
from ..bootstrap import Services
from ..db import refresh_statistics
from ..errors import Conflict
from ..models import Archive, Fonds, Record, ServiceCentre, StaffUser
from ..staff import ROLE_NAMES, add_staff, generate_password
from .fields import RecordData
from .fonds import FondsResolver, default_archive
from .importer import BATCH, ImportReport, write_batch


@dataclass
class DemoResult:
    archive: str
    centres: int
    imported: int
    updated: int
    unchanged: int
    new_accounts: list[tuple[str, str, str | None, str]] = field(default_factory=list)


def _refuse_real_archive(services: Services) -> None:
    """The demo may fill an empty database or top up a demo one, never mix into a real archive's catalogue."""
    with services.sessions() as s:
        is_demo = s.scalar(select(Archive.id).where(Archive.code == demo.ARCHIVE["code"])) is not None
        has_records = s.scalar(select(Record.id).limit(1)) is not None
        name = s.scalar(select(Archive.name).order_by(Archive.id).limit(1))
    if has_records and not is_demo:
        raise Conflict(f"数据库中已有「{name or '本馆'}」的档案目录：示例数据只能装入空数据库或示例数据库，"
                       "请换一个 LANTAI_DATA_DIR / DATABASE_URL。")


def _load_places(services: Services, seed: int) -> tuple[str, dict[str, str], int]:
    with services.sessions.begin() as s:
        archive = s.scalar(select(Archive).where(Archive.code == demo.ARCHIVE["code"])) or default_archive(s)
        for key, value in demo.ARCHIVE.items():
            setattr(archive, key, value)
        known = {f.code: f for f in s.scalars(select(Fonds).where(Fonds.archive_id == archive.id))}
        for f in demo.FONDS:
            if f["code"] not in known:
                s.add(Fonds(archive_id=archive.id, code=f["code"], name=f["name"]))
        centres = demo.generate_centres(seed)
        existing = {c.code: c for c in s.scalars(select(ServiceCentre))}
        for c in centres:
            row = existing.get(c["code"]) or ServiceCentre(code=c["code"])
            for key, value in c.items():
                setattr(row, key, value)
            s.add(row)
        return archive.name, {f["code"]: f["name"] for f in demo.FONDS}, len(centres)


def _load_staff(services: Services) -> list[tuple[str, str, str | None, str]]:
    """Create an admin, an archivist and a clerk for each of the first two centres, if missing."""
    created = []
    with services.sessions.begin() as s:
        centres = list(s.scalars(select(ServiceCentre).order_by(ServiceCentre.code).limit(2)))
        wanted = [("admin", "系统管理员", "admin", None), ("archivist", "档案员", "archivist", None)]
        wanted += [(f"clerk{i + 1}", f"{c.township}窗口", "clerk", c.code) for i, c in enumerate(centres)]
        for username, display, role, centre_code in wanted:
            if s.scalar(select(StaffUser.id).where(StaffUser.username == username)):
                continue
            password = generate_password()
            add_staff(s, username=username, display_name=display, role=role, password=password,
                      centre_code=centre_code)
            created.append((username, ROLE_NAMES[role], centre_code, password))
    return created


def load_demo(services: Services, *, records: int = 20000, seed: int = 1, progress: bool | None = None,
              index: bool = True) -> DemoResult:
    """Generate and load the demo archive, then rebuild the search index; rerunning adds only what is missing."""
    _refuse_real_archive(services)
    archive_name, fonds_names, centre_count = _load_places(services, seed)
    report = ImportReport(file="demo")
    resolver = FondsResolver(report.warnings)
    stream = (RecordData(**r, fonds_name=fonds_names.get(r["fonds_code"]))
              for r in demo.generate_records(records, seed=seed))
    with tqdm(total=records, unit="条", desc="生成示例档案", file=sys.stderr,
              disable=None if progress is None else not progress, mininterval=0.5) as bar:
        while batch := list(islice(stream, BATCH)):
            with services.sessions.begin() as s:
                write_batch(s, batch, resolver, report, enqueue=False)  # the caller rebuilds the index
            bar.update(len(batch))
    if report.imported or report.updated:
        refresh_statistics(services.engine)
    if index and (report.imported or report.updated or not services.search.store.exists()):
        services.search.store.rebuild(progress=progress)
    return DemoResult(archive=archive_name, centres=centre_count, imported=report.imported,
                      updated=report.updated, unchanged=report.unchanged, new_accounts=_load_staff(services))
