"""办事指南: FAQ topics with readable answers, and who may apply for what with which papers."""
import json
import re
from html import unescape

from core.dialogue.faq import faq_index

from tests.kiosk.test_kiosk_identify import identify


def test_the_guide_lists_topics_by_section(client):
    html = client.get("/guide").get_data(as_text=True)
    for text in ("办理须知", "替别人查", "查档案需准备哪些东西", "查阅档案是否收取费用", "谁能查哪类档案、要带什么材料"):
        assert text in html


def test_a_topic_shows_its_answer_with_the_facts_filled_in(client):
    html = client.get("/guide/fee").get_data(as_text=True)
    answer = re.search(r'data-testid="answer">(.*?)</article>', html, re.S).group(1)
    assert "查阅档案是否收取费用" in answer and "不收费" in answer and "{" not in answer
    assert "相关问题" in html and 'href="/guide/how_long"' in html


def test_a_category_topic_offers_to_apply_for_that_category(client):
    html = client.get("/guide/work_age").get_data(as_text=True)
    assert 'href="/apply?category=%E6%8B%9B%E5%B7%A5%E5%B7%A5%E9%BE%84"' in html  # 招工工龄


def test_an_unknown_topic_is_a_chinese_404(client):
    response = client.get("/guide/no-such-topic")
    assert response.status_code == 404 and "页面不存在" in response.get_data(as_text=True)


def test_who_may_apply_for_marriage_records_in_words(client):
    html = client.get("/guide/who/婚姻登记").get_data(as_text=True)
    rules = dict(re.findall(r'<h2>([^<]+)<small>.*?</h2>\s*<p class="verdict (ok|bad)">', html, re.S))
    assert rules["本人"] == "ok" and rules["委托代理人"] == "ok" and rules["其他人"] == "bad"
    assert "经公证的授权委托书" in html and "当事人的死亡证明" in html
    assert "只能由本人、委托代理人" in html


def test_open_categories_are_for_anyone_with_an_id(client):
    html = client.get("/guide/who/文书").get_data(as_text=True)
    rules = dict(re.findall(r'<h2>([^<]+)<small>.*?</h2>\s*<p class="verdict (ok|bad)">', html, re.S))
    assert set(rules.values()) == {"ok"}


def test_who_page_offers_every_category(client):
    html = client.get("/guide/who").get_data(as_text=True)
    assert "请选择要查的档案类别" in html and "婚姻登记" in html and "收养" in html
    assert client.get("/guide/who/不存在").status_code == 404


def test_a_deployments_faq_answers_replace_ours(client, settings):
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "faq.json").write_text(json.dumps(
        {"facts": {"fee": "本县查档每件收取工本费2元"}, "entries": []}, ensure_ascii=False), encoding="utf-8")
    html = client.get("/guide/fee").get_data(as_text=True)
    assert "本县查档每件收取工本费2元" in html


def test_the_guide_works_for_an_identified_visitor_too(client):
    identify(client, "张伟", "11010519491231002X", "/guide")
    html = client.get("/guide").get_data(as_text=True)
    assert "张* 您好" in html and "办理须知" in html


def answer_of(html):
    return unescape(re.search(r'data-testid="answer">(.*?)</article>', html, re.S).group(1))


def test_the_papers_answer_points_to_the_button_not_to_a_conversation(client):
    answer = answer_of(client.get("/guide/papers").get_data(as_text=True))
    assert "告诉我" not in answer and "我可以列出" not in answer
    assert "「谁能查、带什么」" in answer


def test_no_guide_answer_talks_like_a_chat(client, settings):
    entries = faq_index(settings.data_dir).entries
    for entry_id in entries:
        answer = answer_of(client.get(f"/guide/{entry_id}").get_data(as_text=True))
        for phrase in ("告诉我", "我可以", "回复「", "发送取件码", "请说明", "手机聊天机器人"):
            assert phrase not in answer, f"/guide/{entry_id} says 「{phrase}」"
