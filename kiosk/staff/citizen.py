"""Correcting an applicant's registered name (archivists, administrators): for a name mistyped at first sight."""
from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_login import current_user

from core.citizens import RENAME_ROLES, correct_citizen_name

from . import bp
from .auth import staff_required
from .detail import render_detail
from .helpers import Refused, application_write


@bp.post("/applications/<int:application_id>/applicant-name")
@staff_required(*RENAME_ROLES)
def rename_applicant(application_id: int):
    """Correct the name the applicant of this application is registered under (reason required, audited)."""
    name, reason = request.form.get("name", "").strip(), request.form.get("reason", "").strip()
    try:
        with application_write(application_id) as (_, s, application, _user):
            correct_citizen_name(s, application.citizen_id, name, current_user.actor, reason)
    except Refused as r:
        return render_detail(application_id, error=r.error.message, where="rename",
                             values={"name": name, "reason": reason}, status=r.error.status)
    flash(f"申请人姓名已更正为「{name}」，已记入审计日志。此后用该身份证号码办理须使用新姓名。", "success")
    return redirect(url_for("staff.application", application_id=application_id) + "#info")
