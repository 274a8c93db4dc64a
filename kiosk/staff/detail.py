"""One application: everything staff need, the papers checklist, the workflow actions, attached records, search."""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from core import audit
from core.applications import STATUS_LABELS, TRANSITIONS, advance, describe, get_application
from core.applications.rules import CHANNEL_LABELS, TERMINAL
from core.applications.attach import (EVIDENCE_ENTITY, attach_record, attached_records, detach_record,
                                      evidence_history, last_checklist, record_checklist)
from core.applications.certify import certificates_of
from core.applications.evidence import record_mismatches
from core.applications.pii import reveal_applicant
from core.certificates import KIND_NAMES
from core.citizens import RENAME_ROLES
from core.clock import local_today
from core.eligibility import check_eligibility
from core.errors import Conflict, InvalidInput, LantaiError
from core.staff import CERTIFICATE_ROLES

from .. import services_of
from . import bp
from .audit_labels import action_label, summary
from .auth import staff_required
from .confirm import confirmed, render_confirm
from .helpers import (Refused, actor_label, application_write, countdown, local_minute, staff_names,
                      staff_session, years_text)

#: The workflow buttons, in the order the page shows them. "issued" is not here: a certificate does that.
MOVES = {"in_review": "开始审核", "approved": "批准", "needs_info": "要求补充材料", "rejected": "不予受理",
         "withdrawn": "撤回申请", "delivered": "已领取/已送达"}
DECISIONS = frozenset({"approved", "needs_info", "rejected"})  # the checklist is saved with these
FINAL = {"withdrawn": "撤回申请须写明理由（如：申请人来电要求撤回）。", "rejected": "不予受理时必须写明理由。"}
SAVE_CHECKLIST = "checklist"
OVERRIDE_ACTION = "application.papers_override"  # approved with papers not ticked, on purpose
SEARCH_LIMIT = 20


def moves_for(status: str) -> list[tuple[str, str]]:
    """The buttons a staff member may press now: legal moves, and those `advance` reaches through a review."""
    legal = TRANSITIONS[status]
    via_review = TRANSITIONS["in_review"] if "in_review" in legal else frozenset()
    out = []
    for to, label in MOVES.items():
        if to in legal or (to in via_review and to != "in_review"):
            out.append((to, "收到补充材料，继续审核" if to == "in_review" and status == "needs_info" else label))
    return out


def _evidence_line(e, tz: str, names: dict[str, str]) -> dict:
    return {"at": local_minute(e.at, tz), "actor": actor_label(e.actor, names), "what": action_label(e.action),
            "text": summary(e.action, e.data)}


def _search(services, query: str, attached: set[str]) -> tuple[list[dict], str | None]:
    if not query:
        return [], None
    try:
        result = services.search.search(query, audience="staff", limit=SEARCH_LIMIT)
    except LantaiError as e:
        return [], e.message
    hits = [{**h, "attached": h["ref"] in attached} for h in result["hits"]]
    return hits, None if hits else "没有找到相关档案。可以换个说法，或只输入姓名、年份试试。"


def _certificates(session, application) -> list[dict]:
    certs = certificates_of(session, application)
    replaced = {c.replaces_id for c in certs if c.replaces_id}
    return [{"number": c.number, "kind": KIND_NAMES.get(c.kind, c.kind), "status": c.status,
             "issue_date": c.issue_date.isoformat(), "issued_by": c.issued_by, "refs": c.record_refs,
             "revoke_reason": c.revoke_reason, "replaced": c.id in replaced} for c in certs]


def detail_context(services, session, application, query: str = "") -> dict:
    """Everything the detail page shows about one application (the caller has checked the scope)."""
    tz = services.settings.timezone
    data = describe(services, session, application, staff=True)
    names = staff_names(session)
    for line in data["history"]:
        line["at"] = line["at"][:16].replace("T", " ")
        line["actor"] = actor_label(line["actor"], names)
    eligibility = check_eligibility(application.category, application.relation)
    links = attached_records(session, application)
    records = [link.record for link in links]
    left, late = countdown(application.status, application.due_date, local_today(tz), services.calendar)
    hits, search_note = _search(services, query, {r.ref for r in records})
    return {
        "a": data, "channel": CHANNEL_LABELS.get(application.channel, application.channel), "years": years_text(application.year_from, application.year_to), "countdown": left,
        "late": late, "received": local_minute(application.submitted_at, tz),
        "papers": eligibility.papers, "checked": last_checklist(session, application),
        "moves": moves_for(application.status), "closed": application.status in TERMINAL,
        "attached": [{"ref": r.ref, "title": r.title, "date": r.date_display, "category": r.category,
                      "access": r.access, "persons": r.persons or [], "by": link.attached_by,
                      "at": local_minute(link.attached_at, tz)} for link, r in zip(links, records)],
        "mismatches": record_mismatches(application, records),
        "certificates": _certificates(session, application),
        "evidence": [_evidence_line(e, tz, names) for e in evidence_history(session, application)],
        "query": query, "hits": hits, "search_note": search_note,
        "can_certify": current_user.role in CERTIFICATE_ROLES,
        "can_rename": current_user.role in RENAME_ROLES,
    }


def render_detail(application_id: int, *, error: str | None = None, where: str | None = None,
                  values: dict | None = None, revealed: dict | None = None, status: int = 200):
    """The detail page; `error` shown at the form `where` with the user's `values` kept."""
    with staff_session() as (services, s, user):
        application = get_application(s, application_id, staff=user)
        context = detail_context(services, s, application, request.args.get("q", "").strip()[:100])
    if values and "papers" in values:
        context["checked"] = values["papers"]
    return render_template("staff/detail.html", **context, error=error, where=where, values=values or {},
                           revealed=revealed, status_labels=STATUS_LABELS), status


@bp.get("/applications/<int:application_id>")
@staff_required()
def application(application_id: int):
    """The application, with the search panel's results for ?q=."""
    return render_detail(application_id)


def _check_move(application, to: str, note: str | None, ticked: list[str], override: bool) -> list[str]:
    """Refuse a move the page should not have offered or that lacks what it needs; the papers not ticked."""
    if to == SAVE_CHECKLIST and application.status in TERMINAL:
        raise Conflict(f"申请已「{STATUS_LABELS[application.status]}」，已办结，不能再保存核对结果。")
    if to != SAVE_CHECKLIST and to not in dict(moves_for(application.status)):
        raise InvalidInput("请选择一项可以办理的操作（页面可能已过时，请刷新）。")
    if to in FINAL and not note:
        raise InvalidInput(FINAL[to])
    missing = [p for p in check_eligibility(application.category, application.relation).papers if p not in ticked]
    if to == "approved" and missing and not override:
        raise InvalidInput(f"还有材料没有核对：{'、'.join(missing)}。请核对后勾选；如确需在材料不全时批准，"
                           f"请勾选「材料不全仍批准」（将记入审计日志）。")
    return missing


def _confirm_move(application_id: int, to: str, note: str, ticked: list[str], error: str | None = None):
    with staff_session() as (_, s, user):
        application = get_application(s, application_id, staff=user)
        facts = [("申请人", application.citizen.name), ("当事人", "、".join(application.subject_names)),
                 ("档案类别", application.category), ("现在状态", STATUS_LABELS[application.status])]
    verb = "撤回" if to == "withdrawn" else "不予受理"
    return render_confirm(
        to, title=f"确认{verb}申请 {application_id}", facts=facts,
        warning=f"{verb}后申请即办结，不能恢复；申请人会收到通知和下面的理由。如需再办，申请人须重新提交。",
        action=url_for("staff.move", application_id=application_id),
        back=url_for("staff.application", application_id=application_id),
        hidden=[("to", to), ("step", "confirm"), *(("papers", p) for p in ticked)],
        reason_name="note", reason_label="理由（告知申请人）", reason=note, button=f"{verb}申请", error=error)


@bp.post("/applications/<int:application_id>/move")
@staff_required()
def move(application_id: int):
    """Approve, ask for papers, reject, withdraw …, saving the ticked checklist with the decision.

    Withdrawing and rejecting are final: the first post shows a confirmation page, the second (ticked) acts.
    Approving with papers not ticked needs 「材料不全仍批准」, which is written to the audit log.
    """
    to = request.form.get("to", "")
    note = request.form.get("note", "").strip() or None
    ticked = request.form.getlist("papers")
    override = request.form.get("override") == "1"
    asking = to in FINAL and not confirmed()
    try:
        with application_write(application_id) as (_, s, application, _user):
            missing = _check_move(application, to, note, ticked, override)
            if not asking:
                _apply_move(s, application, to, note, ticked, missing)
    except Refused as r:
        return render_detail(application_id, error=r.error.message, where="move",
                             values={"note": note or "", "papers": ticked, "override": override},
                             status=r.error.status)
    if asking:
        error = "请勾选「%s」后再提交。" % ("确认撤回（不可恢复）" if to == "withdrawn" else "确认不予受理（不可恢复）")
        return _confirm_move(application_id, to, note or "", ticked,
                             error=error if request.form.get("step") == "confirm" else None)
    flash("核对结果已保存。" if to == SAVE_CHECKLIST else f"申请 {application_id} 已改为「{STATUS_LABELS[to]}」，已通知申请人。",
          "success")
    return redirect(url_for("staff.application", application_id=application_id))


def _apply_move(s, application, to: str, note: str | None, ticked: list[str], missing: list[str]) -> None:
    if to == SAVE_CHECKLIST or to in DECISIONS:
        papers = check_eligibility(application.category, application.relation).papers
        record_checklist(s, application, papers=papers, checked=ticked, actor=current_user.actor,
                         decision=None if to == SAVE_CHECKLIST else to)
    if to == "approved" and missing:
        audit.append(s, actor=current_user.actor, action=OVERRIDE_ACTION, entity=EVIDENCE_ENTITY,
                     entity_id=application.id, data={"missing": missing, "decision": to, "note": note})
    if to != SAVE_CHECKLIST:
        advance(s, application, to, actor=current_user.actor, note=note,
                reason=note if to == "rejected" else None)


@bp.post("/applications/<int:application_id>/records")
@staff_required()
def attach(application_id: int):
    """Attach a record found in the search panel."""
    ref, query = request.form.get("ref", ""), request.form.get("q", "")
    try:
        with application_write(application_id) as (_, s, application, _user):
            attach_record(s, application, ref, actor=current_user.actor)
        flash(f"已附加档案 {ref.strip()}。", "success")
    except Refused as r:
        flash(r.error.message, "error")
    return redirect(url_for("staff.application", application_id=application_id, q=query or None) + "#records")


@bp.post("/applications/<int:application_id>/records/detach")
@staff_required()
def detach(application_id: int):
    """Take an attached record off the application."""
    ref = request.form.get("ref", "")
    try:
        with application_write(application_id) as (_, s, application, _user):
            detach_record(s, application, ref, actor=current_user.actor)
        flash(f"已取下档案 {ref.strip()}。", "success")
    except Refused as r:
        flash(r.error.message, "error")
    return redirect(url_for("staff.application", application_id=application_id) + "#records")


@bp.post("/applications/<int:application_id>/pii")
@staff_required()
def reveal(application_id: int):
    """Show the applicant's full ID number and phone on this one page (audited; the page is not stored)."""
    revealed = reveal_applicant(services_of(current_app), application_id, staff=current_user.username)
    return render_detail(application_id, revealed=revealed)

