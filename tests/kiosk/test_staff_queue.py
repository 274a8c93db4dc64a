"""The application queue: centre scope, filters, deadline countdown in working days, earliest due first."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import update

from core.clock import local_today
from core.models import Application
from tests.core.application_factories import applicant, move, submit
from tests.kiosk.staff_apps import leaks, signed_in, two_applications


@pytest.fixture
def pair(services, two_centres):
    return two_applications(services, two_centres)


def ids_on(body: str) -> list[int]:
    """The application numbers in the queue, top to bottom."""
    return [int(i) for i in re.findall(r'<td><a href="/staff/applications/(\d+)">', body)]


def queue(client, **filters) -> str:
    r = client.get("/staff/queue", query_string=filters)
    assert r.status_code == 200
    return r.get_data(as_text=True)


def set_due(services, application_id: int, due) -> None:
    with services.sessions.begin() as s:
        s.execute(update(Application).where(Application.id == application_id).values(due_date=due))


def test_anonymous_is_sent_to_sign_in(client, pair):
    r = client.get("/staff/queue")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


def test_a_clerk_sees_only_their_own_centre_whatever_the_address_says(app, pair, two_centres):
    mine, other = pair
    client = signed_in(app, "clerk_a")
    body = queue(client)
    assert ids_on(body) == [mine.id]
    assert "张*" in body and "张伟" not in body  # applicants masked in the list
    body = queue(client, centre=str(two_centres[1].id))
    assert ids_on(body) == [mine.id] and leaks(body, other) == []
    assert "王*" not in body


def test_archivists_see_every_centre_and_can_filter_by_one(app, pair, two_centres):
    mine, other = pair
    client = signed_in(app, "archivist")
    assert sorted(ids_on(queue(client))) == sorted([mine.id, other.id])
    body = queue(client, centre=str(two_centres[1].id))
    assert ids_on(body) == [other.id] and "沈家门便民服务中心C02" in body


def test_the_countdown_in_working_days_and_overdue_rows(app, services, pair):
    mine, other = pair
    today = local_today(services.settings.timezone)
    late_due = today - timedelta(days=10)
    set_due(services, other.id, late_due)
    late = services.calendar.working_days_between(late_due, today)
    body = queue(signed_in(app, "admin"))
    assert "剩 5 个工作日" in body  # the default deadline: five working days from today
    assert f"已超期 {late} 个工作日" in body and 'class="late"' in body
    assert ids_on(body) == [other.id, mine.id]  # earliest due first
    assert ids_on(queue(signed_in(app, "admin"), overdue="1")) == [other.id]


def test_filters_by_status_and_category(app, services, pair, two_centres):
    mine, _ = pair
    school = submit(services, two_centres[0].id, category="学籍", subject_names=["张伟"], relation="self",
                    applicant=applicant(1, "张伟"))
    move(services, school.id, "in_review")
    client = signed_in(app, "clerk_a")
    assert ids_on(queue(client, status="in_review")) == [school.id]
    assert ids_on(queue(client, category="婚姻登记")) == [mine.id]
    assert sorted(ids_on(queue(client))) == sorted([mine.id, school.id])
    move(services, mine.id, "rejected")
    assert ids_on(queue(client)) == [school.id]  # closed ones leave the default queue …
    assert sorted(ids_on(queue(client, status="all"))) == sorted([mine.id, school.id])  # … but can be listed
    body = queue(client, status="nonsense")
    assert "没有「nonsense」这个状态" in body and ids_on(body) == [school.id]


def test_opening_an_application_by_pickup_code_respects_the_centre(app, pair):
    mine, other = pair
    clerk = signed_in(app, "clerk_a")
    r = clerk.get("/staff/queue", query_string={"find": mine.pickup_code.lower()})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/staff/applications/{mine.id}")
    r = clerk.get("/staff/queue", query_string={"find": other.pickup_code}, follow_redirects=True)
    body = r.get_data(as_text=True)
    assert "没有找到编号或取件码" in body and leaks(body, other) == [other.pickup_code]  # only what was typed
    r = signed_in(app, "archivist").get("/staff/queue", query_string={"find": str(other.id)})
    assert r.headers["Location"].endswith(f"/staff/applications/{other.id}")
