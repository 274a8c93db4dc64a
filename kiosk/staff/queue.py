"""The application queue: the open applications of the clerk's centre (or all centres), earliest due first."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from core.applications import STATUS_LABELS, find_by_pickup_code, get_application, list_applications
from core.applications.rules import CHANNEL_LABELS
from core.clock import local_today
from core.errors import NotFound
from core.identity import mask_name
from core.models import ServiceCentre
from core.staff import centre_scope
from core.vocabulary import CATEGORIES

from . import bp
from .auth import staff_required
from .helpers import countdown, local_minute, staff_session, years_text

LIMIT = 200
ALL = "all"  # the status filter's "every application, closed ones too"


def _filters(scope: int | None) -> tuple[dict, str | None]:
    """The filters from the query string, and a message about the one that was not understood."""
    args = request.args
    status = args.get("status", "").strip()
    category = args.get("category", "").strip()
    centre = args.get("centre", "").strip()
    problem = None
    if status and status != ALL and status not in STATUS_LABELS:
        status, problem = "", f"没有「{status}」这个状态，已显示全部未办结的申请。"
    if category and category not in CATEGORIES:
        category, problem = "", f"没有「{category}」这个档案类别，已显示全部类别。"
    centre_id = int(centre) if centre.isdigit() else None
    if scope is not None:
        centre_id = scope  # a clerk works their own centre's queue, whatever the address says
    return {"status": status, "category": category, "centre_id": centre_id,
            "overdue": args.get("overdue") == "1"}, problem


def _find(query: str):
    """Open an application by its number or pickup code, from the queue's search box."""
    with staff_session() as (_, s, user):
        try:
            if query.isdigit():
                application = get_application(s, int(query), staff=user)
            else:
                application = find_by_pickup_code(s, query)
                get_application(s, application.id, staff=user)  # the same scope as opening it by number
        except NotFound:
            flash(f"没有找到编号或取件码为「{query[:20]}」的申请（或它不属于您的服务中心）。", "error")
            return redirect(url_for("staff.queue"))
        return redirect(url_for("staff.application", application_id=application.id))


@bp.get("/queue")
@staff_required()
def queue():
    """The queue, filtered by status, category, centre and overdue; a clerk's centre is fixed."""
    query = request.args.get("find", "").strip()
    if query:
        return _find(query)
    with staff_session() as (services, s, user):
        scope = centre_scope(user)
        filters, problem = _filters(scope)
        tz = services.settings.timezone
        today = local_today(tz)
        status = filters["status"]
        found = list_applications(s, today=today, status=None if status in ("", ALL) else status,
                                  centre_id=filters["centre_id"], category=filters["category"] or None,
                                  overdue=filters["overdue"], include_closed=status == ALL, limit=LIMIT + 1)
        rows = []
        for a in found[:LIMIT]:
            left, late = countdown(a.status, a.due_date, today, services.calendar)
            rows.append({"id": a.id, "received": local_minute(a.submitted_at, tz),
                         "channel": CHANNEL_LABELS.get(a.channel, a.channel), "applicant": mask_name(a.citizen.name),
                         "category": a.category, "years": years_text(a.year_from, a.year_to),
                         "centre": a.centre.name if a.centre else "电子证明", "status": a.status,
                         "status_label": STATUS_LABELS[a.status], "due": a.due_date.isoformat(),
                         "countdown": left, "overdue": late})
        centres = (list(s.scalars(select(ServiceCentre).order_by(ServiceCentre.code))) if scope is None
                   else [user.centre])
        centres = [(c.id, c.name) for c in centres if c is not None]
    if problem:
        flash(problem, "warning")
    return render_template("staff/queue.html", rows=rows, more=len(found) > LIMIT, limit=LIMIT, filters=filters,
                           statuses=STATUS_LABELS, categories=CATEGORIES, centres=centres,
                           centre_fixed=scope is not None, all_value=ALL, today=today.isoformat(),
                           role=current_user.role)
