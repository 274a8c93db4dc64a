"""The audit log viewer (archivists, administrators): newest first, filtered, paged, with the chain's verdict."""
from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import render_template, request
from sqlalchemy import select

from core import audit as audit_chain
from core.identity import redact_id_numbers
from core.models import AuditEntry
from core.staff import CERTIFICATE_ROLES

from . import bp
from .audit_labels import ACTION_LABELS, action_label, summary
from .auth import staff_required
from .helpers import local_minute, staff_session

PAGE = 50
ACTION_CODES = {label: code for code, label in ACTION_LABELS.items()}
APPLICATION_ENTITIES = ("application", "application_evidence")  # lines whose entity_id is an application's
ENTITIES = {"application": "申请", "application_evidence": "申请附档/核对", "certificate": "证明", "citizen": "公民",
            "appointment": "预约", "handoff": "转人工", "catalogue": "目录", "staff_user": "工作人员账号"}


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text.strip() else None
    except ValueError:
        return None


def _filters() -> tuple[dict, list[str]]:
    args, problems = request.args, []
    values = {k: args.get(k, "").strip()[:80] for k in ("actor", "action", "entity", "entity_id", "since", "until")}
    for key, label in (("since", "起始日期"), ("until", "截止日期")):
        if values[key] and _day(values[key]) is None:
            problems.append(f"{label}「{values[key]}」不是日期（如 2026-09-16），已忽略。")
            values[key] = ""
    page = args.get("page", "1")
    values["page"] = int(page) if page.isdigit() and 0 < int(page) < 100000 else 1
    return values, problems


def _utc_midnight(day: date, tz: str) -> datetime:
    # in UTC: SQLite keeps the log's times as UTC text and compares the text
    return datetime.combine(day, time(), ZoneInfo(tz)).astimezone(timezone.utc)


def _query(f: dict, tz: str):
    q = select(AuditEntry)
    if f["actor"]:
        q = q.where(AuditEntry.actor.contains(f["actor"], autoescape=True))
    if f["action"]:
        code = ACTION_CODES.get(f["action"], f["action"])  # the list offers the Chinese names
        q = q.where(AuditEntry.action.startswith(code, autoescape=True))
    if f["entity"]:
        q = q.where(AuditEntry.entity == f["entity"])
    if f["entity_id"]:
        q = q.where(AuditEntry.entity_id == f["entity_id"])
    if f["since"]:
        q = q.where(AuditEntry.at >= _utc_midnight(_day(f["since"]), tz))
    if f["until"]:
        q = q.where(AuditEntry.at < _utc_midnight(_day(f["until"]) + timedelta(days=1), tz))
    return q.order_by(AuditEntry.id.desc()).offset((f["page"] - 1) * PAGE).limit(PAGE + 1)


def _line(e: AuditEntry, tz: str) -> dict:
    # staff see the data, but no full ID number ever reaches this screen (the PII view is the only place)
    data = redact_id_numbers(json.dumps(e.data or {}, ensure_ascii=False, sort_keys=True, indent=1))
    return {"id": e.id, "at": local_minute(e.at, tz), "actor": e.actor, "action": e.action,
            "action_label": action_label(e.action), "summary": redact_id_numbers(summary(e.action, e.data)),
            "entity": ENTITIES.get(e.entity, e.entity), "entity_id": e.entity_id,
            "data": "" if data == "{}" else data, "hash": e.hash[:12],
            "application_id": int(e.entity_id) if e.entity in APPLICATION_ENTITIES and e.entity_id.isdigit() else None}


@bp.get("/audit")
@staff_required(*CERTIFICATE_ROLES)
def audit():
    """The audit log, newest first, with the hash chain checked."""
    with staff_session() as (services, s, _):
        tz = services.settings.timezone
        filters, problems = _filters()
        found = list(s.scalars(_query(filters, tz)))
        actions = sorted(s.scalars(select(AuditEntry.action).distinct()))
    report = audit_chain.verify(services.sessions)
    lines = [_line(e, tz) for e in found[:PAGE]]
    args = {k: v for k, v in filters.items() if v and k != "page"}
    return render_template("staff/audit.html", lines=lines, filters=filters, problems=problems, report=report,
                           verdict=str(report).removeprefix("OK "),
                           actions=[(a, action_label(a)) for a in actions], entities=ENTITIES, args=args,
                           page=filters["page"], has_next=len(found) > PAGE)
