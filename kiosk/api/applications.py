"""POST /api/applications and GET /api/applications/<pickup_code>.

The pickup code is a bearer secret: whoever holds it (the applicant, from the slip or the bot) may read the
application's status. It is 10 characters from a 31-letter alphabet (≈ 2^49.5 codes), and the answer holds
nothing sensitive beyond masked names: no ID number, no phone, no staff names, no purpose or place.
"""
from __future__ import annotations

from flask import current_app, request

from core.applications import describe, find_by_pickup_code, submit_application
from core.eligibility import check_eligibility
from core.errors import InvalidInput

from .. import services_of
from . import bp

FIELD_LABELS = {"channel": "申请渠道", "applicant": "申请人", "relation": "与当事人的关系", "subject_names": "当事人姓名",
                "category": "档案类别", "purpose": "查档用途", "delivery": "取件方式"}
REQUIRED = tuple(FIELD_LABELS)
OPTIONAL = ("year_from", "year_to", "place")  # never chat_id: the bot sets it from a bound chat, not a client


def _json_object() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidInput("请求体应为 JSON 对象（Content-Type: application/json）。")
    return body


@bp.post("/applications")
def create_application():
    """File a 查档申请; 201 with its id, pickup code, status, due date and the papers to bring."""
    body = _json_object()
    missing = [k for k in REQUIRED if body.get(k) in (None, "", [], {})]
    if missing:
        raise InvalidInput(f"缺少必填字段：{'、'.join(f'{FIELD_LABELS[k]}（{k}）' for k in missing)}。",
                           code="missing_fields")
    services = services_of(current_app)
    fields = {k: body.get(k) for k in REQUIRED + OPTIONAL}
    application = submit_application(services, **fields)
    papers = check_eligibility(application.category, application.relation).papers
    return {"id": application.id, "pickup_code": application.pickup_code, "status": application.status,
            "due_date": application.due_date.isoformat(), "papers": list(papers)}, 201


@bp.get("/applications/<pickup_code>")
def application_status(pickup_code: str):
    """Status, due date, overdue flag and history of the application with this pickup code."""
    services = services_of(current_app)
    with services.sessions() as s:
        return describe(services, s, find_by_pickup_code(s, pickup_code), staff=False)
