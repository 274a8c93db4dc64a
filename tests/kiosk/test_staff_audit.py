"""The audit log viewer: archivists and administrators, newest first, filters, paging, the chain's verdict."""
import re

import pytest
from sqlalchemy import text

from core import audit
from core.applications import get_application, transition
from tests.core.appointment_factories import id_number
from tests.kiosk.staff_apps import signed_in, two_applications


@pytest.fixture
def pair(services, two_centres):
    return two_applications(services, two_centres)


def lines_on(body: str) -> list[int]:
    """The line numbers shown, top to bottom."""
    return [int(n) for n in re.findall(r"<tr><td>(\d+)</td>", body)]


def log(client, **filters) -> str:
    r = client.get("/staff/audit", query_string=filters)
    assert r.status_code == 200
    return r.get_data(as_text=True)


def append(services, n: int = 1, **line) -> None:
    with services.sessions.begin() as s:
        for _ in range(n):
            audit.append(s, **{"actor": "staff:wang", "action": "test.line", "entity": "application",
                               "entity_id": 1, **line})


def test_clerks_get_403_and_strangers_are_sent_to_sign_in(app, client, pair):
    assert signed_in(app, "clerk_a").get("/staff/audit").status_code == 403
    r = client.get("/staff/audit")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]
    assert 'href="/staff/audit"' not in signed_in(app, "clerk_a").get("/staff/queue").get_data(as_text=True)  # no menu


def test_newest_first_with_a_green_chain_verdict(app, pair):
    body = log(signed_in(app, "archivist"))
    assert lines_on(body) == [2, 1]  # the two submissions
    assert "chain-ok" in body and "哈希链完整" in body and "审计日志 2 行" in body
    assert "申请状态变更" in body and "新申请 → 已提交：经自助机提交" in body
    assert 'href="/staff/audit"' in body.split("<main>")[0]  # the menu offers it to archivists


def test_a_deleted_line_turns_the_verdict_red(app, services, pair):
    append(services, 2)
    with services.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = 2"))
    body = log(signed_in(app, "admin"))
    assert "chain-bad" in body and "审计日志有问题" in body and "缺少第 2 行" in body
    assert "哈希链完整" not in body


def test_filters_by_actor_action_entity_and_date(app, services, pair):
    append(services, actor="staff:clerk_a", action="pii.view", entity="citizen", entity_id=7)
    client = signed_in(app, "archivist")
    assert lines_on(log(client, action="pii.view")) == [3]
    assert lines_on(log(client, action="application")) == [2, 1]  # an action's prefix
    assert lines_on(log(client, action="查看完整身份信息")) == [3]  # or its Chinese name, as the list offers
    assert lines_on(log(client, actor="clerk_a")) == [3]
    assert lines_on(log(client, entity="citizen", entity_id="7")) == [3]
    assert lines_on(log(client, since="2000-01-01", until="2000-12-31")) == []
    assert lines_on(log(client, since="2000-01-01")) == [3, 2, 1]
    body = log(client, since="昨天")
    assert "起始日期「昨天」不是日期" in body and lines_on(body) == [3, 2, 1]


def test_pages_of_fifty(app, services, pair):
    append(services, 60)  # lines 3..62
    client = signed_in(app, "archivist")
    first = log(client)
    assert lines_on(first)[:2] == [62, 61] and len(lines_on(first)) == 50 and "较早 →" in first
    second = log(client, page="2")
    assert lines_on(second) == list(range(12, 0, -1)) and "较早 →" not in second and "← 较新" in second
    assert lines_on(log(client, page="2", action="test.line")) == list(range(12, 2, -1))


def test_no_full_id_number_is_shown(app, services, pair):
    append(services, data={"note": f"核对身份证 {id_number(5)}"})
    body = log(signed_in(app, "admin"))
    assert id_number(5) not in body and id_number(5)[:6] + "********" + id_number(5)[-4:] in body


def test_actions_and_statuses_are_in_chinese_with_the_raw_data_behind_details(app, services, pair):
    mine, _ = pair
    with services.sessions.begin() as s:
        application = get_application(s, mine.id)
        transition(s, application, "in_review", actor="staff:clerk_a")
        transition(s, application, "needs_info", actor="staff:clerk_a", note="请补交户口簿复印件")
    body = log(signed_in(app, "archivist"))
    assert "审核中 → 待补充材料：请补交户口簿复印件" in body and "申请状态变更" in body
    assert body.count("<summary>详细</summary>") == 4
    outside = re.sub(r"<[^>]+>", "", re.sub(r"<details>.*?</details>", "", body, flags=re.S))
    assert "application.transition" not in outside and '"from"' not in outside and "needs_info" not in outside
    inside = "".join(re.findall(r"<details>.*?</details>", body, flags=re.S))
    assert "application.transition" in inside and "&#34;to&#34;: &#34;needs_info&#34;" in inside
