"""Statistics screen: applications by channel, category and centre, online share, turnaround, visits, forecast.

Clerks see their own centre's figures only; archivists and administrators see all, or one centre by choice.
"""
from __future__ import annotations

from flask import current_app, render_template, request
from flask_login import current_user
from sqlalchemy import select

from core.clock import local_today
from core.models import ServiceCentre
from core.staff import centre_scope
from core.stats import PERIODS, collect

from .. import services_of
from . import bp
from .auth import staff_required
from .charts import column_chart, hbar_chart


def _charts(figures) -> dict:
    visits = figures.visits
    forecast = figures.forecast
    return {
        "channel": hbar_chart([(c.label, c.value) for c in figures.by_channel], title="按渠道的申请数",
                              chart_id="chart-channel"),
        "category": hbar_chart([(c.label, c.value) for c in figures.by_category], title="按档案类别的申请数",
                               chart_id="chart-category"),
        "centre": hbar_chart([(c.label, c.value) for c in figures.by_centre], title="按服务中心的申请数",
                             chart_id="chart-centre"),
        "visits": column_chart([f"{v.day:%m-%d}" for v in visits],
                               [("预约", [v.booked for v in visits]), ("签到", [v.checked_in for v in visits]),
                                ("未到", [v.no_show for v in visits])],
                               title="近30天每日来访", chart_id="chart-visits"),
        "forecast": column_chart([f"{f.day:%m-%d}" for f in forecast], [("预计申请", [f.expected for f in forecast])],
                                 title="未来两周每日预计申请数", chart_id="chart-forecast",
                                 marks=[f.holiday for f in forecast]),
    }


@bp.get("/stats")
@staff_required()
def stats():
    """The statistics screen for a period (30/90/365 days) and a centre."""
    services = services_of(current_app)
    days = request.args.get("days", type=int)
    days = days if days in PERIODS else PERIODS[0]
    tz = services.settings.timezone
    with services.sessions() as s:
        centres = [(c.id, c.name) for c in s.scalars(select(ServiceCentre).order_by(ServiceCentre.code))]
        scope = centre_scope(current_user)
        if scope is None:
            chosen = request.args.get("centre", type=int)
            centre_id = chosen if chosen in {cid for cid, _ in centres} else None
        else:
            centre_id = scope
        figures = collect(s, services.calendar, tz, today=local_today(tz), days=days, centre_id=centre_id)
    centre_name = dict(centres).get(centre_id) if centre_id else None
    return render_template("staff/stats.html", figures=figures, charts=_charts(figures), periods=PERIODS,
                           centres=centres if scope is None else [], centre_id=centre_id, centre_name=centre_name)
