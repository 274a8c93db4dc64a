"""The workflow: only legal moves; each one audited, announced to the applicant, and visible in the history."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from core import applications as apps
from core import audit
from core.applications import rules
from core.errors import Conflict, InvalidInput
from core.models import Application, OutboxMessage
from tests.core.application_factories import make_centre, move, submit


@pytest.fixture
def application(services):
    return submit(services, make_centre(services).id)


def _messages(services, application_id: int) -> list[str]:
    with services.sessions() as s:
        return list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.application_id == application_id)
                              .order_by(OutboxMessage.id)))


def test_the_whole_way_with_a_detour_for_more_papers(services, application):
    a = move(services, application.id, "in_review", "needs_info", "in_review", "approved", "issued", "delivered")
    assert a.status == "delivered"
    with services.sessions() as s:
        lines = apps.history(s, a, tz="Asia/Shanghai", with_actors=True)
    assert [(h["from"], h["to"]) for h in lines] == [
        (None, "submitted"), ("submitted", "in_review"), ("in_review", "needs_info"), ("needs_info", "in_review"),
        ("in_review", "approved"), ("approved", "issued"), ("issued", "delivered")]
    assert lines[2]["note"] == "说明" and lines[2]["to_label"] == "待补充材料"
    assert {h["actor"] for h in lines[1:]} == {"staff:wang"}
    texts = _messages(services, a.id)
    assert len(texts) == 7 and all(a.pickup_code in t for t in texts)
    assert "需要补充材料：说明" in texts[2] and "城关镇便民服务中心C01" in texts[5]
    assert audit.verify(services.sessions).ok


@pytest.mark.parametrize("path, illegal", [
    ((), "approved"),                       # review first
    ((), "issued"),
    (("in_review",), "delivered"),
    (("in_review", "needs_info"), "approved"),  # back to review first
    (("in_review", "approved", "issued"), "rejected"),  # a wrong certificate is revoked, not the application
    (("withdrawn",), "in_review"),
    (("rejected",), "approved"),
])
def test_illegal_moves_are_refused_and_leave_no_trace(services, application, path, illegal):
    move(services, application.id, *path)
    before = audit.verify(services.sessions).lines
    with pytest.raises(Conflict) as e:
        move(services, application.id, illegal)
    assert "不能改为" in e.value.message and rules.STATUS_LABELS[illegal] in e.value.message
    assert audit.verify(services.sessions).lines == before
    assert len(_messages(services, application.id)) == before


def test_every_legal_move_in_the_table_is_accepted():
    for src, moves in rules.TRANSITIONS.items():
        assert moves <= set(rules.STATUS_LABELS) and (src in rules.TERMINAL) == (not moves)
    assert rules.TERMINAL == {"delivered", "rejected", "withdrawn"}


def test_a_rejection_needs_a_reason_that_the_applicant_is_told(services, application):
    with services.sessions.begin() as s:
        a = apps.get_application(s, application.id)
        with pytest.raises(InvalidInput, match="理由"):
            apps.transition(s, a, "rejected", actor="staff:wang", reason="  ")
        apps.transition(s, a, "rejected", actor="staff:wang", reason="婚姻登记档案中无此二人记录")
    with services.sessions() as s:
        assert s.get(Application, application.id).reject_reason == "婚姻登记档案中无此二人记录"
    assert "未通过：婚姻登记档案中无此二人记录" in _messages(services, application.id)[-1]


def test_asking_for_more_papers_needs_to_say_which(services, application):
    move(services, application.id, "in_review")
    with services.sessions.begin() as s, pytest.raises(InvalidInput, match="补充"):
        apps.transition(s, apps.get_application(s, application.id), "needs_info", actor="staff:wang")


def test_approve_or_ask_passes_through_review_with_a_line_each(services, application):
    with services.sessions.begin() as s:
        a = apps.get_application(s, application.id)
        apps.advance(s, a, "needs_info", actor="staff:li", note="请补交户口簿")
        apps.advance(s, a, "approved", actor="staff:li")
        with pytest.raises(Conflict):
            apps.advance(s, a, "delivered", actor="staff:li")
    with services.sessions() as s:
        a = apps.get_application(s, application.id)
        assert a.status == "approved"
        assert [(h["to"], h["note"]) for h in apps.history(s, a, tz="Asia/Shanghai")] == [
            ("submitted", "经自助机提交"), ("in_review", None), ("needs_info", "请补交户口簿"),
            ("in_review", "补充材料已收到"), ("approved", None)]


def test_a_move_rolls_back_with_its_audit_line_and_message(services, application):
    with pytest.raises(RuntimeError):
        with services.sessions.begin() as s:
            apps.transition(s, apps.get_application(s, application.id), "in_review", actor="staff:wang")
            raise RuntimeError("the rest of the change failed")
    with services.sessions() as s:
        assert s.get(Application, application.id).status == "submitted"
    assert len(_messages(services, application.id)) == 1 and audit.verify(services.sessions).lines == 1


def test_two_clerks_moving_the_same_application_at_once_one_wins(services, application):
    first, second = services.sessions(), services.sessions()
    try:
        a1, a2 = first.get(Application, application.id), second.get(Application, application.id)
        apps.transition(first, a1, "in_review", actor="staff:wang")
        first.commit()
        with pytest.raises(Conflict, match="刚被他人改为"):
            apps.transition(second, a2, "withdrawn", actor="staff:li")
        second.rollback()
    finally:
        first.close()
        second.close()
    with services.sessions() as s:
        assert s.get(Application, application.id).status == "in_review"
    assert audit.verify(services.sessions).lines == 2


def test_the_public_view_masks_names_and_hides_staff_and_id_numbers(services, application):
    with services.sessions.begin() as s:
        a = apps.get_application(s, application.id)
        apps.transition(s, a, "in_review", actor="staff:wang")
        apps.transition(s, a, "needs_info", actor="staff:wang", note="请提供身份证 11010519491231002X 的复印件")
    with services.sessions() as s:
        view = apps.describe(services, s, apps.get_application(s, application.id), staff=False)
        staff_view = apps.describe(services, s, apps.get_application(s, application.id), staff=True)
    text = repr(view)
    assert view["applicant"] == "张*" and view["subject_names"] == ["张*", "李*"]
    assert "staff:" not in text and "11010519491231002X" not in text and "110105********002X" in text
    assert "办理房产过户" not in text and "pickup_code" not in view and "id" not in view
    assert staff_view["history"][1]["actor"] == "staff:wang" and staff_view["purpose"] == "办理房产过户"
