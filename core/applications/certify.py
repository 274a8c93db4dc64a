"""A certificate for an application from the records attached to it: preview (nothing registered) and issue.

Issuing follows `python -m core app issue` (core/cli/applications.py cmd_issue): the application must be approved;
records that do not fit it (evidence.record_mismatches) stop the issue unless the archivist confirms; the
certificate is issued and the application moves to issued, in the caller's transaction.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..bootstrap import Services
from ..clock import local_today
from ..errors import Conflict
from ..models import Application, Archive, Certificate, Record
from . import rules
from .attach import attached_records
from .evidence import record_mismatches
from .workflow import transition

PREVIEW_NUMBER = "（预览，出具时编号）"
_PREVIEW_TOKEN = "A" * 60  # a verify URL nobody can verify: the preview's QR must never pass for a certificate


def certificate_basis(session: Session, application: Application) -> tuple[str, list[Record]]:
    """What a certificate would say now: ("record", the attached records) or ("no_record", [])."""
    records = [link.record for link in attached_records(session, application)]
    return ("record" if records else "no_record"), records


def draft_certificate(session: Session, services: Services, application: Application) -> bytes:
    """The PDF the certificate would be, rendered with a placeholder number and URL; nothing is signed or stored."""
    from ..catalogue.fonds import DEFAULT_ARCHIVE  # late: the PDF renderer is heavy to import
    from ..certificates.pdf import Content, record_date, render
    from ..certificates.service import verify_url

    kind, records = certificate_basis(session, application)
    archive = session.scalar(select(Archive).order_by(Archive.id).limit(1))
    content = Content(kind=kind, number=PREVIEW_NUMBER, issue_date=local_today(services.settings.timezone),
                      archive_name=archive.name if archive else DEFAULT_ARCHIVE["name"],
                      subject_names=list(application.subject_names), category=application.category,
                      year_from=application.year_from, year_to=application.year_to, place=application.place,
                      purpose=application.purpose,
                      records=[(r.ref, r.title, record_date(r.date_year, r.date_month, r.date_day)) for r in records])
    return render(content, verify_url(services.settings, _PREVIEW_TOKEN))


def issue_for_application(session: Session, services: Services, application: Application, *, actor: str,
                          force: bool = False, expected_refs: list[str] | None = None) -> Certificate:
    """Issue the certificate from the attached records (no_record when none) and mark the application issued.

    `expected_refs` are the 档号 the archivist saw in the preview: Conflict if the attachments changed since.
    Conflict when records do not fit the application, unless `force` (the archivist has checked them).
    """
    if application.status != "approved":
        raise Conflict(f"申请目前「{rules.STATUS_LABELS[application.status]}」，须先批准才能出具证明。")
    kind, records = certificate_basis(session, application)
    if expected_refs is not None and list(expected_refs) != [r.ref for r in records]:
        raise Conflict("附加的档案在预览之后有变动，未出具。请重新预览核对后再出具。")
    problems = record_mismatches(application, records)
    if problems and not force:
        raise Conflict("所引档案与申请不符，未出具：" + "；".join(problems) + "。核对无误（如人名写法不同）请勾选「仍要出具」。")
    from ..certificates import issue_certificate  # late: the PDF renderer is heavy to import

    certificate = issue_certificate(session, services, kind=kind, application=application, records=records,
                                    subject_names=list(application.subject_names), actor=actor)
    transition(session, application, "issued", actor=actor, note=f"证明编号 {certificate.number}")
    return certificate


def certificates_of(session: Session, application: Application) -> list[Certificate]:
    """Every certificate issued for the application, newest first (revoked ones too)."""
    return list(session.scalars(select(Certificate).where(Certificate.application_id == application.id)
                                .order_by(Certificate.id.desc())))
