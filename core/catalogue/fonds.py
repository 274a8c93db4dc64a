"""Find or create the archive and its fonds (全宗) while importing."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Archive, Fonds

DEFAULT_ARCHIVE = {"code": "ARCHIVE", "name": "县档案馆"}


def default_archive(session: Session) -> Archive:
    """The deployment's archive (one county archive per installation), created on first need."""
    archive = session.scalar(select(Archive).order_by(Archive.id).limit(1))
    if archive is None:
        archive = Archive(**DEFAULT_ARCHIVE)
        session.add(archive)
        session.flush()
    return archive


class FondsResolver:
    """Map 全宗号 to fonds ids, creating unknown fonds once; names that disagree are warned about, not changed."""

    def __init__(self, warnings: list[str]):
        self._ids: dict[str, int] = {}
        self._names: dict[str, str] = {}
        self._warned: set[str] = set()
        self._warnings = warnings

    def resolve(self, session: Session, code: str | None, name: str | None) -> int | None:
        if not code:
            return None
        if code not in self._ids:
            archive = default_archive(session)
            fonds = session.scalar(select(Fonds).where(Fonds.archive_id == archive.id, Fonds.code == code))
            if fonds is None:
                fonds = Fonds(archive_id=archive.id, code=code, name=name or f"全宗{code}")
                session.add(fonds)
                session.flush()
            elif name and fonds.name == f"全宗{code}":
                fonds.name = name  # a placeholder name learns the real one
            self._ids[code], self._names[code] = fonds.id, fonds.name
        if name and name != self._names[code] and code not in self._warned:
            self._warned.add(code)
            self._warnings.append(f"全宗号 {code} 已登记为「{self._names[code]}」，文件中写作「{name}」，保留原名称")
        return self._ids[code]
