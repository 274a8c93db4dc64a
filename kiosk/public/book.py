"""预约办理 at the kiosk, for an identified visitor: a centre (this kiosk's by default), a day, a slot, an optional
application to bring, confirm, then a printable confirmation with the cancel code. The visitor's own upcoming
visits are listed with 改约 and 取消预约 (which asks first).

改约 walks the same day and slot screens with ?move=<appointment id>: the centre is the appointment's, and the
confirm screen moves the visit (core reschedule_appointment) instead of booking a second one. A booking refused
because the visitor already has a visit there that day offers to move that visit to the chosen slot."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from flask import current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.applications.rules import STATUS_LABELS, TERMINAL
from core.appointments import (BOOKING_DAYS, AlreadyBooked, book_appointment, cancel_appointment, cancel_code,
                               parse_local_time, reschedule_appointment)
from core.appointments.slots import day_slots_in, describe_slot, get_centre, local_now_of, to_local
from core.clock import WEEKDAY_NAMES
from core.errors import Conflict, InvalidInput, LantaiError
from core.models import Application, Appointment, Citizen, ServiceCentre

from .. import services_of
from . import bp
from .frame import kiosk_centre
from .slips import code_groups, day_text, require_own, visitor_citizen_id
from .visitor import visitor_required

DAYS_SHOWN = 10  # day tiles: the next ten days the centre receives visitors


def _services():
    return services_of(current_app)


def _centre_id(raw) -> int | None:
    """The centre asked for, else this kiosk's, else the first one."""
    with _services().sessions() as s:
        ids = list(s.scalars(select(ServiceCentre.id).order_by(ServiceCentre.code)))
    wanted = int(raw) if str(raw or "").isdigit() else None
    if wanted in ids:
        return wanted
    here = kiosk_centre()
    return here[0] if here else (ids[0] if ids else None)


def _day_tiles(centre: ServiceCentre, s, now: datetime) -> list[dict]:
    """The next days the centre receives visitors, with their free seats (0: 已约满)."""
    services, tiles, day = _services(), [], now.date()
    while day <= now.date() + timedelta(days=BOOKING_DAYS) and len(tiles) < DAYS_SHOWN:
        slots = day_slots_in(s, centre, day, services.calendar, services.settings.timezone, now)
        if slots.slots:
            tiles.append({"day": day, "date": f"{day.month}月{day.day}日", "weekday": WEEKDAY_NAMES[day.weekday()],
                          "free": sum(x.free for x in slots.free)})
        day += timedelta(days=1)
    return tiles


def _mine(s, citizen_id: int) -> list[dict]:
    """The visitor's upcoming booked visits, soonest first."""
    tz = _services().settings.timezone
    rows = s.scalars(select(Appointment).options(selectinload(Appointment.centre))
                     .where(Appointment.citizen_id == citizen_id, Appointment.status == "booked",
                            Appointment.ends_at > datetime.now(timezone.utc))
                     .order_by(Appointment.starts_at))
    return [{"id": a.id, "centre": a.centre.name,
             "when": describe_slot(to_local(a.starts_at, tz), to_local(a.ends_at, tz))} for a in rows]


def _moving(s, raw) -> dict | None:
    """The visitor's own booked visit that ?move= names (改约), as shown on the screens; None when not moving."""
    if not str(raw or "").isdigit():
        return None
    return _booked_visit(s, int(raw), "这个预约已不能改约，请返回重新预约。")


def _booked_visit(s, appointment_id: int, refusal: str) -> dict:
    """The visitor's own visit, still booked (else Conflict with `refusal`), as shown on the screens."""
    appointment = require_own(s.get(Appointment, appointment_id), "预约")
    if appointment.status != "booked":
        raise Conflict(refusal, code="not_booked")
    tz = _services().settings.timezone
    return {"id": appointment.id, "centre_id": appointment.centre_id, "centre": appointment.centre.name,
            "when": describe_slot(to_local(appointment.starts_at, tz), to_local(appointment.ends_at, tz))}


@bp.get("/book")
@visitor_required
def book_days():
    """The visitor's visits, the centres, and day tiles for the chosen centre."""
    services = _services()
    now = local_now_of(services)
    with services.sessions() as s:
        move = _moving(s, request.args.get("move"))
        centre_id = move["centre_id"] if move else _centre_id(request.args.get("centre"))
        centres = list(s.scalars(select(ServiceCentre).order_by(ServiceCentre.code)))
        centre = s.get(ServiceCentre, centre_id) if centre_id else None
        days = _day_tiles(centre, s, now) if centre else []
        mine = [] if move else _mine(s, visitor_citizen_id())
        return render_template("kiosk/book_days.html", centres=centres, centre=centre, days=days, mine=mine,
                               here=kiosk_centre(), move=move)


def _day_arg() -> date:
    try:
        return date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        raise InvalidInput("日期不对，请返回重新选择日期。") from None


@bp.get("/book/day")
@visitor_required
def book_slots():
    """The slots of one day: free ones to tap, full ones greyed out with 已约满."""
    services = _services()
    day = _day_arg()
    now = local_now_of(services)
    if not now.date() <= day <= now.date() + timedelta(days=BOOKING_DAYS):
        raise InvalidInput(f"只能预约今天起{BOOKING_DAYS}天以内的日期，请返回重新选择。")
    with services.sessions() as s:
        move = _moving(s, request.args.get("move"))
        centre = get_centre(s, move["centre_id"] if move else _centre_id(request.args.get("centre")))
        result = day_slots_in(s, centre, day, services.calendar, services.settings.timezone, now)
        return render_template("kiosk/book_slots.html", centre=centre, day=day, day_label=day_text(day),
                               slots=result.slots, reason=result.reason, move=move)


def _open_applications(s, citizen_id: int) -> list[dict]:
    rows = s.scalars(select(Application).where(Application.citizen_id == citizen_id,
                                               Application.status.not_in(TERMINAL))
                     .order_by(Application.submitted_at.desc()).limit(10))
    return [{"id": a.id, "text": f"{a.category} {a.year_from}" + (f"–{a.year_to}" if a.year_to != a.year_from else "")
             + f"年（{STATUS_LABELS[a.status]}）"} for a in rows]


@bp.route("/book/confirm", methods=["GET", "POST"])
@visitor_required
def book_confirm():
    """Check the chosen slot and book it, or move the visit being changed to it (POST); a full slot or a second
    booking that day says why, and the latter offers to move the visit already booked."""
    services = _services()
    values = request.form if request.method == "POST" else request.args
    with services.sessions() as s:
        move = _moving(s, values.get("move"))
    # a posted centre is booked as posted (core refuses a wrong one); a link's falls back to this kiosk's
    centre_id = (move["centre_id"] if move else values.get("centre") if request.method == "POST"
                 else _centre_id(values.get("centre")))
    start = parse_local_time(values.get("start", ""), services.settings.timezone)
    error, status, clash = None, 200, None
    if request.method == "POST":
        try:
            appointment_id = _book_or_move(services, move, centre_id, start, values.get("application") or None)
        except AlreadyBooked as e:
            error, status = e.message, e.status
            if e.movable and not move:  # the page offers 改到这个时段 itself
                error, clash = f"{e.fact}。", {"id": e.appointment_id, "when": e.when}
        except LantaiError as e:
            error, status = e.message, e.status
        else:
            if move:
                flash(f"已改约：原来的 {move['when']} 已取消，新的时间见下面的预约单。")
            return redirect(url_for("public.book_done", appointment_id=appointment_id))
    with services.sessions() as s:
        centre = get_centre(s, centre_id)
        applications = [] if move else _open_applications(s, visitor_citizen_id())
        end = start + timedelta(minutes=centre.slot_minutes)
        return render_template("kiosk/book_confirm.html", centre=centre, start=start.isoformat(timespec="minutes"),
                               when=describe_slot(start, end), day=start.date(), applications=applications,
                               chosen=values.get("application"), error=error, move=move, clash=clash), status


def _book_or_move(services, move: dict | None, centre_id, start: datetime, application_id) -> int:
    """Book the slot, or move the visit being changed to it; the appointment's id."""
    if move:
        return reschedule_appointment(services, move["id"], starts_at=start,
                                      code=cancel_code(services.vault, move["id"])).id
    with services.sessions() as s:
        citizen = s.get(Citizen, visitor_citizen_id())
    return book_appointment(services, centre_id=centre_id, starts_at=start, citizen=citizen, channel="kiosk",
                            application_id=application_id).id


@bp.get("/book/done/<int:appointment_id>")
@visitor_required
def book_done(appointment_id: int):
    """The printable confirmation of the visitor's own appointment, with its cancel code."""
    services = _services()
    tz = services.settings.timezone
    with services.sessions() as s:
        appointment = require_own(s.get(Appointment, appointment_id), "预约")
        start, end = to_local(appointment.starts_at, tz), to_local(appointment.ends_at, tz)
        return render_template("kiosk/book_done.html", appointment=appointment, centre=appointment.centre,
                               day=day_text(start.date()), time=f"{start:%H:%M}–{end:%H:%M}",
                               code=code_groups(cancel_code(services.vault, appointment.id)))


@bp.get("/book/<int:appointment_id>/cancel")
@visitor_required
def book_cancel_ask(appointment_id: int):
    """取消预约 asks first: which visit, and 确认取消 or 不取消."""
    with _services().sessions() as s:
        visit = _booked_visit(s, appointment_id, "这个预约已取消或已办理，不能再取消。")
    return render_template("kiosk/book_cancel.html", visit=visit)


@bp.post("/book/<int:appointment_id>/cancel")
@visitor_required
def book_cancel(appointment_id: int):
    """确认取消 of one of the visitor's own visits."""
    services = _services()
    with services.sessions() as s:
        require_own(s.get(Appointment, appointment_id), "预约")
    try:
        appointment = cancel_appointment(services, appointment_id, code=cancel_code(services.vault, appointment_id))
    except LantaiError as e:
        flash(e.message, "error")
    else:
        start = to_local(appointment.starts_at, services.settings.timezone)
        flash(f"已取消您在{appointment.centre.name} {day_text(start.date())} {start:%H:%M} 的预约。")
    return redirect(url_for("public.book_days"))
