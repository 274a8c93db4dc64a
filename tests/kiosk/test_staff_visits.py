"""The appointment calendar: week grid, the day's visits, check-in and no-show, a clerk's centre scope."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from core.citizens import identify_citizen
from core.clock import WEEKDAY_NAMES, local_today
from core.models import Appointment, ServiceCentre
from tests.core.appointment_factories import id_number, next_open_day
from tests.kiosk.conftest import csrf_of, login, post_form

TZ = "Asia/Shanghai"


def visit(services, centre, name: str, n: int, *, days_from_today: int = 0, hhmm: str = "09:00",
          status: str = "booked") -> int:
    """A visit as booking leaves it (written directly: check-in needs one on the real today, whatever day it is)."""
    day = local_today(TZ) + timedelta(days=days_from_today)
    start = datetime.combine(day, time.fromisoformat(hhmm), ZoneInfo(TZ)).astimezone(timezone.utc)  # as stored
    with services.sessions.begin() as s:
        citizen = identify_citizen(s, services.vault, name=name, id_number=id_number(n))
        row = Appointment(centre_id=centre.id, citizen_id=citizen.id, day=day, starts_at=start,
                          ends_at=start + timedelta(minutes=30), status=status, channel="kiosk")
        s.add(row)
        s.flush()
        return row.id


def status_of(services, appointment_id: int) -> str:
    with services.sessions() as s:
        return s.get(Appointment, appointment_id).status


@pytest.fixture
def booked(services, two_centres):
    a, b = two_centres
    return {"a": visit(services, a, "王小明", 1), "b": visit(services, b, "赵丽华", 2),
            "a_yesterday": visit(services, a, "钱多多", 3, days_from_today=-1)}


def test_anonymous_visitors_are_sent_to_the_login(client, two_centres):
    r = client.get("/staff/visits")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


def test_an_anonymous_check_in_is_refused(client, booked, services):
    token = csrf_of(client.get("/staff/login").get_data(as_text=True))
    r = client.post(f"/staff/visits/{booked['a']}/check-in", data={"csrf_token": token})
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]
    assert status_of(services, booked["a"]) == "booked"


def test_a_clerk_sees_their_own_centre_only(client, booked, two_centres):
    a, b = two_centres
    login(client, "clerk_a")
    html = client.get("/staff/visits").get_data(as_text=True)
    assert a.name in html and "王**" in html and id_number(1)[:6] + "********" in html
    assert "赵**" not in html and b.name not in html
    html = client.get(f"/staff/visits?centre={b.id}").get_data(as_text=True)  # the choice is fixed for clerks
    assert "赵**" not in html and "王**" in html


def test_the_week_shows_counts_against_capacity_and_highlights_today(client, services, two_centres):
    a, _ = two_centres
    today = local_today(TZ)
    open_day = next_open_day(services, a)
    for n, name in ((4, "孙二娘"), (5, "周小云")):
        visit(services, a, name, n, days_from_today=(open_day - today).days, hhmm="09:00")
    login(client, "archivist")
    html = client.get(f"/staff/visits?centre={a.id}&day={open_day.isoformat()}").get_data(as_text=True)
    assert "2/2" in html and "0/2" in html  # two visits in the 09:00 slot of a 2-seat centre, others empty
    assert "共 2 人" in html
    html = client.get(f"/staff/visits?centre={a.id}").get_data(as_text=True)
    assert 'class="today' in html and f"{today.month}月{today.day}日 {WEEKDAY_NAMES[today.weekday()]}（今天）" in html


def test_closed_days_show_as_closed(client, services, two_centres):
    a, _ = two_centres
    day = local_today(TZ) + timedelta(days=7)
    with services.sessions.begin() as s:
        s.get(ServiceCentre, a.id).closed_days = [day.isoformat()]
    login(client, "clerk_a")
    html = client.get(f"/staff/visits?day={day.isoformat()}").get_data(as_text=True)
    assert "闭馆" in html and "闭馆，请选择其他日期" in html


def test_prev_and_next_week_move_by_seven_days(client, two_centres):
    login(client, "clerk_a")
    html = client.get("/staff/visits").get_data(as_text=True)
    monday = local_today(TZ) - timedelta(days=local_today(TZ).weekday())
    assert f"day={(monday + timedelta(days=7)).isoformat()}" in html
    assert f"day={(monday - timedelta(days=7)).isoformat()}" in html
    later = monday + timedelta(days=14)
    html = client.get(f"/staff/visits?day={later.isoformat()}").get_data(as_text=True)
    assert f"{later.isoformat()} 至 {(later + timedelta(days=6)).isoformat()}" in html


def test_check_in_through_the_button(client, booked, services):
    login(client, "clerk_a")
    r = post_form(client, "/staff/visits", to=f"/staff/visits/{booked['a']}/check-in")
    assert r.status_code == 302
    assert status_of(services, booked["a"]) == "checked_in"
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "已签到" in html


def test_no_show_after_the_slot_is_over(client, booked, services):
    login(client, "clerk_a")
    day = (local_today(TZ) - timedelta(days=1)).isoformat()
    html = client.get(f"/staff/visits?day={day}").get_data(as_text=True)
    assert "钱**" in html and "未到" in html
    r = post_form(client, f"/staff/visits?day={day}", to=f"/staff/visits/{booked['a_yesterday']}/no-show")
    assert r.status_code == 302 and status_of(services, booked["a_yesterday"]) == "no_show"


def test_a_refused_action_says_why_in_chinese(client, booked, services, two_centres):
    a, _ = two_centres
    tonight = visit(services, a, "李四", 6, hhmm="23:30")  # its slot ends at midnight: never over today
    login(client, "clerk_a")
    r = post_form(client, "/staff/visits", to=f"/staff/visits/{tonight}/no-show", follow_redirects=True)
    assert "预约时段还没结束" in r.get_data(as_text=True) and status_of(services, tonight) == "booked"
    r = post_form(client, "/staff/visits", to=f"/staff/visits/{booked['a_yesterday']}/check-in",
                  follow_redirects=True)
    assert "只能在预约当天签到" in r.get_data(as_text=True)
    assert status_of(services, booked["a_yesterday"]) == "booked"


def test_a_clerk_cannot_act_on_another_centres_visit(client, booked, services):
    login(client, "clerk_a")
    for action in ("check-in", "no-show"):
        r = post_form(client, "/staff/visits", to=f"/staff/visits/{booked['b']}/{action}")
        assert r.status_code == 404 and "赵" not in r.get_data(as_text=True)
    assert status_of(services, booked["b"]) == "booked"
    r = post_form(client, "/staff/visits", to="/staff/visits/999999/check-in")
    assert r.status_code == 404


def test_archivists_choose_any_centre_and_may_check_in_there(client, booked, services, two_centres):
    _, b = two_centres
    login(client, "archivist")
    html = client.get(f"/staff/visits?centre={b.id}").get_data(as_text=True)
    assert "赵**" in html and "王**" not in html
    post_form(client, f"/staff/visits?centre={b.id}", to=f"/staff/visits/{booked['b']}/check-in")
    assert status_of(services, booked["b"]) == "checked_in"


def test_a_check_in_without_the_csrf_token_is_refused(client, booked, services):
    login(client, "clerk_a")
    r = client.post(f"/staff/visits/{booked['a']}/check-in")
    assert r.status_code == 400 and status_of(services, booked["a"]) == "booked"
