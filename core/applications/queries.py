"""Reading applications: the staff queue, one application with its history, and what the pickup code shows."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from .. import audit
from ..bootstrap import Services
from ..clock import as_local, chinese_date, local_today
from ..eligibility import RELATIONS
from ..errors import InvalidInput, NotFound
from ..identity import mask_name, mask_phone, redact_id_numbers
from ..models import Application, Certificate, StaffUser
from ..staff import may_see_centre
from . import rules
from .submit import normalise_pickup_code
from .workflow import ENTITY


def local_time(at: datetime, tz: str) -> str:
    """A stored timestamp (UTC; naive on SQLite) as local ISO time with its offset, to the second."""
    return as_local(at, tz).isoformat(timespec="seconds")


def is_overdue(application: Application, today: date) -> bool:
    """True when the archive still owes an answer and the due date has passed."""
    return application.status in rules.AWAITING_ARCHIVE and today > application.due_date


def get_application(session: Session, application_id: int, *, staff: StaffUser | None = None) -> Application:
    """The application with this id, or NotFound; also NotFound when `staff` is a clerk of another centre."""
    application = session.get(Application, application_id)
    if application is None or (staff is not None and not may_see_centre(staff, application.centre_id)):
        raise NotFound(f"没有编号为 {application_id} 的查档申请。")
    return application


def find_by_pickup_code(session: Session, code: str) -> Application:
    """The application with this pickup code (any case, dashes and spaces ignored), or NotFound."""
    application = session.scalar(select(Application).where(Application.pickup_code == normalise_pickup_code(code)))
    if application is None:
        raise NotFound("没有找到这个取件码对应的申请，请核对取件码。")
    return application


def list_applications(session: Session, *, today: date, status: str | None = None, centre_id: int | None = None,
                      category: str | None = None, overdue: bool = False, include_closed: bool = False,
                      limit: int = 200) -> list[Application]:
    """The staff queue, earliest due first: open applications (or all), by status, category, centre and overdue."""
    q = select(Application).options(selectinload(Application.citizen), selectinload(Application.centre))
    if status:
        if status not in rules.STATUS_LABELS:
            raise InvalidInput(f"状态应为 {' / '.join(rules.STATUS_LABELS)} 之一。")
        q = q.where(Application.status == status)
    elif not include_closed:
        q = q.where(Application.status.not_in(rules.TERMINAL))
    if centre_id is not None:
        q = q.where(Application.centre_id == centre_id)
    if category:
        q = q.where(Application.category == category)
    if overdue:
        q = q.where(Application.status.in_(rules.AWAITING_ARCHIVE), Application.due_date < today)
    return list(session.scalars(q.order_by(Application.due_date, Application.id).limit(limit)))


def history(session: Session, application: Application, *, tz: str, with_actors: bool = False) -> list[dict]:
    """The application's audit lines, oldest first: time, from, to, note (and who, for staff)."""
    lines = []
    for e in audit.history(session, ENTITY, application.id):
        line = {"at": local_time(e.at, tz), "from": e.data.get("from"), "to": e.data.get("to"),
                "from_label": rules.STATUS_LABELS.get(e.data.get("from"), ""),
                "to_label": rules.STATUS_LABELS.get(e.data.get("to"), ""), "note": e.data.get("note")}
        if with_actors:
            line["actor"] = e.actor
        lines.append(line)
    return lines


def current_certificate(session: Session, application: Application) -> Certificate | None:
    """The application's latest certificate that still stands."""
    return session.scalar(select(Certificate).where(Certificate.application_id == application.id,
                                                    Certificate.status == "valid")
                          .order_by(Certificate.id.desc()).limit(1))


def _verify_url(services: Services, session: Session, application: Application) -> str | None:
    if application.status not in ("issued", "delivered"):
        return None
    certificate = current_certificate(session, application)
    if certificate is None:
        return None
    from ..certificates import verify_url  # imported late: certificates builds on applications

    return verify_url(services.settings, certificate.token)


def _certificate_note(session: Session, application: Application, tz: str) -> str | None:
    """Why an issued application shows no verify URL: its certificate was revoked (and none replaces it yet)."""
    if application.status not in ("issued", "delivered") or current_certificate(session, application):
        return None
    revoked = session.scalar(select(Certificate).where(Certificate.application_id == application.id,
                                                       Certificate.status == "revoked")
                             .order_by(Certificate.id.desc()).limit(1))
    if revoked is None:
        return None
    when = chinese_date(as_local(revoked.revoked_at, tz)) if revoked.revoked_at else ""
    return f"证明 {revoked.number} 已于{when}撤销：{revoked.revoke_reason}。目前没有有效的证明。"


def describe(services: Services, session: Session, application: Application, *, staff: bool,
             with_history: bool = True) -> dict:
    """The application as JSON-ready data.

    The public view (whoever holds the pickup code) has masked names and no ID number, phone, place, purpose or
    staff names, and ID-number-like text in notes is masked; staff see names in full and everything but the full ID number.
    """
    tz = services.settings.timezone
    lines = history(session, application, tz=tz, with_actors=staff) if with_history else None
    reason = application.reject_reason
    certificate_note = _certificate_note(session, application, tz)
    if not staff:
        reason = reason and redact_id_numbers(reason)
        certificate_note = certificate_note and redact_id_numbers(certificate_note)
        for line in lines or ():
            line["note"] = line["note"] and redact_id_numbers(line["note"])
    data = {
        "status": application.status, "status_label": rules.STATUS_LABELS[application.status],
        "category": application.category,
        "relation": application.relation, "relation_label": RELATIONS.get(application.relation, ""),
        # staff compare the name with the ID card in front of them; the public sees masked names only
        "applicant": application.citizen.name if staff else mask_name(application.citizen.name),
        "subject_names": list(application.subject_names) if staff else [mask_name(n) for n in application.subject_names],
        "year_from": application.year_from, "year_to": application.year_to,
        "delivery": application.delivery, "delivery_label": rules.DELIVERY_LABELS[application.delivery],
        "centre": application.centre.name if application.centre else None,
        "submitted_at": local_time(application.submitted_at, tz), "due_date": application.due_date.isoformat(),
        "overdue": is_overdue(application, local_today(tz)),
        "reject_reason": reason, "history": lines, "verify_url": _verify_url(services, session, application),
        # what the archive asked for, while it waits for it (from the history)
        "needs_note": next((h["note"] for h in reversed(lines) if h["to"] == "needs_info"), None)
        if lines and application.status == "needs_info" else None,
        "certificate_note": certificate_note,
    }
    if staff:
        data.update(id=application.id, pickup_code=application.pickup_code, channel=application.channel,
                    applicant_id_number=application.citizen.id_masked,
                    # masked like the ID number: in full only through the audited reveal (pii.py)
                    applicant_phone=(mask_phone(services.vault.decrypt(application.citizen.phone_cipher))
                                     if application.citizen.phone_cipher else None),
                    place=application.place, purpose=application.purpose, centre_id=application.centre_id)
    return data
