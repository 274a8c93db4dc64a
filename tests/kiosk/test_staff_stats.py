"""The statistics screen: figures per scope, charts as inline SVG with their numbers in tables, the filters."""
import re

import pytest

from tests.core.application_factories import applicant, move, submit
from tests.kiosk.conftest import login


@pytest.fixture
def applications(services, two_centres):
    """C01: two bot applications (婚姻登记) and one kiosk (学籍); C02: one bot (知青). Overall online share 75%."""
    a, b = two_centres
    first = submit(services, a.id, channel="bot", applicant=applicant(1))
    submit(services, a.id, channel="bot", applicant=applicant(2))
    submit(services, a.id, channel="kiosk", applicant=applicant(3), category="学籍")
    submit(services, b.id, channel="bot", applicant=applicant(4), category="知青")
    move(services, first.id, "in_review", "approved", "issued")
    return a, b


def bars(html: str, chart_id: str) -> list[str]:
    """The labels of the bars of one chart."""
    svg = re.search(rf'<svg id="{chart_id}".*?</svg>', html, re.S)
    assert svg, f"no chart {chart_id}"
    return re.findall(r'<rect class="bar[^"]*" data-label="([^"]+)"', svg.group(0))


def online_share(html: str) -> str:
    return re.search(r'id="online-share">([^<]+)<', html).group(1)


def test_anonymous_visitors_are_sent_to_the_login(client, two_centres):
    r = client.get("/staff/stats")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


def test_archivists_see_every_centre(client, applications):
    a, b = applications
    login(client, "archivist")
    html = client.get("/staff/stats").get_data(as_text=True)
    assert online_share(html) == "75%" and "机器人 3 / 全部 4" in html
    assert sorted(bars(html, "chart-category")) == ["婚姻登记", "学籍", "知青"]
    assert bars(html, "chart-channel") == ["机器人", "自助机", "窗口"]
    assert sorted(bars(html, "chart-centre")) == sorted([a.name, b.name])
    assert re.search(r'<th scope="row">婚姻登记</th><td class="num">2</td>', html)  # the numbers as a table too
    assert "<script" not in html and "http://" not in html.split("</head>")[1].replace("http://www.w3.org", "")


def test_a_clerk_sees_their_own_centres_figures_only(client, applications):
    a, b = applications
    login(client, "clerk_a")
    html = client.get("/staff/stats").get_data(as_text=True)
    assert online_share(html) == "67%" and "机器人 2 / 全部 3" in html
    assert sorted(bars(html, "chart-category")) == ["婚姻登记", "学籍"]
    assert "知青" not in html and b.name not in html
    html = client.get(f"/staff/stats?centre={b.id}").get_data(as_text=True)  # a clerk's scope is fixed
    assert online_share(html) == "67%" and b.name not in html


def test_archivists_filter_by_centre_and_period(client, applications):
    a, b = applications
    login(client, "archivist")
    html = client.get(f"/staff/stats?centre={b.id}&days=90").get_data(as_text=True)
    assert online_share(html) == "100%" and bars(html, "chart-category") == ["知青"]
    assert '<option value="90" selected>' in html and f'<option value="{b.id}" selected>' in html
    html = client.get("/staff/stats?days=7&centre=999").get_data(as_text=True)  # not offered: the defaults
    assert '<option value="30" selected>' in html and online_share(html) == "75%"


def test_turnaround_visits_and_forecast_are_shown(client, applications):
    login(client, "archivist")
    html = client.get("/staff/stats").get_data(as_text=True)
    assert "按期出具（1 / 1）" in html and "0 个工作日" in html
    assert len(bars(html, "chart-visits")) == 30 * 3  # booked, checked in, no-show per day
    assert len(bars(html, "chart-forecast")) == 14
    assert "未来两周预计申请" in html


def test_an_empty_archive_renders_without_numbers_to_divide(client, two_centres):
    login(client, "clerk_b")
    r = client.get("/staff/stats")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and online_share(html) == "—" and "暂无数据" in html
