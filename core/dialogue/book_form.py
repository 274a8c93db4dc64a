"""The booking form: centre, day, slot, visitor; a summary, then core.appointments.book_appointment."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..appointments import BOOKING_DAYS, book_appointment, cancel_code, day_slots
from ..appointments.slots import describe_slot, to_local
from ..errors import Conflict, InvalidInput, LantaiError
from ..models import Citizen
from . import forms
from .forms import Field, FormCtx, FormSpec, Reopen
from .normalise import normalise
from .i18n import day_label, localise
from .reply import Button
from .slots import date_of
from .texts import say

OFFER_DAYS = 6  # days offered as buttons
OFFER_SLOTS = 16
_TIME = re.compile(r"(\d{1,2})(?:[:：点](\d{2})?|点半)")


def _free_days(ctx: FormCtx, centre_id: int) -> list[tuple[date, int]]:
    days, day = [], ctx.today
    while len(days) < OFFER_DAYS and day <= ctx.today + timedelta(days=BOOKING_DAYS):
        try:
            free = len(day_slots(ctx.services, centre_id, day).free)
        except LantaiError:
            free = 0
        if free:
            days.append((day, free))
        day += timedelta(days=1)
    return days


def _day(ctx, data):
    days = _free_days(ctx, data["centre"]["id"])
    if not days:
        return say("book_full", ctx.lang, centre=data["centre"]["name"], days=BOOKING_DAYS), []
    return (say("ask_day", ctx.lang, centre=data["centre"]["name"]),
            [Button(say("day_button", ctx.lang, day=day_label(d, ctx.lang), n=n), d.isoformat()) for d, n in days])


def parse_day(ctx, text, data) -> str:
    raw = text.strip()
    iso = raw if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else date_of(normalise(raw), ctx.today)
    if iso is None:
        raise InvalidInput(say("bad_day", ctx.lang))
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        raise InvalidInput(say("no_such_day", ctx.lang)) from None
    slots = day_slots(ctx.services, data["centre"]["id"], day)  # InvalidInput: past, beyond 30 days
    if not slots.free:
        reason = localise(slots.reason, ctx.lang) if slots.reason else None
        raise InvalidInput(reason or say("day_full", ctx.lang, day=day_label(day, ctx.lang)))
    return iso


def _slot(ctx, data):
    free = day_slots(ctx.services, data["centre"]["id"], date.fromisoformat(data["day"])).free
    return (say("ask_slot", ctx.lang, day=day_label(date.fromisoformat(data["day"]), ctx.lang)),
            [Button(f"{s.starts_at:%H:%M}–{s.ends_at:%H:%M}", f"{s.starts_at:%H:%M}") for s in free[:OFFER_SLOTS]])


def parse_slot(ctx, text, data) -> str:
    t = normalise(text)
    m = _TIME.search(t)
    if not m:
        raise InvalidInput(say("bad_slot", ctx.lang))
    hour = int(m.group(1)) + (12 if "下午" in t and int(m.group(1)) < 8 else 0)
    minute = 30 if "点半" in m.group(0) else int(m.group(2) or 0)
    free = day_slots(ctx.services, data["centre"]["id"], date.fromisoformat(data["day"])).free
    for s in free:
        if (s.starts_at.hour, s.starts_at.minute) == (hour, minute):
            return f"{hour:02d}:{minute:02d}"
    raise InvalidInput(say("slot_taken", ctx.lang, time=f"{hour:02d}:{minute:02d}"))


FIELDS = [
    Field("centre", forms.ask_centre, forms.parse_centre, clears=("day", "slot")),
    Field("day", _day, parse_day, clears=("slot",)),
    Field("slot", _slot, parse_slot),
    Field("applicant_name", forms.ask_name, forms.parse_name, needed=forms.unbound),
    Field("id_number", forms.ask_id, forms.parse_id, needed=forms.unbound),
    Field("phone", forms.ask_phone, forms.parse_phone, needed=forms.unbound, optional=True),
]


def prefill(ctx: FormCtx, slots: dict) -> dict:
    data: dict = {}
    centre = next((c for c in ctx.centres if c["township"] == slots.get("centre")), None)
    if centre is None and len(ctx.centres) == 1:
        centre = ctx.centres[0]
    if centre:
        data["centre"] = {"id": centre["id"], "name": centre["name"]}
        if slots.get("date"):
            try:
                data["day"] = parse_day(ctx, slots["date"], data)
            except LantaiError:
                pass  # a closed or full day is asked again, with the days that are open
    return data


def summary(ctx: FormCtx, data: dict) -> str:
    name, masked = forms.applicant_of(ctx, data)
    day = date.fromisoformat(data["day"])
    when = f"{day_label(day, ctx.lang)}" + (" " if ctx.lang == "en" else "") + data["slot"]
    return say("book_summary", ctx.lang, centre=data["centre"]["name"], when=when, name=name, masked=masked)


def submit(ctx: FormCtx, data: dict) -> tuple[str, dict]:
    services, citizen, applicant = ctx.services, None, None
    if ctx.citizen:
        with services.sessions() as s:
            citizen = s.get(Citizen, ctx.citizen["id"])
    else:
        applicant = {"name": data["applicant_name"], "id_number": services.vault.decrypt(data["id_number"]["cipher"]),
                     "phone": data.get("phone")}
    try:
        appointment = book_appointment(services, centre_id=data["centre"]["id"],
                                       starts_at=f"{data['day']}T{data['slot']}", citizen=citizen,
                                       applicant=applicant, channel=ctx.channel)
    except Conflict as e:
        if e.code == "slot_full":
            raise Reopen(e.message, "slot") from None
        raise
    code = cancel_code(services.vault, appointment.id)
    centre = appointment.centre
    tz = services.settings.timezone
    starts, ends = to_local(appointment.starts_at, tz), to_local(appointment.ends_at, tz)
    when = (f"{day_label(starts.date(), 'en')} {starts:%H:%M}–{ends:%H:%M}" if ctx.lang == "en"
            else describe_slot(starts, ends))
    phone = say("phone_suffix", ctx.lang, phone=centre.phone) if centre.phone else ""
    text = say("booked", ctx.lang, centre=centre.name, when=when, id=appointment.id, code=code,
               address=centre.address, phone=phone)
    return text, {"type": "booked", "appointment_id": appointment.id, "cancel_code": code}


SPEC = FormSpec("book", "book_appointment", FIELDS, summary, submit, prefill)
