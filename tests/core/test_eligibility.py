"""Who may obtain which records, and what they must bring: the answers a clerk would give."""
from __future__ import annotations

import pytest

from core.eligibility import RELATIONS, RULES, check_eligibility, relation_choices
from core.errors import InvalidInput
from core.vocabulary import CATEGORIES


def test_every_category_and_relation_has_an_answer():
    assert len(RULES) == len(CATEGORIES) * len(RELATIONS)
    for rule in RULES.values():
        assert rule.papers if rule.allowed else rule.reason


def test_the_person_in_the_record_brings_their_own_id():
    e = check_eligibility("婚姻登记", "self")
    assert e.allowed and e.papers == ("申请人本人的有效身份证件",) and e.reason is None


def test_an_agent_for_marriage_records_needs_a_notarised_authorisation_but_not_for_other_records():
    marriage = check_eligibility("婚姻登记", "agent")
    assert marriage.allowed and any("公证" in p for p in marriage.papers)
    school = check_eligibility("学籍", "agent")
    assert school.allowed and any("授权委托书" in p for p in school.papers)
    assert not any("公证" in p for p in school.papers)


def test_next_of_kin_need_the_death_certificate_and_proof_of_relationship():
    papers = check_eligibility("招工工龄", "kin").papers
    assert any("死亡证明" in p for p in papers) and any("亲属关系" in p for p in papers)


def test_guardian_authorities_and_lawyers():
    assert any("监护关系证明" in p for p in check_eligibility("计划生育", "guardian").papers)
    assert check_eligibility("房地产", "authority").papers == ("单位介绍信（写明查档事项）", "经办人工作证")
    lawyer = check_eligibility("婚姻登记", "lawyer")
    assert lawyer.allowed and any("法院" in p and "诉讼" in p for p in lawyer.papers)


def test_someone_unrelated_is_refused_personal_records_but_may_use_open_administrative_ones():
    refused = check_eligibility("婚姻登记", "other")
    assert not refused.allowed and refused.papers == ()
    assert "个人信息" in refused.reason and "本人" in refused.reason
    assert check_eligibility("文书", "other").allowed


def test_chinese_labels_and_category_variants_are_understood():
    assert check_eligibility("结婚登记", "委托代理人") == check_eligibility("婚姻登记", "agent")
    assert check_eligibility("婚姻登记", "继承人").relation == "kin"


@pytest.mark.parametrize("category, relation, listed", [
    ("外星档案", "self", "婚姻登记"),
    ("婚姻登记", "邻居", "委托代理人"),
    ("", "self", "学籍"),
])
def test_unknown_category_or_relation_lists_the_valid_choices(category, relation, listed):
    with pytest.raises(InvalidInput) as e:
        check_eligibility(category, relation)
    assert listed in e.value.message


def test_relation_buttons_carry_key_label_and_hint():
    buttons = relation_choices()
    assert [b["key"] for b in buttons] == list(RELATIONS)
    assert buttons[0] == {"key": "self", "label": "本人", "hint": "查自己的档案"}
