"""预约办理 at the kiosk: day and slot tiles, booking, a full slot greyed out for others, the printable
confirmation that ends the visit, cancelling one's own visit (after asking), and 改约."""
from __future__ import annotations

import html as htmllib
import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from core.appointments import cancel_code
from core.appointments.slots import to_local
from core.clock import chinese_date
from core.models import Appointment
from tests.core.appointment_factories import make_centre, next_open_day
from tests.kiosk.conftest import csrf_of, post_form
from tests.kiosk.visitor_factories import identify_as


def slot_links(page: str) -> list[str]:
    return [htmllib.unescape(h) for h in re.findall(r'<a class="tile slot" href="([^"]+)"', page)]


def first_slot(client, centre, day) -> tuple[str, dict]:
    """The first free slot's link on the day page, and the form its confirm page posts."""
    link = slot_links(client.get(f"/book/day?centre={centre.id}&day={day.isoformat()}").get_data(as_text=True))[0]
    query = parse_qs(urlsplit(link).query)
    return link, {"centre": query["centre"][0], "start": query["start"][0]}


def test_an_anonymous_visitor_is_sent_to_identify_first(client, services):
    make_centre(services)
    r = client.get("/book")
    assert r.status_code == 302 and "/identify?next=/book" in r.location


def test_book_a_slot_print_it_and_others_see_it_full(app, client, services):
    centre = make_centre(services, "C01", slot_capacity=1)
    make_centre(services, "C02", name="沈家门便民服务中心C02", township="沈家门")
    day = next_open_day(services, centre)
    identify_as(client, services, 1, "张伟")

    page = client.get("/book").get_data(as_text=True)
    assert "城关镇便民服务中心C01" in page and "沈家门便民服务中心C02" in page  # another centre is a tap away
    assert f"day={day.isoformat()}" in page and f"{day.month}月{day.day}日" in page
    first, form = first_slot(client, centre, day)
    confirm = client.get(first).get_data(as_text=True)
    assert "08:30–09:00" in confirm and "确认预约" in confirm
    r = post_form(client, first, {**form, "application": ""}, to="/book/confirm")
    assert r.status_code == 302 and "/book/done/" in r.location, r.get_data(as_text=True)

    with services.sessions() as s:
        appointment = s.scalar(select(Appointment))
        assert (appointment.status, appointment.channel, appointment.day) == ("booked", "kiosk", day)
    done = client.get(r.location).get_data(as_text=True)
    code = cancel_code(services.vault, appointment.id)
    assert f"<span>{code[:5]}</span><span>{code[5:]}</span>" in done
    assert chinese_date(day) in done and "08:30–09:00" in done and "兰台县城关镇人民路12号" in done
    assert "window.print()" in done
    finish = done.split('data-testid="finish"')[1]
    assert 'action="/wipe"' in finish and "结束并退出" in finish and "继续办理其他事" in finish
    assert "08:30–09:00" in client.get("/book").get_data(as_text=True)  # listed under 您已有的预约

    other = app.test_client()
    identify_as(other, services, 2, "王芳")
    slots = other.get(f"/book/day?centre={centre.id}&day={day.isoformat()}").get_data(as_text=True)
    assert first not in slot_links(slots)
    assert re.search(r'data-testid="full-slot">\s*08:30–09:00<small>已约满</small>', slots)
    r = post_form(other, first, form, to="/book/confirm")
    assert r.status_code == 409 and "已约满" in r.get_data(as_text=True)
    assert other.get(f"/book/done/{appointment.id}").status_code == 404  # not theirs to see


def test_cancel_ones_own_visit_and_no_one_elses(app, client, services):
    centre = make_centre(services, "C01", slot_capacity=1)
    day = next_open_day(services, centre)
    identify_as(client, services, 1, "张伟")
    first, form = first_slot(client, centre, day)
    assert "/book/done/" in post_form(client, first, form, to="/book/confirm").location
    with services.sessions() as s:
        appointment_id = s.scalar(select(Appointment.id))

    stranger = app.test_client()
    identify_as(stranger, services, 2, "王芳")
    r = post_form(stranger, "/book", to=f"/book/{appointment_id}/cancel")
    assert r.status_code == 404
    page = client.get("/book").get_data(as_text=True)
    assert "取消预约" in page and f'action="/book/{appointment_id}/cancel"' not in page  # no one-tap cancel
    ask = client.get(f"/book/{appointment_id}/cancel")  # 取消预约 asks first
    assert ask.status_code == 200 and "确定要取消这个预约吗" in ask.get_data(as_text=True)
    assert "08:30–09:00" in ask.get_data(as_text=True) and "不取消，返回" in ask.get_data(as_text=True)
    assert stranger.get(f"/book/{appointment_id}/cancel").status_code == 404
    with services.sessions() as s:
        assert s.get(Appointment, appointment_id).status == "booked"  # asking cancelled nothing
    r = post_form(client, f"/book/{appointment_id}/cancel", follow_redirects=True)
    assert f"已取消您在城关镇便民服务中心C01 {chinese_date(day)}" in r.get_data(as_text=True)
    with services.sessions() as s:
        assert s.get(Appointment, appointment_id).status == "cancelled"
    assert first_slot(stranger, centre, day)[0] == first  # the seat is free again
    stale = client.get(f"/book/{appointment_id}/cancel").get_data(as_text=True)  # an old 取消预约 link
    assert "不能再取消" in stale and "改约" not in stale


def test_reschedule_from_my_visits(client, services):
    centre = make_centre(services, "C01", slot_capacity=1)
    day = next_open_day(services, centre)
    later = next_open_day(services, centre, after=day)
    identify_as(client, services, 1, "张伟")
    first, form = first_slot(client, centre, day)
    post_form(client, first, form, to="/book/confirm")
    with services.sessions() as s:
        appointment_id = s.scalar(select(Appointment.id))

    page = client.get("/book").get_data(as_text=True)
    assert f'href="/book?move={appointment_id}"' in page  # 改约 beside 取消预约
    page = client.get(f"/book?move={appointment_id}").get_data(as_text=True)
    assert "改约" in page and "原预约" in page and "08:30–09:00" in page and "换一个服务中心" not in page
    link = next(htmllib.unescape(h) for h in re.findall(r'<a class="tile day" href="([^"]+)"', page)
                if f"day={later.isoformat()}" in h)
    assert f"move={appointment_id}" in link
    slot = slot_links(client.get(link).get_data(as_text=True))[1]  # 09:00–09:30 of the later day
    confirm = client.get(slot).get_data(as_text=True)
    assert "请确认改约" in confirm and "确认改约" in confirm and "09:00–09:30" in confirm
    query = parse_qs(urlsplit(slot).query)
    r = post_form(client, slot, {"start": query["start"][0], "move": str(appointment_id)}, to="/book/confirm")
    assert r.status_code == 302 and r.location.endswith(f"/book/done/{appointment_id}")
    done = client.get(r.location).get_data(as_text=True)
    assert "已改约" in done and chinese_date(later) in done and "09:00–09:30" in done
    with services.sessions() as s:
        rows = list(s.scalars(select(Appointment)))
        assert [(a.id, a.day, a.status) for a in rows] == [(appointment_id, later, "booked")]
    assert first_slot(client, centre, day)[0] == first  # the old seat is free again


def test_a_second_booking_that_day_offers_to_move_the_first(client, services):
    centre = make_centre(services, "C01", slot_capacity=2)
    day = next_open_day(services, centre)
    identify_as(client, services, 1, "张伟")
    first, form = first_slot(client, centre, day)
    post_form(client, first, form, to="/book/confirm")
    second = slot_links(client.get(f"/book/day?centre={centre.id}&day={day.isoformat()}").get_data(as_text=True))[2]
    start = parse_qs(urlsplit(second).query)["start"][0]
    r = post_form(client, second, {"centre": str(centre.id), "start": start}, to="/book/confirm")
    page = r.get_data(as_text=True)
    assert r.status_code == 409 and "同一服务中心每人每天只能预约一次" in page and "请改约" not in page
    assert "改到这个时段" in page and "保留原预约" in page
    with services.sessions() as s:
        appointment_id = s.scalar(select(Appointment.id))
    r = client.post("/book/confirm", data={"csrf_token": csrf_of(page), "move": str(appointment_id), "start": start})
    assert r.location.endswith(f"/book/done/{appointment_id}")
    with services.sessions() as s:
        rows = list(s.scalars(select(Appointment)))
        assert len(rows) == 1 and to_local(rows[0].starts_at, services.settings.timezone).strftime("%H:%M") == "09:30"
