"""The purpose of a request is not its kind of record; 在 + place + event names a place, not a person."""
from core.dialogue.clauses import place_before_event, take_purpose


def has_marriage(text):
    return "结婚" in text


def test_the_purpose_clause_is_set_aside_when_the_record_is_named_elsewhere():
    text = "我爸妈八几年在沈家门结婚，现在要办房产过户，怎么开证明？"
    rest, purpose = take_purpose(text, has_marriage)
    assert "房产" not in rest and purpose == "房产过户"
    assert take_purpose("我要办房产过户，要查什么档案", has_marriage) == ("我要办房产过户，要查什么档案", None)


def test_the_place_before_the_event():
    assert place_before_event("我爸妈八几年在沈家门结婚") == "沈家门"
    assert place_before_event("在城关中学读书的学籍") == "城关中学"
    assert place_before_event("在哪里结婚的") is None
    assert place_before_event("1985年结婚") is None
