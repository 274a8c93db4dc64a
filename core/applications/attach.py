"""The evidence staff gather for an application: catalogue records attached to it, and the papers checked.

Both are audited under their own entity (EVIDENCE_ENTITY), not the application's: the application's history is
what its applicant reads with the pickup code, and the 档号 of restricted records are never shown to the public.
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .. import audit
from ..errors import Conflict, InvalidInput, NotFound
from ..models import Application, ApplicationRecord, Record
from . import rules

EVIDENCE_ENTITY = "application_evidence"
CLOSED = frozenset({"rejected", "withdrawn"})  # closed without a certificate: nothing left to cite
MAX_ATTACHED = 200  # core.certificates.service.MAX_RECORDS: a certificate lists at most this many


def _record(session: Session, ref: str) -> Record:
    ref = (ref or "").strip()
    if not ref:
        raise InvalidInput("请给出要附加的档号。")
    record = session.scalar(select(Record).where(Record.ref == ref))
    if record is None:
        raise NotFound(f"目录中没有档号为 {ref} 的档案。")
    return record


def _link(session: Session, application: Application, record: Record) -> ApplicationRecord | None:
    return session.get(ApplicationRecord, (application.id, record.id))


def attach_record(session: Session, application: Application, ref: str, *, actor: str) -> ApplicationRecord:
    """Attach the record with this 档号 to the application (audited); Conflict if already attached or closed."""
    if application.status in CLOSED:
        raise Conflict(f"申请已「{rules.STATUS_LABELS[application.status]}」，不能再附加档案。")
    audit.lock_chain(session)  # serialises attaching: two clerks adding the same record, one wins cleanly
    record = _record(session, ref)
    if _link(session, application, record) is not None:
        raise Conflict(f"档案 {record.ref} 已附加在这份申请上。")
    count = session.scalar(select(func.count()).select_from(ApplicationRecord)
                           .where(ApplicationRecord.application_id == application.id))
    if count >= MAX_ATTACHED:
        raise Conflict(f"一份申请最多附加{MAX_ATTACHED}件档案。")
    link = ApplicationRecord(application_id=application.id, record_id=record.id, attached_by=actor)
    session.add(link)
    session.flush()
    audit.append(session, actor=actor, action="application.attach_record", entity=EVIDENCE_ENTITY,
                 entity_id=application.id, data={"ref": record.ref, "record_id": record.id})
    return link


def detach_record(session: Session, application: Application, ref: str, *, actor: str) -> None:
    """Take the record with this 档号 off the application (audited); NotFound if it was not attached."""
    audit.lock_chain(session)
    record = _record(session, ref)
    link = _link(session, application, record)
    if link is None:
        raise NotFound(f"档案 {record.ref} 没有附加在这份申请上。")
    session.delete(link)
    session.flush()
    audit.append(session, actor=actor, action="application.detach_record", entity=EVIDENCE_ENTITY,
                 entity_id=application.id, data={"ref": record.ref, "record_id": record.id})


def attached_records(session: Session, application: Application) -> list[ApplicationRecord]:
    """The application's attached records (`.record` loaded), in the order they were attached."""
    return list(session.scalars(select(ApplicationRecord).options(selectinload(ApplicationRecord.record))
                                .where(ApplicationRecord.application_id == application.id)
                                .order_by(ApplicationRecord.attached_at, ApplicationRecord.record_id)))


def record_checklist(session: Session, application: Application, *, papers: tuple[str, ...] | list[str],
                     checked: list[str], actor: str, decision: str | None = None) -> None:
    """Write which of the eligibility papers the clerk ticked (and which not), with the decision taken."""
    unknown = [p for p in checked if p not in papers]
    if unknown:
        raise InvalidInput(f"核对清单中没有「{unknown[0]}」，请刷新页面后再核对。")
    audit.append(session, actor=actor, action="application.checklist", entity=EVIDENCE_ENTITY,
                 entity_id=application.id,
                 data={"checked": [p for p in papers if p in checked],
                       "missing": [p for p in papers if p not in checked], "decision": decision})


def last_checklist(session: Session, application: Application) -> list[str] | None:
    """The papers ticked the last time the checklist was saved, or None when it never was."""
    lines = [e for e in audit.history(session, EVIDENCE_ENTITY, application.id) if e.action == "application.checklist"]
    return list(lines[-1].data.get("checked") or []) if lines else None


def evidence_history(session: Session, application: Application) -> list:
    """The audit lines about the application's evidence (attach, detach, checklist), oldest first."""
    return audit.history(session, EVIDENCE_ENTITY, application.id)
