"""Service centres as visitors see them, and the settings staff change: hours, slot length, capacity, closed days."""
from __future__ import annotations

import re
from datetime import date, datetime

from sqlalchemy import func, select

from ..clock import WEEKDAY_NAMES
from ..errors import Conflict, InvalidInput, NotFound
from ..models import Appointment, ServiceCentre
from ..models.places import WEEKDAYS
from .seats import write_transaction
from .slots import local_now_of, to_utc

_SPAN = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$")


def centre_info(centre: ServiceCentre, today: date | None = None) -> dict:
    """A centre for the kiosk, the bot and API clients: address, phone, hours per weekday in Chinese, slots."""
    return {
        "id": centre.id, "code": centre.code, "name": centre.name, "township": centre.township,
        "address": centre.address, "phone": centre.phone, "lat": centre.latitude, "lon": centre.longitude,
        "hours": [{"day": d, "name": WEEKDAY_NAMES[i], "text": centre.hours_text(d)} for i, d in enumerate(WEEKDAYS)],
        "slot_minutes": centre.slot_minutes, "slot_capacity": centre.slot_capacity,
        "closed_days": sorted(d for d in centre.closed_days or [] if today is None or d >= today.isoformat()),
    }


def list_centres(services) -> list[dict]:
    """Every centre, in code order, as centre_info dicts (closed days from today on)."""
    today = local_now_of(services).date()
    with services.sessions() as s:
        return [centre_info(c, today) for c in s.scalars(select(ServiceCentre).order_by(ServiceCentre.code))]


def find_centre(session, ref: str | int) -> ServiceCentre:
    """A centre by code (C01) or numeric id."""
    centre = session.scalar(select(ServiceCentre).where(ServiceCentre.code == str(ref)))
    if centre is None and str(ref).isdigit():
        centre = session.get(ServiceCentre, int(ref))
    if centre is None:
        raise NotFound(f"没有编号为 {ref} 的服务中心。")
    return centre


def parse_spans(text: str) -> list[list[str]]:
    """'08:30-12:00,13:30-17:00' → [["08:30", "12:00"], ["13:30", "17:00"]]; '' or '休息' → []."""
    text = (text or "").strip().replace("–", "-").replace("，", ",")
    if text in ("", "休息", "closed"):
        return []
    spans = []
    for part in text.split(","):
        if not _SPAN.match(part.strip()):
            raise InvalidInput(f"营业时间「{part}」应写成 08:30-12:00，多段用逗号分隔。")
        a, b = part.strip().split("-")
        if a >= b or (spans and a < spans[-1][1]):
            raise InvalidInput(f"营业时间「{text}」的时段应从早到晚、互不重叠。")
        spans.append([a, b])
    return spans


def _parse_day(value: str) -> str:
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidInput(f"日期「{value}」应写成 2026-12-24 这样的格式。") from None


def _future_active(session, centre_id: int, now: datetime, day: str | None = None) -> int:
    query = select(func.count()).select_from(Appointment).where(
        Appointment.centre_id == centre_id, Appointment.status == "booked", Appointment.starts_at > to_utc(now))
    if day:
        query = query.where(Appointment.day == date.fromisoformat(day))
    return session.scalar(query)


def configure_centre(services, ref: str | int, *, slot_minutes: int | None = None, capacity: int | None = None,
                     close: list[str] = (), reopen: list[str] = (), hours: dict[str, str] | None = None,
                     now: datetime | None = None) -> tuple[ServiceCentre, list[str]]:
    """Change a centre's slot settings, closed days or weekly hours; returns the centre and warnings to show."""
    now, warnings = local_now_of(services, now), []
    with write_transaction(services) as s:
        centre = find_centre(s, ref)
        if slot_minutes is not None and slot_minutes != centre.slot_minutes:
            if not 5 <= slot_minutes <= 240:
                raise InvalidInput("每个时段的分钟数应在 5 到 240 之间。")
            if booked := _future_active(s, centre.id, now):
                raise Conflict(f"{centre.name}还有 {booked} 个未到的预约，改时段长度会与它们错开；"
                               "请在这些预约结束后再改，或先关闭预约。")
            centre.slot_minutes = slot_minutes
        if capacity is not None:
            if not 0 <= capacity <= 200:
                raise InvalidInput("每个时段可约人数应在 0 到 200 之间（0 表示暂停预约）。")
            centre.slot_capacity = capacity
        closed = set(centre.closed_days or [])
        for day in map(_parse_day, close):
            closed.add(day)
            if booked := _future_active(s, centre.id, now, day):
                warnings.append(f"{day} 已有 {booked} 个预约：闭馆不会自动取消它们，请通知预约人或逐个取消。")
        closed -= {_parse_day(d) for d in reopen}
        centre.closed_days = sorted(closed)
        if hours:
            new = dict(centre.hours or {})
            for day, text in hours.items():
                if day not in WEEKDAYS:
                    raise InvalidInput(f"星期应为 {'/'.join(WEEKDAYS)} 之一。")
                new[day] = parse_spans(text)
            centre.hours = new
            if booked := _future_active(s, centre.id, now):
                warnings.append(f"已有的 {booked} 个预约保持原来的时间，不受营业时间调整影响。")
        s.flush()
    return centre, warnings
