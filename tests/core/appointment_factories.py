"""Factories shared by the appointment tests: centres, applicants with valid ID numbers, staff, a fixed clock."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from core.appointments.slots import opening_spans
from core.identity import check_character
from core.models import ServiceCentre
from core.staff import add_staff

TZ = ZoneInfo("Asia/Shanghai")
# Wednesday 16 September 2026, 10:00: 25–27 Sep is 中秋 (holiday), Sunday 20 Sep and Saturday 10 Oct are worked (调休)
NOW = datetime(2026, 9, 16, 10, 0, tzinfo=TZ)
WEEKDAY_HOURS = [["08:30", "12:00"], ["13:30", "17:00"]]


def at(day: str, hhmm: str) -> datetime:
    """A local time: at("2026-09-17", "09:00")."""
    return datetime.fromisoformat(f"{day}T{hhmm}").replace(tzinfo=TZ)


def id_number(i: int) -> str:
    """A valid 18-digit ID number, different for each i (0 ≤ i < 1000·30)."""
    first17 = f"330902{1960 + i // 1000 % 30}0315{i % 1000:03d}"
    return first17 + check_character(first17)


def applicant(i: int, name: str = "张伟") -> dict:
    return {"name": name, "id_number": id_number(i), "phone": f"1380000{i:04d}"}


def make_centre(services, code: str = "C01", **overrides) -> ServiceCentre:
    """A township centre: weekdays with a lunch break, Saturday morning, closed on Sunday; 30-minute slots, 2 seats."""
    values = dict(code=code, name=f"城关镇便民服务中心{code}", township="城关镇", address="兰台县城关镇人民路12号",
                  phone="0571-5551234", latitude=29.1, longitude=119.6, slot_minutes=30, slot_capacity=2,
                  closed_days=[], hours={**{d: WEEKDAY_HOURS for d in ("mon", "tue", "wed", "thu", "fri")},
                                         "sat": [["08:30", "11:30"]], "sun": []})
    values.update(overrides)
    with services.sessions.begin() as s:
        centre = ServiceCentre(**values)
        s.add(centre)
    return centre


def make_staff(services, username: str, role: str = "clerk", centre_code: str | None = "C01") -> str:
    with services.sessions.begin() as s:
        add_staff(s, username=username, display_name=username, role=role, password="correct-horse-battery",
                  centre_code=centre_code)
    return username


def next_open_day(services, centre: ServiceCentre, after: date | None = None) -> date:
    """The first day after `after` (default: today) on which the centre takes visitors, by the real clock."""
    day = after or datetime.now(TZ).date()
    for _ in range(30):
        day += timedelta(days=1)
        if not opening_spans(centre, day, services.calendar).closed:
            return day
    raise AssertionError("no open day within 30 days")
