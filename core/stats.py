"""Statistics for the staff console: applications by channel, category and centre, the online share, turnaround
against the deadline, visits per day, and a simple demand forecast.

Dates are the archive's local dates. `centre_id` narrows every figure to one centre (a clerk's own); None counts
them all. Turnaround counts working days (services.calendar: holidays and 调休) from the day an application was
submitted to the day it entered 「证明已出具」, read from the audit log, which every transition goes through.
"""
from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import String, and_, cast, func, select
from sqlalchemy.orm import Session

from .applications.rules import AWAITING_ARCHIVE, CHANNEL_LABELS
from .applications.workflow import ENTITY, TRANSITION_ACTION
from .clock import as_local
from .models import Application, Appointment, AuditEntry, ServiceCentre
from .workdays import WorkCalendar

PERIODS = (30, 90, 365)  # days the console offers
VISIT_DAYS = 30
FORECAST_DAYS = 14
TRAILING_WEEKS = 8  # the forecast averages each weekday over this many past weeks
NO_CENTRE = "不经服务中心（电子证明）"


@dataclass(frozen=True)
class Count:
    """One bar: a key (channel, category, centre id), its Chinese label and the number."""

    key: str
    label: str
    value: int


@dataclass(frozen=True)
class Turnaround:
    """Applications issued in the period: working days taken, and how many within their deadline."""

    issued: int = 0
    median_days: float | None = None
    p90_days: int | None = None
    on_time: int = 0
    overdue_now: int = 0  # open applications past their due date today (not limited to the period)

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.issued if self.issued else None


@dataclass(frozen=True)
class DayVisits:
    day: date
    booked: int  # every visit of the day that was not cancelled
    checked_in: int
    no_show: int


@dataclass(frozen=True)
class ForecastDay:
    day: date
    expected: float
    holiday: bool


@dataclass
class Stats:
    """Everything the statistics screen shows, for one period and scope."""

    days: int
    start: date
    today: date
    centre_id: int | None
    total: int = 0
    by_channel: list[Count] = field(default_factory=list)
    by_category: list[Count] = field(default_factory=list)
    by_centre: list[Count] = field(default_factory=list)
    turnaround: Turnaround = field(default_factory=Turnaround)
    visits: list[DayVisits] = field(default_factory=list)
    forecast: list[ForecastDay] = field(default_factory=list)

    @property
    def online(self) -> int:
        """Applications that came through the bot."""
        return next((c.value for c in self.by_channel if c.key == "bot"), 0)

    @property
    def online_share(self) -> float | None:
        return self.online / self.total if self.total else None

    @property
    def forecast_weeks(self) -> list[float]:
        """Expected applications in each coming week (7-day blocks of the forecast)."""
        return [round(sum(f.expected for f in self.forecast[i:i + 7]), 1) for i in range(0, len(self.forecast), 7)]


def _midnight_utc(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(0), ZoneInfo(tz)).astimezone(timezone.utc)


def _scoped(query, centre_id: int | None, column=Application.centre_id):
    return query if centre_id is None else query.where(column == centre_id)


def percentile(values: list[int], share: float) -> int | None:
    """The nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _grouped(session: Session, column, since: datetime, centre_id: int | None) -> list[tuple[object, int]]:
    query = select(column, func.count()).where(Application.submitted_at >= since).group_by(column)
    return [tuple(r) for r in session.execute(_scoped(query, centre_id))]


def _channels(rows) -> list[Count]:
    counts = dict(rows)
    return [Count(k, label, counts.get(k, 0)) for k, label in CHANNEL_LABELS.items()]


def _centres(session: Session, rows) -> list[Count]:
    names = {i: n for i, n in session.execute(select(ServiceCentre.id, ServiceCentre.name))}
    out = [Count(str(cid) if cid else "", names.get(cid, NO_CENTRE) if cid else NO_CENTRE, n) for cid, n in rows]
    return sorted(out, key=lambda c: (-c.value, c.label))


def turnaround(session: Session, calendar: WorkCalendar, tz: str, *, since: datetime, today: date,
               centre_id: int | None = None) -> Turnaround:
    """Working days from submission to issue for applications issued since `since`, and today's overdue count."""
    issued_to = AuditEntry.data["to"].as_string()
    query = (select(Application.id, Application.submitted_at, Application.due_date, AuditEntry.at)
             .join(AuditEntry, and_(AuditEntry.entity == ENTITY, AuditEntry.entity_id == cast(Application.id, String)))
             .where(AuditEntry.action == TRANSITION_ACTION, issued_to == "issued", AuditEntry.at >= since))
    first: dict[int, tuple[datetime, date, datetime]] = {}
    for app_id, submitted, due, at in session.execute(_scoped(query, centre_id)):
        if app_id not in first or as_local(at, tz) < as_local(first[app_id][2], tz):
            first[app_id] = (submitted, due, at)
    taken, on_time = [], 0
    for submitted, due, at in first.values():
        issued_day = as_local(at, tz).date()
        taken.append(calendar.working_days_between(as_local(submitted, tz).date(), issued_day))
        on_time += issued_day <= due
    overdue = session.scalar(_scoped(select(func.count()).select_from(Application).where(
        Application.status.in_(AWAITING_ARCHIVE), Application.due_date < today), centre_id))
    return Turnaround(issued=len(taken), median_days=statistics.median(taken) if taken else None,
                      p90_days=percentile(taken, 0.9), on_time=on_time, overdue_now=overdue or 0)


def visits_per_day(session: Session, *, today: date, days: int = VISIT_DAYS,
                   centre_id: int | None = None) -> list[DayVisits]:
    """Visits of each of the last `days` days (today included): booked, checked in, did not come."""
    first = today - timedelta(days=days - 1)
    query = (select(Appointment.day, Appointment.status, func.count())
             .where(Appointment.day >= first, Appointment.day <= today, Appointment.status != "cancelled")
             .group_by(Appointment.day, Appointment.status))
    counts: dict[date, Counter] = {}
    for day, status, n in session.execute(_scoped(query, centre_id, Appointment.centre_id)):
        counts.setdefault(day, Counter())[status] += n
    out = []
    for i in range(days):
        day = first + timedelta(days=i)
        c = counts.get(day, Counter())
        out.append(DayVisits(day, sum(c.values()), c["checked_in"], c["no_show"]))
    return out


def forecast(session: Session, calendar: WorkCalendar, tz: str, *, today: date, days: int = FORECAST_DAYS,
             weeks: int = TRAILING_WEEKS, centre_id: int | None = None) -> list[ForecastDay]:
    """Expected applications for each of the next `days` days: the same weekday's average over the past weeks."""
    first = today - timedelta(days=7 * weeks)
    query = select(Application.submitted_at).where(Application.submitted_at >= _midnight_utc(first, tz),
                                                   Application.submitted_at < _midnight_utc(today, tz))
    per_weekday = Counter(as_local(at, tz).weekday() for at in session.scalars(_scoped(query, centre_id)))
    out = []
    for i in range(1, days + 1):
        day = today + timedelta(days=i)
        out.append(ForecastDay(day, round(per_weekday[day.weekday()] / weeks, 1), calendar.is_holiday(day)))
    return out


def collect(session: Session, calendar: WorkCalendar, tz: str, *, today: date, days: int = 30,
            centre_id: int | None = None) -> Stats:
    """All the figures of the statistics screen for the last `days` days (today included) and one scope."""
    start = today - timedelta(days=days - 1)
    since = _midnight_utc(start, tz)
    stats = Stats(days=days, start=start, today=today, centre_id=centre_id)
    stats.by_channel = _channels(_grouped(session, Application.channel, since, centre_id))
    stats.total = sum(c.value for c in stats.by_channel)
    categories = _grouped(session, Application.category, since, centre_id)
    stats.by_category = sorted((Count(k, k, n) for k, n in categories), key=lambda c: (-c.value, c.label))
    stats.by_centre = _centres(session, _grouped(session, Application.centre_id, since, centre_id))
    stats.turnaround = turnaround(session, calendar, tz, since=since, today=today, centre_id=centre_id)
    stats.visits = visits_per_day(session, today=today, centre_id=centre_id)
    stats.forecast = forecast(session, calendar, tz, today=today, centre_id=centre_id)
    return stats
