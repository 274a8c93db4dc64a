"""Centres, free slots and appointments: /api/centres, /api/centres/<id>/slots, /api/appointments.

Changing or downloading an appointment needs its cancel code (returned once, by POST /api/appointments) or,
for DELETE, the booker's ID number in the JSON body (never in the URL, where access logs would keep it).
"""
from __future__ import annotations

import re
from datetime import date

from flask import Response, current_app, request

from core.appointments import (appointment_ics, book_appointment, cancel_appointment, cancel_code, day_slots,
                               list_centres)
from core.appointments.slots import to_local
from core.errors import InvalidInput
from core.identity import mask_name

from .. import services_of
from . import bp


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidInput("请求内容应为 JSON 对象。")
    return body


def _slot(slot) -> dict:
    return {"starts_at": slot.starts_at.isoformat(), "ends_at": slot.ends_at.isoformat(), "free": slot.free,
            "capacity": slot.capacity}


def _appointment(appointment, *, code: str | None = None) -> dict:
    tz = services_of(current_app).settings.timezone
    centre = appointment.centre
    out = {
        "id": appointment.id, "status": appointment.status, "channel": appointment.channel,
        "date": appointment.day.isoformat(),
        "starts_at": to_local(appointment.starts_at, tz).isoformat(),
        "ends_at": to_local(appointment.ends_at, tz).isoformat(),
        "centre": {"id": centre.id, "name": centre.name, "address": centre.address, "phone": centre.phone},
        "application_id": appointment.application_id,
    }
    if code:
        out["cancel_code"] = code
        out["ics_url"] = f"/api/appointments/{appointment.id}.ics?code={code}"
    return out


@bp.get("/centres")
def centres():
    """Every service centre with its address, phone, hours per weekday (Chinese) and position."""
    return {"centres": list_centres(services_of(current_app))}


@bp.get("/centres/<centre_id>/slots")
def slots(centre_id: str):
    """The day's upcoming slots with their free seats (a full one has free 0); a closed day gives none and why."""
    raw = request.args.get("date", "").strip()
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            raise InvalidInput(f"没有 {raw} 这一天，请核对日期。") from None
        raise InvalidInput("请给出日期，格式如 date=2026-10-09。") from None
    result = day_slots(services_of(current_app), centre_id, day)
    return {"centre_id": result.centre_id, "date": day.isoformat(), "slots": [_slot(s) for s in result.slots],
            "closed": result.closed, "reason": result.reason}


@bp.post("/appointments")
def book():
    """Book a visit: {"centre_id", "starts_at", "applicant": {"name", "id_number", "phone"}, "channel", "application_id"?}."""
    body = _json_body()
    services = services_of(current_app)
    applicant = body.get("applicant")
    appointment = book_appointment(services, centre_id=body.get("centre_id"), starts_at=body.get("starts_at"),
                                   applicant=applicant if isinstance(applicant, dict) else None,
                                   channel=body.get("channel") or "kiosk", application_id=body.get("application_id"))
    out = _appointment(appointment, code=cancel_code(services.vault, appointment.id))
    out["applicant"] = {"name": mask_name(appointment.citizen.name), "id_number": appointment.citizen.id_masked}
    return out, 201


@bp.get("/appointments/<appointment_id>.ics")
def ics(appointment_id: str):
    """The appointment as an iCalendar file, for the holder of its cancel code."""
    body = appointment_ics(services_of(current_app), appointment_id, code=request.args.get("code"))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="appointment-{appointment_id}.ics"'})


@bp.delete("/appointments/<appointment_id>")
def cancel(appointment_id: str):
    """Cancel a visit: the cancel code (?code=, X-Cancel-Code or JSON "code") or the booker's JSON "id_number"."""
    body = request.get_json(silent=True) if request.content_length else {}
    body = body if isinstance(body, dict) else {}
    code = request.args.get("code") or request.headers.get("X-Cancel-Code") or body.get("code")
    appointment = cancel_appointment(services_of(current_app), appointment_id, code=code,
                                     id_number=body.get("id_number") if not code else None)
    return _appointment(appointment)
