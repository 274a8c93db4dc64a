"""Certificates in the console: preview and issue (from the attached records), download, revoke, reissue.

Issuing, revoking and reissuing are for archivists and administrators (core.staff.CERTIFICATE_ROLES); a clerk
gets 403 on those routes. Downloading an issued PDF is for any staff member who may see its application.
"""
from __future__ import annotations

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from core.applications import STATUS_LABELS, get_application
from core.applications.certify import PREVIEW_NUMBER, certificate_basis, draft_certificate, issue_for_application
from core.applications.evidence import record_mismatches
from core.certificates import KIND_NAMES, certificate_status, reissue_certificate, revoke_certificate
from core.errors import LantaiError, NotFound
from core.models import Application
from core.staff import CERTIFICATE_ROLES, centre_scope, require_role

from . import bp
from .auth import staff_required
from .confirm import CONFIRM_LABELS, confirmed, render_confirm
from .detail import render_detail
from .helpers import Refused, application_write, staff_session, years_text


def _file(data: bytes, mimetype: str, name: str) -> Response:
    """A certificate or its picture: names on it, so no browser or proxy keeps a copy."""
    return Response(data, mimetype=mimetype, headers={"Cache-Control": "no-store",
                                                      "Content-Disposition": f'inline; filename="{name}"'})


def render_preview(application_id: int, *, error: str | None = None, force: bool = False, status: int = 200):
    """The would-be certificate with the records it cites, the mismatches, and the issue form."""
    with staff_session() as (services, s, user):
        application = get_application(s, application_id, staff=user)
        kind, records = certificate_basis(s, application)
        context = {
            "id": application.id, "status": application.status, "status_label": STATUS_LABELS[application.status],
            "category": application.category, "subjects": list(application.subject_names),
            "years": years_text(application.year_from, application.year_to), "kind": kind,
            "kind_name": KIND_NAMES[kind], "problems": record_mismatches(application, records),
            "records": [{"ref": r.ref, "title": r.title, "date": r.date_display, "persons": r.persons or []}
                        for r in records],
        }
    return render_template("staff/cert_preview.html", **context, error=error, force=force,
                           placeholder=PREVIEW_NUMBER), status


def _draft(application_id: int) -> bytes:
    with staff_session() as (services, s, user):
        return draft_certificate(s, services, get_application(s, application_id, staff=user))


@bp.get("/applications/<int:application_id>/certificate/preview")
@staff_required(*CERTIFICATE_ROLES)
def certificate_preview(application_id: int):
    """Preview the certificate the attached records would make (nothing is issued or registered)."""
    return render_preview(application_id)


@bp.get("/applications/<int:application_id>/certificate/preview.png")
@staff_required(*CERTIFICATE_ROLES)
def certificate_preview_png(application_id: int):
    """The preview's first page as a picture."""
    from core.certificates.preview import render_page_png  # late: pdfium is only needed here

    return _file(render_page_png(_draft(application_id)), "image/png", f"preview-{application_id}.png")


@bp.get("/applications/<int:application_id>/certificate/preview.pdf")
@staff_required(*CERTIFICATE_ROLES)
def certificate_preview_pdf(application_id: int):
    """The preview as a PDF (placeholder number and QR: it verifies as nothing)."""
    return _file(_draft(application_id), "application/pdf", f"preview-{application_id}.pdf")


@bp.post("/applications/<int:application_id>/certificate/issue")
@staff_required(*CERTIFICATE_ROLES)
def certificate_issue(application_id: int):
    """Issue the previewed certificate; mismatching records need the explicit 「仍要出具」."""
    force = request.form.get("force") == "1"
    try:
        with application_write(application_id) as (services, s, application, user):
            require_role(s, user.username, CERTIFICATE_ROLES, action="出具证明")
            number = issue_for_application(s, services, application, actor=current_user.actor, force=force,
                                           expected_refs=request.form.getlist("refs")).number
    except Refused as r:
        return render_preview(application_id, error=r.error.message, force=force, status=r.error.status)
    flash(f"已出具证明 {number}，申请已改为「{STATUS_LABELS['issued']}」，已通知申请人。", "success")
    return redirect(url_for("staff.application", application_id=application_id) + "#certificates")


def _certificate(session, number: str, user):
    """The certificate with this number, if this account may see its application; NotFound otherwise."""
    cert = certificate_status(session, number)
    if cert is None or (cert.application_id is None and centre_scope(user) is not None):
        raise NotFound(f"没有编号为 {number} 的证明。")
    if cert.application_id is not None:
        try:
            get_application(session, cert.application_id, staff=user)
        except NotFound:
            raise NotFound(f"没有编号为 {number} 的证明。") from None
    return cert


@bp.get("/certificates/<number>.pdf")
@staff_required()
def certificate_pdf(number: str):
    """The issued PDF, as the applicant receives it."""
    number = number.strip().upper()
    with staff_session() as (_, s, user):
        pdf = _certificate(s, number, user).pdf
    if not pdf:
        raise NotFound(f"证明 {number} 没有保存 PDF 文件。")
    return _file(pdf, "application/pdf", f"{number}.pdf")


def _after(application_id: int | None):
    target = (url_for("staff.application", application_id=application_id) + "#certificates" if application_id
              else url_for("staff.queue"))
    return redirect(target)


@bp.post("/certificates/<number>/revoke")
@staff_required(*CERTIFICATE_ROLES)
def certificate_revoke(number: str):
    """Revoke a certificate; the reason is required and shown on the verify page."""
    number, reason = number.strip().upper(), request.form.get("reason", "").strip()
    with staff_session() as (_, s, user):
        cert = _certificate(s, number, user)
        application_id, facts = cert.application_id, [
            ("证明编号", cert.number), ("种类", KIND_NAMES.get(cert.kind, cert.kind)),
            ("出具日期", cert.issue_date.isoformat()), ("所属申请", str(cert.application_id or "—"))]
    if reason and not confirmed():  # an empty reason goes on to core, which refuses it with its own message
        back = (url_for("staff.application", application_id=application_id) + "#certificates" if application_id
                else url_for("staff.queue"))
        again = request.form.get("step") == "confirm"
        return render_confirm(
            "revoke", title=f"确认撤销证明 {number}", facts=facts,
            warning="撤销后扫码核验即显示「已撤销」和下面的原因，不能恢复；如需更正，请撤销后重新出具。",
            action=url_for("staff.certificate_revoke", number=number), back=back, hidden=[("step", "confirm")],
            reason_name="reason", reason_label="撤销原因（核验页面会显示）", reason=reason, reason_max=200,
            button="撤销证明", error=f"请勾选「{CONFIRM_LABELS['revoke']}」后再提交。" if again else None)
    try:
        with staff_session(write=True) as (services, s, user):
            require_role(s, user.username, CERTIFICATE_ROLES, action="撤销证明")
            revoke_certificate(s, number, reason=reason, actor=current_user.actor, tz=services.settings.timezone)
    except LantaiError as e:
        if application_id is None:
            raise
        return render_detail(application_id, error=e.message, where=f"revoke:{number}", values={"reason": reason},
                             status=e.status)
    flash(f"证明 {number} 已撤销，此后扫码核验将显示「已撤销」。已通知申请人。", "success")
    return _after(application_id)


@bp.post("/certificates/<number>/reissue")
@staff_required(*CERTIFICATE_ROLES)
def certificate_reissue(number: str):
    """Issue a new certificate in place of this one: as it was, or from the records attached now."""
    number, basis = number.strip().upper(), request.form.get("basis", "same")
    with staff_session() as (_, s, user):
        application_id = _certificate(s, number, user).application_id
    try:
        with staff_session(write=True) as (services, s, user):
            require_role(s, user.username, CERTIFICATE_ROLES, action="重新出具证明")
            kind = records = None
            if basis == "attached" and application_id is not None:
                kind, records = certificate_basis(s, s.get(Application, application_id))
            new = reissue_certificate(s, services, number, actor=current_user.actor, kind=kind, records=records)
            new_number = new.number
    except LantaiError as e:
        if application_id is None:
            raise
        return render_detail(application_id, error=e.message, where=f"reissue:{number}", status=e.status)
    flash(f"已重新出具证明 {new_number}，原证明 {number} 作废。已通知申请人。", "success")
    return _after(application_id)
