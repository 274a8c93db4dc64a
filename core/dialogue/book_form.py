"""The booking form: centre, day, slot, visitor; a summary, then core.appointments.book_appointment."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..appointments import BOOKING_DAYS, book_appointment, cancel_code, day_slots
from ..appointments.slots import describe_slot, md, to_local
from ..errors import Conflict, InvalidInput, LantaiError
from ..models import Citizen
from . import forms
from .forms import Field, FormCtx, FormSpec, Reopen
from .normalise import normalise
from .reply import Button
from .slots import date_of

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
        return f"{data['centre']['name']}近{BOOKING_DAYS}天已约满，请选择其他服务中心。", []
    return (f"想约{data['centre']['name']}哪一天？（可以说「明天」「下周一」「12月3日」）",
            [Button(f"{md(d)}（余{n}）", d.isoformat()) for d, n in days])


def parse_day(ctx, text, data) -> str:
    raw = text.strip()
    iso = raw if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else date_of(normalise(raw), ctx.today)
    if iso is None:
        raise InvalidInput("没有看懂日期，可以说「明天」「下周一」或「12月3日」。")
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        raise InvalidInput("这个日期不存在，请重新选择。") from None
    slots = day_slots(ctx.services, data["centre"]["id"], day)  # InvalidInput: past, beyond 30 days
    if not slots.free:
        raise InvalidInput(slots.reason or f"{md(day)}已约满，请选择其他日期。")
    return iso


def _slot(ctx, data):
    free = day_slots(ctx.services, data["centre"]["id"], date.fromisoformat(data["day"])).free
    return (f"请选择{md(date.fromisoformat(data['day']))}的时段：",
            [Button(f"{s.starts_at:%H:%M}–{s.ends_at:%H:%M}", f"{s.starts_at:%H:%M}") for s in free[:OFFER_SLOTS]])


def parse_slot(ctx, text, data) -> str:
    t = normalise(text)
    m = _TIME.search(t)
    if not m:
        raise InvalidInput("请选择一个时段，或写成 09:30 这样的时间。")
    hour = int(m.group(1)) + (12 if "下午" in t and int(m.group(1)) < 8 else 0)
    minute = 30 if "点半" in m.group(0) else int(m.group(2) or 0)
    free = day_slots(ctx.services, data["centre"]["id"], date.fromisoformat(data["day"])).free
    for s in free:
        if (s.starts_at.hour, s.starts_at.minute) == (hour, minute):
            return f"{hour:02d}:{minute:02d}"
    raise InvalidInput(f"{hour:02d}:{minute:02d} 不是可预约的空闲时段，请从下面选一个。")


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
    return "\n".join(["请核对预约信息：", f"服务中心：{data['centre']['name']}", f"时间：{md(day)}{data['slot']}",
                      f"预约人：{name}（{masked}）"])


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
    when = describe_slot(to_local(appointment.starts_at, tz), to_local(appointment.ends_at, tz))
    text = (f"预约成功：{centre.name}，{when}。\n预约号 {appointment.id}，取消码 {code}（请保存，取消预约时要用）。\n"
            f"地址：{centre.address}" + (f"，电话：{centre.phone}" if centre.phone else "") + "。\n请带身份证按时到达。")
    return text, {"type": "booked", "appointment_id": appointment.id, "cancel_code": code}


SPEC = FormSpec("book", "book_appointment", FIELDS, summary, submit, prefill)
