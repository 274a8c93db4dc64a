"""Highlights mark what matched and can never inject markup."""
from core.search.highlight import highlight


def test_matched_words_are_marked_each_on_its_own():
    assert highlight("张伟、李娜结婚登记表", ["张伟", "李娜", "结婚"]) == "<em>张伟</em>、<em>李娜</em><em>结婚</em>登记表"


def test_traditional_titles_are_marked_by_simplified_terms():
    assert highlight("陳國華結婚登記材料", ["陈国华"]) == "<em>陳國華</em>結婚登記材料"


def test_titles_are_escaped():
    assert highlight("<script>alert(1)</script>张伟", ["张伟"]) == "&lt;script&gt;alert(1)&lt;/script&gt;<em>张伟</em>"
