"""Submitting a 查档申请: what the applicant gets back, and the Chinese answer when something is wrong."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from core import applications as apps
from core import audit
from core.applications import rules
from core.errors import InvalidInput
from core.models import Application, Citizen, OutboxMessage
from tests.core.application_factories import applicant, make_centre, move, submit


@pytest.fixture
def centre(services):
    return make_centre(services)


def test_a_valid_application_is_filed_with_a_pickup_code_a_due_date_and_a_first_message(services, centre):
    a = submit(services, centre.id)
    assert a.status == "submitted" and a.channel == "kiosk" and a.centre_id == centre.id
    assert len(a.pickup_code) == rules.CODE_LENGTH and set(a.pickup_code) <= set(rules.CODE_ALPHABET)
    assert a.due_date > date.today()
    with services.sessions() as s:
        citizen = s.get(Citizen, a.citizen_id)
        assert citizen.id_masked == "330902********" + applicant(1)["id_number"][-4:]
        [msg] = s.scalars(select(OutboxMessage)).all()
    assert msg.chat_id == 777001 and a.pickup_code in msg.text and "身份证件" in msg.text
    assert audit.verify(services.sessions).lines == 1


def test_the_due_date_counts_working_days_skipping_national_day_and_counting_the_adjusted_saturday(
        services, centre, monkeypatch):
    # 2025: 1–8 October off; Saturday 11 October worked (调休). 5 working days after Tue 30 Sep: 9, 10, 11, 13, 14.
    monkeypatch.setattr("core.applications.submit.local_today", lambda tz: date(2025, 9, 30))
    assert submit(services, centre.id, year_to=None).due_date == date(2025, 10, 14)


def test_codes_are_unique_and_read_back_whatever_the_case_or_dashes(services, centre):
    codes = {submit(services, centre.id).pickup_code for _ in range(20)}
    assert len(codes) == 20
    code = next(iter(codes))
    with services.sessions() as s:
        assert apps.find_by_pickup_code(s, f" {code[:5].lower()}-{code[5:]} ").pickup_code == code


def test_the_same_person_applying_twice_is_one_citizen(services, centre):
    first, second = submit(services, centre.id), submit(services, centre.id, category="学籍")
    assert first.citizen_id == second.citizen_id


def test_electronic_delivery_needs_no_centre_and_a_single_year_is_a_range_of_one(services):
    a = submit(services, None, delivery={"type": "electronic"}, year_from=None, year_to=1990)
    assert (a.delivery, a.centre_id, a.year_from, a.year_to) == ("electronic", None, 1990, 1990)


def test_an_agent_for_a_marriage_record_is_told_to_bring_a_notarised_authorisation(services, centre):
    submit(services, centre.id, relation="agent")
    with services.sessions() as s:
        assert "经公证的授权委托书" in s.scalar(select(OutboxMessage.text))


def test_someone_unrelated_is_refused_with_the_reason(services, centre):
    with pytest.raises(InvalidInput) as e:
        submit(services, centre.id, relation="other")
    assert e.value.code == "not_eligible" and "个人信息" in e.value.message
    with services.sessions() as s:
        assert s.scalar(select(Application.id)) is None


@pytest.mark.parametrize("overrides, says", [
    ({"channel": "fax"}, "申请渠道"),
    ({"applicant": {"name": "张伟", "id_number": "110105194912310021"}}, "校验位"),
    ({"applicant": {"name": "", "id_number": "11010519491231002X"}}, "申请人姓名"),
    ({"applicant": {"name": "张伟", "id_number": "11010519491231002X", "phone": "call me"}}, "联系电话"),
    ({"applicant": "张伟"}, "申请人"),
    ({"relation": "neighbour"}, "关系"),
    ({"category": "火星档案"}, "档案类别"),
    ({"subject_names": []}, "当事人"),
    ({"subject_names": ["张" * 31]}, "过长"),
    ({"subject_names": [f"人{i}" for i in range(11)]}, "最多填写10位"),
    ({"subject_names": [1, 2]}, "姓名列表"),
    ({"year_from": 1899, "year_to": 1900}, "1899"),
    ({"year_from": 1990, "year_to": 1985}, "晚于"),
    ({"year_from": date.today().year + 1, "year_to": None}, "不在"),
    ({"year_from": "1985"}, "整数"),
    ({"year_from": True}, "整数"),
    ({"year_from": None, "year_to": None}, "年份"),
    ({"purpose": ""}, "查档用途"),
    ({"purpose": "办" * 201}, "200"),
    ({"place": "地" * 51}, "地点"),
    ({"delivery": {"type": "pickup"}}, "服务中心"),
    ({"delivery": {"type": "pickup", "centre_id": 99999}}, "99999"),
    ({"delivery": {"type": "pickup", "centre_id": "一"}}, "正整数"),
    ({"delivery": {"type": "pigeon"}}, "取件方式"),
    ({"delivery": None}, "取件方式"),
    ({"chat_id": "abc"}, "chat_id"),
])
def test_bad_input_is_refused_in_chinese_and_files_nothing(services, centre, overrides, says):
    with pytest.raises(InvalidInput) as e:
        submit(services, centre.id, **overrides)
    assert says in e.value.message
    assert "110105194912310021" not in e.value.message
    with services.sessions() as s:
        assert s.scalar(select(Application.id)) is None


def test_subject_names_are_trimmed_and_deduplicated_and_may_come_as_one_string(services, centre):
    assert submit(services, centre.id, subject_names=" 张伟 、李娜，张伟 ").subject_names == ["张伟", "李娜"]


def test_the_queue_filters_by_status_centre_and_overdue_and_leaves_out_closed_ones(services, centre):
    other = make_centre(services, "C02")
    a, b, c = submit(services, centre.id), submit(services, centre.id), submit(services, other.id)
    closed = submit(services, centre.id)
    move(services, b.id, "in_review")
    move(services, closed.id, "withdrawn")
    with services.sessions.begin() as s:
        s.execute(update(Application).where(Application.id.in_([a.id, c.id])).values(due_date=date(2020, 1, 2)))
    today = date.today()
    with services.sessions() as s:
        ids = lambda **kw: [x.id for x in apps.list_applications(s, today=today, **kw)]  # noqa: E731
        assert ids(status="in_review") == [b.id]
        assert closed.id not in ids() and closed.id in ids(include_closed=True)
        assert ids(status="withdrawn") == [closed.id]
        assert sorted(ids(centre_id=centre.id)) == [a.id, b.id]
        assert ids(overdue=True) == [a.id, c.id]
        assert apps.is_overdue(s.get(Application, a.id), today)
        with pytest.raises(InvalidInput):
            apps.list_applications(s, today=today, status="lost")


def test_an_issued_or_closed_application_is_not_overdue(services, centre):
    a = submit(services, centre.id)
    move(services, a.id, "withdrawn")
    with services.sessions.begin() as s:
        s.execute(update(Application).values(due_date=date(2020, 1, 2)))
    with services.sessions() as s:
        assert apps.list_applications(s, today=date.today(), overdue=True) == []


def test_the_same_new_person_applying_twice_at_once_is_one_citizen(services, centre):
    import threading

    from sqlalchemy import func
    errors = []

    def go():
        try:
            submit(services, centre.id)
        except Exception as e:  # noqa: BLE001  (the test reports any failure)
            errors.append(e)
    threads = [threading.Thread(target=go) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with services.sessions() as s:
        assert s.scalar(select(func.count(Citizen.id))) == 1


def test_an_id_number_in_a_clerks_note_is_masked_before_it_is_kept(services, centre):
    from core.models import AuditEntry
    a = submit(services, centre.id)
    with services.sessions.begin() as s:
        apps.transition(s, apps.get_application(s, a.id), "rejected", actor="staff:wang",
                        reason="身份证 11010519491231002X 与档案不符")
    with services.sessions() as s:
        kept = [str(d) for d in s.scalars(select(AuditEntry.data))] + list(s.scalars(select(OutboxMessage.text)))
        kept.append(apps.get_application(s, a.id).reject_reason)
    assert kept and not any("11010519491231002X" in k for k in kept)
    assert any("110105********002X" in k for k in kept)
