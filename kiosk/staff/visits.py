"""Appointment calendar of a centre: the week (slots × days, booked / capacity) and one day's visits to check in.

A clerk works their own centre only: the centre choice is fixed, and acting on another centre's visit is a 404.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from core.appointments import appointments_of_day, check_in, mark_no_show
from core.appointments.visits import STATUS_LABELS
from core.appointments.slots import get_centre, opening_spans, slot_times, to_local
from core.clock import WEEKDAY_NAMES, local_now
from core.errors import LantaiError
from core.identity import mask_name
from core.models import Appointment, ServiceCentre
from core.staff import centre_scope, may_see_centre

from .. import services_of
from . import bp
from .auth import staff_required

CLOSED_LABELS = {"holiday": "节假日", "closed": "闭馆", "rest_day": "休息"}
CHANNEL_LABELS = {"bot": "机器人", "kiosk": "自助机", "window": "窗口"}


@dataclass
class Column:
    day: date
    weekday: str
    closed: str | None  # 节假日 / 闭馆 / 休息, or None when open
    reason: str | None
    times: set[str]
    booked: int = 0


def _day_arg(today: date) -> date:
    try:
        return date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        return today


def _centre_id(session) -> int:
    scope = centre_scope(current_user)
    if scope is not None:
        return scope
    chosen = request.args.get("centre")
    if chosen:
        return get_centre(session, chosen).id  # NotFound in Chinese for a centre that does not exist
    first = session.scalar(select(ServiceCentre.id).order_by(ServiceCentre.code).limit(1))
    if first is None:
        abort(404)
    return first


def _week(services, session, centre: ServiceCentre, monday: date) -> tuple[list[Column], list[tuple[str, list]]]:
    """The week's columns (open or why closed) and rows of slot times with the visits booked in each."""
    tz, calendar = services.settings.timezone, services.calendar
    columns = []
    for i in range(7):
        day = monday + timedelta(days=i)
        schedule = opening_spans(centre, day, calendar)
        times = set() if schedule.closed else {f"{a:%H:%M}" for a, _ in slot_times(centre, day, calendar, tz)}
        columns.append(Column(day, WEEKDAY_NAMES[i], CLOSED_LABELS.get(schedule.closed), schedule.reason, times))
    counts: dict[tuple[date, str], int] = {}
    for day, starts_at in session.execute(select(Appointment.day, Appointment.starts_at).where(
            Appointment.centre_id == centre.id, Appointment.day >= monday,
            Appointment.day <= monday + timedelta(days=6), Appointment.status != "cancelled")):
        key = (day, f"{to_local(starts_at, tz):%H:%M}")
        counts[key] = counts.get(key, 0) + 1
    by_day = {c.day: c for c in columns}
    for (day, _), n in counts.items():
        by_day[day].booked += n
    times = sorted(set().union(*(c.times for c in columns)) | {hhmm for _, hhmm in counts})
    rows = [(hhmm, [(c, counts.get((c.day, hhmm), 0)) for c in columns]) for hhmm in times]
    return columns, rows


def _visit(a: Appointment, tz: str, now: datetime) -> dict:
    starts, ends = to_local(a.starts_at, tz), to_local(a.ends_at, tz)
    return {"id": a.id, "time": f"{starts:%H:%M}–{ends:%H:%M}", "name": mask_name(a.citizen.name),
            "id_masked": a.citizen.id_masked, "application_id": a.application_id, "status": a.status,
            "status_label": STATUS_LABELS.get(a.status, a.status), "channel": CHANNEL_LABELS.get(a.channel, a.channel),
            "can_check_in": a.status == "booked" and a.day == now.date(),
            "can_no_show": a.status == "booked" and ends <= now}


@bp.get("/visits")
@staff_required()
def visits():
    """The week calendar of a centre and the visits of the chosen day."""
    services = services_of(current_app)
    tz = services.settings.timezone
    now = local_now(tz)
    day = _day_arg(now.date())
    monday = day - timedelta(days=day.weekday())
    with services.sessions() as s:
        centre = s.get(ServiceCentre, _centre_id(s))
        columns, rows = _week(services, s, centre, monday)
        centres = [] if centre_scope(current_user) is not None else [
            (c.id, c.name) for c in s.scalars(select(ServiceCentre).order_by(ServiceCentre.code))]
        capacity, centre_id, centre_name = centre.slot_capacity, centre.id, centre.name
    schedule = next(c for c in columns if c.day == day)
    day_visits = [_visit(a, tz, now) for a in appointments_of_day(services, centre_id, day)]
    return render_template("staff/visits.html", columns=columns, rows=rows, capacity=capacity, day=day,
                           today=now.date(), monday=monday, centre_id=centre_id, centre_name=centre_name,
                           centres=centres, schedule=schedule, visits=day_visits,
                           prev_week=monday - timedelta(days=7), next_week=monday + timedelta(days=7))


def _act(appointment_id: int, action, done: str):
    services = services_of(current_app)
    with services.sessions() as s:
        appointment = s.get(Appointment, appointment_id)
        if appointment is None or not may_see_centre(current_user, appointment.centre_id):
            abort(404)
        centre_id, day, name = appointment.centre_id, appointment.day, mask_name(appointment.citizen.name)
    try:
        action(services, appointment_id, staff=current_user.username)
    except LantaiError as e:
        flash(e.message, "error")
    else:
        flash(f"{name}（{day.month}月{day.day}日）{done}。", "success")
    return redirect(url_for("staff.visits", centre=centre_id, day=day.isoformat()))


@bp.post("/visits/<int:appointment_id>/check-in")
@staff_required()
def visit_check_in(appointment_id: int):
    """签到: the visitor has come to the window."""
    return _act(appointment_id, check_in, "已签到")


@bp.post("/visits/<int:appointment_id>/no-show")
@staff_required()
def visit_no_show(appointment_id: int):
    """未到: the visitor did not come and the slot is over."""
    return _act(appointment_id, mark_no_show, "已记为未到")
