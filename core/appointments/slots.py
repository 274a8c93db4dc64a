"""A centre's slots on a day: opening hours, lunch break, public holidays, 调休 and closed days, seats left.

Times are the archive's local time (settings.timezone). The database keeps them as UTC: SQLite stores datetimes
without a zone, so every value written is converted to UTC first and every naive value read back is UTC.

- A public holiday (and the weekend days off inside its block) closes every centre: 节假日.
- A 调休 working Saturday or Sunday opens with the centre's **Monday** hours (the day is worked like a weekday).
- A date in the centre's `closed_days` is 闭馆; a weekday without hours is the centre's 休息日.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import WEEKDAY_NAMES, as_utc
from ..errors import InvalidInput, NotFound
from ..models import ServiceCentre, SlotLoad
from ..models.places import WEEKDAYS
from ..workdays import WorkCalendar

BOOKING_DAYS = 30  # bookable from today up to this many days ahead
WORKED_WEEKEND_HOURS = "mon"  # a 调休 weekend day keeps the centre's Monday hours


@dataclass(frozen=True)
class Slot:
    """One bookable period of a centre, in local time, with the seats still free."""

    starts_at: datetime
    ends_at: datetime
    free: int
    capacity: int


@dataclass
class DaySchedule:
    """The opening spans of a centre on one day, or why it is closed (closed: holiday / rest_day / closed)."""

    spans: list[tuple[time, time]] = field(default_factory=list)
    closed: str | None = None
    reason: str | None = None


@dataclass
class DaySlots:
    """The upcoming slots of a day (full ones too, with free == 0) and, when none is bookable, why."""

    centre_id: int
    day: date
    slots: list[Slot]
    closed: str | None = None
    reason: str | None = None

    @property
    def free(self) -> list[Slot]:
        return [s for s in self.slots if s.free > 0]


to_utc = as_utc  # the name the appointment modules use


def to_local(moment: datetime, tz: str) -> datetime:
    """A stored datetime in the archive's local time."""
    return to_utc(moment).astimezone(ZoneInfo(tz))


def md(day: date) -> str:
    """10月1日（星期三）"""
    return f"{day.month}月{day.day}日（{WEEKDAY_NAMES[day.weekday()]}）"


def describe_slot(starts_at: datetime, ends_at: datetime) -> str:
    """10月9日（星期四）09:00–09:30, in local time."""
    return f"{md(starts_at.date())}{starts_at:%H:%M}–{ends_at:%H:%M}"


def _parse_hhmm(value: str) -> time:
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"营业时间「{value}」应写成 08:30 这样的时:分。") from None


def opening_spans(centre: ServiceCentre, day: date, calendar: WorkCalendar) -> DaySchedule:
    """When the centre receives visitors on this day, or the reason it does not."""
    if calendar.is_holiday(day):
        return DaySchedule(closed="holiday", reason=f"{md(day)}是法定节假日，服务中心不开放预约。")
    if day.isoformat() in (centre.closed_days or []):
        return DaySchedule(closed="closed", reason=f"{centre.name}{md(day)}闭馆，请选择其他日期。")
    weekday = WEEKDAYS[day.weekday()]
    if day.weekday() >= 5 and calendar.is_working_day(day):
        weekday = WORKED_WEEKEND_HOURS
    spans = [(_parse_hhmm(a), _parse_hhmm(b)) for a, b in (centre.hours or {}).get(weekday) or []]
    if not spans:
        return DaySchedule(closed="rest_day", reason=f"{WEEKDAY_NAMES[day.weekday()]}是{centre.name}的休息日。")
    return DaySchedule(spans=spans)


def slot_times(centre: ServiceCentre, day: date, calendar: WorkCalendar, tz: str) -> list[tuple[datetime, datetime]]:
    """Every slot of the day as (start, end) in local time; a span's tail shorter than a slot is not offered."""
    zone, step = ZoneInfo(tz), timedelta(minutes=centre.slot_minutes)
    out = []
    for opens, closes in opening_spans(centre, day, calendar).spans:
        start, end = datetime.combine(day, opens, zone), datetime.combine(day, closes, zone)
        while start + step <= end:
            out.append((start, start + step))
            start += step
    return out


def check_bookable_day(day: date, today: date) -> None:
    """Refuse days before today and beyond the booking window."""
    if day < today:
        raise InvalidInput(f"{md(day)}已经过去，请选择今天或以后的日期。")
    if day > today + timedelta(days=BOOKING_DAYS):
        last = today + timedelta(days=BOOKING_DAYS)
        raise InvalidInput(f"只能预约{BOOKING_DAYS}天以内的时段（最晚到{md(last)}）。")


def loads(session: Session, centre_id: int, start: datetime, end: datetime) -> dict[datetime, int]:
    """Seats taken per slot start (UTC) in [start, end)."""
    rows = session.execute(select(SlotLoad.starts_at, SlotLoad.booked).where(
        SlotLoad.centre_id == centre_id, SlotLoad.starts_at >= to_utc(start), SlotLoad.starts_at < to_utc(end)))
    return {to_utc(at): booked for at, booked in rows}


def row_id(value) -> int | None:
    """An id from a path or JSON value, or None when it cannot be one (bad type, not digits, beyond INTEGER)."""
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isascii():
        return None
    text = str(value).strip()
    return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None


def get_centre(session: Session, centre_id) -> ServiceCentre:
    """The centre with this id, or NotFound in Chinese."""
    key = row_id(centre_id)
    centre = session.get(ServiceCentre, key) if key else None
    if centre is None:
        raise NotFound("没有这个服务中心。")
    return centre


def day_slots_in(session: Session, centre: ServiceCentre, day: date, calendar: WorkCalendar, tz: str,
                 now: datetime) -> DaySlots:
    """The day's slots that have not started yet, with their free seats (inside the caller's session)."""
    schedule = opening_spans(centre, day, calendar)
    if schedule.closed:
        return DaySlots(centre.id, day, [], schedule.closed, schedule.reason)
    times = [(a, b) for a, b in slot_times(centre, day, calendar, tz) if a > now]
    if not times:
        return DaySlots(centre.id, day, [], None, f"{md(day)}的预约时段都已结束，请选择以后的日期。")
    taken = loads(session, centre.id, times[0][0], times[-1][1])
    cap = centre.slot_capacity
    slots = [Slot(a, b, max(0, cap - taken.get(to_utc(a), 0)), cap) for a, b in times]
    reason = None if any(s.free for s in slots) else f"{md(day)}已约满，请选择其他日期。"
    return DaySlots(centre.id, day, slots, None, reason)


def next_free_slot(session: Session, centre: ServiceCentre, after: datetime, calendar: WorkCalendar, tz: str,
                   now: datetime) -> Slot | None:
    """The first slot starting after `after` (and after now) that still has a seat, within the booking window."""
    last_day = now.date() + timedelta(days=BOOKING_DAYS)
    day = after.date()
    while day <= last_day:
        for slot in day_slots_in(session, centre, day, calendar, tz, max(now, after)).free:
            return slot
        day += timedelta(days=1)
    return None


def local_now_of(services, now: datetime | None = None) -> datetime:
    """`now` (or the clock) in the archive's local time."""
    zone = ZoneInfo(services.settings.timezone)
    return (now or datetime.now(zone)).astimezone(zone)


def day_slots(services, centre_id: int, day: date, *, now: datetime | None = None) -> DaySlots:
    """The day's upcoming slots of a centre, full ones included, or why there are none."""
    now = local_now_of(services, now)
    check_bookable_day(day, now.date())
    with services.sessions() as s:
        centre = get_centre(s, centre_id)
        return day_slots_in(s, centre, day, services.calendar, services.settings.timezone, now)


def list_free_slots(services, centre_id: int, day: date, *, now: datetime | None = None) -> list[Slot]:
    """The slots of that day that have not started and still have a seat."""
    return day_slots(services, centre_id, day, now=now).free
