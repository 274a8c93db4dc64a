"""`python -m core centre …` and `appt …` as an archivist or a window clerk runs them."""
from datetime import datetime, timedelta

from sqlalchemy import select

from core.appointments import book_appointment
from core.models import ServiceCentre
from tests.core.appointment_factories import TZ, applicant, make_centre, make_staff, next_open_day
from tests.core.test_cli import core


def test_centre_set_changes_slots_capacity_closed_days_and_hours(services, cli_env):
    make_centre(services)
    done = core(cli_env, "centre", "set", "C01", "--slot-minutes", "20", "--capacity", "4", "--closed", "2026-12-24",
                "--hours", "sat=", "--hours", "wed=09:00-12:00")
    assert done.returncode == 0, done.stderr
    assert "每 20 分钟一个时段，每时段 4 人" in done.stdout and "2026-12-24" in done.stdout
    with services.sessions() as s:
        centre = s.scalar(select(ServiceCentre))
    assert (centre.slot_minutes, centre.slot_capacity, centre.closed_days) == (20, 4, ["2026-12-24"])
    assert centre.hours["sat"] == [] and centre.hours["wed"] == [["09:00", "12:00"]]
    assert "星期六 休息" in core(cli_env, "centre", "list").stdout

    reopened = core(cli_env, "centre", "set", "C01", "--open", "2026-12-24")
    assert reopened.returncode == 0 and "另行闭馆：无" in reopened.stdout


def test_centre_set_refuses_bad_values_in_chinese(services, cli_env):
    make_centre(services)
    for args, message in ((["--slot-minutes", "2"], "5 到 240"), (["--closed", "12/24"], "格式"),
                          (["--hours", "mon=9-12"], "08:30-12:00"), (["--hours", "mon=13:00-12:00"], "从早到晚")):
        done = core(cli_env, "centre", "set", "C01", *args)
        assert done.returncode == 2 and message in done.stderr, (args, done.stderr)
    assert core(cli_env, "centre", "set", "C99", "--capacity", "1").returncode == 2


def test_slot_length_cannot_change_under_future_bookings(services, cli_env):
    centre = make_centre(services)
    day = next_open_day(services, centre)
    book_appointment(services, centre_id=centre.id, starts_at=datetime.combine(day, datetime.min.time(), TZ)
                     .replace(hour=9), applicant=applicant(1), channel="window")
    done = core(cli_env, "centre", "set", "C01", "--slot-minutes", "60")
    assert done.returncode == 2 and "未到的预约" in done.stderr
    warned = core(cli_env, "centre", "set", "C01", "--closed", day.isoformat())
    assert warned.returncode == 0 and "已有 1 个预约" in warned.stdout


def test_the_days_list_and_check_in_at_the_window(services, cli_env):
    centre = make_centre(services)
    make_staff(services, "clerk1")
    today = datetime.now(TZ).date()
    slots = core(cli_env, "centre", "slots", "C01", "--date", (today + timedelta(days=40)).isoformat())
    assert slots.returncode == 2 and "30天以内" in slots.stderr
    day = next_open_day(services, centre)
    appointment = book_appointment(services, centre_id=centre.id, applicant=applicant(1, "李娜"), channel="kiosk",
                                   starts_at=datetime.combine(day, datetime.min.time(), TZ).replace(hour=9))
    listing = core(cli_env, "appt", "list", "--centre", "C01", "--date", day.isoformat())
    assert f"#{appointment.id}  09:00  李*  已预约" in listing.stdout
    early = core(cli_env, "appt", "checkin", str(appointment.id), "--staff", "clerk1")
    assert early.returncode == 2 and "只能在预约当天签到" in early.stderr
    cancelled = core(cli_env, "appt", "cancel", str(appointment.id), "--staff", "clerk1")
    assert cancelled.returncode == 0 and "已取消" in cancelled.stdout
