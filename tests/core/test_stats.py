"""Statistics: counts by channel, category and centre, online share, turnaround, visits per day, forecast."""
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from core import stats
from core.citizens import identify_citizen
from core.clock import local_today
from core.models import Application, Appointment
from tests.core.application_factories import applicant, make_centre, move, submit
from tests.core.appointment_factories import id_number

TZ = "Asia/Shanghai"


class EveryDayWorks:
    """A calendar without weekends or holidays, so working days are plain day differences."""

    def working_days_between(self, start: date, end: date) -> int:
        return max(0, (end - start).days)

    def is_holiday(self, day: date) -> bool:
        return False


def backdate(services, application_id: int, *, submitted_days_ago: int, due_days_from_submission: int) -> None:
    today = local_today(TZ)
    submitted = datetime.combine(today - timedelta(days=submitted_days_ago), time(10), ZoneInfo(TZ))
    with services.sessions.begin() as s:
        s.execute(update(Application).where(Application.id == application_id).values(
            submitted_at=submitted.astimezone(timezone.utc),
            due_date=submitted.date() + timedelta(days=due_days_from_submission)))


@pytest.fixture
def county(services):
    """C01 with three bot applications, C02 with one kiosk application; three issued today, one overdue."""
    c1, c2 = make_centre(services, "C01"), make_centre(services, "C02", name="沈家门便民服务中心")
    late = submit(services, c1.id, channel="bot", applicant=applicant(1))
    quick = submit(services, c1.id, channel="bot", applicant=applicant(2))
    waiting = submit(services, c1.id, channel="bot", applicant=applicant(3))
    kiosk = submit(services, c2.id, channel="kiosk", applicant=applicant(4), category="学籍")
    backdate(services, late.id, submitted_days_ago=12, due_days_from_submission=5)
    backdate(services, quick.id, submitted_days_ago=2, due_days_from_submission=5)
    backdate(services, waiting.id, submitted_days_ago=6, due_days_from_submission=5)
    for app in (late, quick, kiosk):
        move(services, app.id, "in_review", "approved", "issued")
    return c1, c2


def collect(services, **kw):
    with services.sessions() as s:
        return stats.collect(s, EveryDayWorks(), TZ, today=local_today(TZ), **kw)


def test_counts_and_online_share_over_all_centres(services, county):
    c1, c2 = county
    figures = collect(services)
    assert figures.total == 4 and figures.online == 3 and figures.online_share == pytest.approx(0.75)
    assert [(c.key, c.value) for c in figures.by_channel] == [("bot", 3), ("kiosk", 1), ("window", 0)]
    assert [(c.label, c.value) for c in figures.by_category] == [("婚姻登记", 3), ("学籍", 1)]
    assert [(c.label, c.value) for c in figures.by_centre] == [(c1.name, 3), (c2.name, 1)]


def test_turnaround_in_working_days_against_the_deadline(services, county):
    t = collect(services).turnaround
    assert t.issued == 3  # 12, 2 and 0 days
    assert t.median_days == 2 and t.p90_days == 12
    assert t.on_time == 2 and t.on_time_share == pytest.approx(2 / 3)
    assert t.overdue_now == 1


def test_a_centre_scope_counts_only_that_centre(services, county):
    c1, c2 = county
    figures = collect(services, centre_id=c2.id)
    assert figures.total == 1 and figures.online_share == 0
    assert [c.label for c in figures.by_centre] == [c2.name]
    assert figures.turnaround.issued == 1 and figures.turnaround.overdue_now == 0


def test_the_period_leaves_out_older_applications(services, county):
    figures = collect(services, days=7)
    assert figures.total == 3  # the one submitted 12 days ago is outside
    assert figures.turnaround.issued == 3  # but all three were issued within the week


def test_an_empty_archive_has_no_shares_rather_than_zero_division(services):
    figures = collect(services)
    assert figures.total == 0 and figures.online_share is None
    assert figures.turnaround.median_days is None and figures.turnaround.on_time_share is None
    assert len(figures.visits) == stats.VISIT_DAYS and all(v.booked == 0 for v in figures.visits)


def test_visits_per_day_count_booked_checked_in_and_no_show(services):
    centre = make_centre(services, "C01")
    today = local_today(TZ)
    with services.sessions.begin() as s:
        for i, (days_ago, status) in enumerate([(0, "booked"), (0, "checked_in"), (1, "no_show"), (1, "cancelled"),
                                                (40, "checked_in")]):
            citizen = identify_citizen(s, services.vault, name="王芳", id_number=id_number(100 + i))
            start = datetime.combine(today - timedelta(days=days_ago), time(9), ZoneInfo(TZ)).astimezone(timezone.utc)
            s.add(Appointment(centre_id=centre.id, citizen_id=citizen.id, day=start.date(), starts_at=start,
                              ends_at=start + timedelta(minutes=30), status=status, channel="kiosk"))
    with services.sessions() as s:
        visits = {v.day: v for v in stats.visits_per_day(s, today=today)}
    assert (visits[today].booked, visits[today].checked_in, visits[today].no_show) == (2, 1, 0)
    yesterday = visits[today - timedelta(days=1)]
    assert (yesterday.booked, yesterday.checked_in, yesterday.no_show) == (1, 0, 1)
    assert sum(v.booked for v in visits.values()) == 3


def test_the_forecast_averages_each_weekday_over_the_trailing_weeks(services):
    centre = make_centre(services, "C01")
    today = local_today(TZ)
    for i, weeks_ago in enumerate((1, 2, 3, 4)):  # four applications on the weekday of tomorrow
        app = submit(services, centre.id, channel="bot", applicant=applicant(10 + i))
        backdate(services, app.id, submitted_days_ago=7 * weeks_ago - 1, due_days_from_submission=5)
    with services.sessions() as s:
        days = stats.forecast(s, EveryDayWorks(), TZ, today=today, weeks=8)
    assert len(days) == stats.FORECAST_DAYS and days[0].day == today + timedelta(days=1)
    assert days[0].expected == 0.5 and days[7].expected == 0.5  # 4 in 8 weeks
    assert days[1].expected == 0


def test_percentile_is_nearest_rank():
    assert stats.percentile([], 0.9) is None
    assert stats.percentile([5], 0.9) == 5
    assert stats.percentile(list(range(1, 11)), 0.9) == 9
    assert stats.percentile([3, 1, 2], 0.5) == 2
