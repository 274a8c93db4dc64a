"""Each kiosk screen in the browser, driven by tapping as a visitor would, with a screenshot of each.

The apply, slip and pickup screens are in test_full_flow.py; the idle warning in test_kiosk_idle.py.
"""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.core.appointment_factories import id_number
from tests.e2e.steps import identify, qr_texts, shoot, tap_pinyin, wait_for_keyboards

LI_HONGMEI = [("li", "李"), ("hong", "红"), ("mei", "梅")]


def tile(page, name: str):
    """A home-screen tile by its words."""
    return page.locator(".tiles").get_by_role("link", name=re.compile(name))


def test_search_shows_open_records_and_only_counts_of_restricted_ones(live_server, new_page):
    page = new_page(live_server)
    page.goto("/")
    tile(page, "查档案").tap()
    expect(page.locator("#q")).to_be_visible()
    wait_for_keyboards(page)
    shoot(page, "search")
    page.locator("#q").tap()
    tap_pinyin(page, "kb-q-pinyin", [("fang", "防"), ("xun", "汛")])
    page.locator(".searchbox").get_by_role("button", name="搜索").tap()
    results = page.get_by_test_id("results")
    expect(results).to_contain_text("县革命委员会关于防汛抗旱工作的通知")
    expect(results).to_contain_text("C038-001-002-003")
    shoot(page, "search-results")

    page.locator("#q").tap()
    page.locator('#kb-q-pinyin button[data-key="clear"]').tap()
    tap_pinyin(page, "kb-q-pinyin", LI_HONGMEI)
    page.locator(".searchbox").get_by_role("button", name="搜索").tap()
    expect(results).to_contain_text("涉及个人信息的档案")
    expect(results).to_contain_text("需本人或有权人员申请查阅")
    assert "插队落户登记表" not in results.inner_text() and "C038-002-001-001" not in results.inner_text()
    shoot(page, "search-restricted")


def test_guide_answers_a_question_and_says_who_may_apply(live_server, new_page):
    page = new_page(live_server)
    page.goto("/")
    tile(page, "办事指南").tap()
    expect(page.get_by_test_id("who")).to_be_visible()
    shoot(page, "guide")
    topic = page.locator("a.topic").first
    question = topic.inner_text().strip()
    topic.tap()
    expect(page.get_by_test_id("answer")).to_contain_text(question)
    shoot(page, "guide-answer")
    page.goto("/guide")
    page.get_by_test_id("who").tap()
    expect(page.locator("main")).to_contain_text("婚姻登记")
    shoot(page, "guide-who")


def test_chat_answers_a_common_question(live_server, new_page):
    page = new_page(live_server)
    page.goto("/")
    page.get_by_role("link", name=re.compile("问一问")).first.tap()
    expect(page.locator(".transcript")).to_contain_text("智能助手")
    shoot(page, "chat")
    chip = page.locator(".quick button.chip").first
    asked = chip.inner_text().strip()
    chip.tap()
    expect(page.locator(".transcript .bubble.me").last).to_have_text(asked)
    expect(page.get_by_test_id("reply")).not_to_be_empty()
    shoot(page, "chat-reply")


def test_bind_shows_the_bot_deep_link_as_a_qr(live_server, new_page):
    page = new_page(live_server)
    page.goto("/")
    tile(page, "绑定手机").tap()
    identify(page, LI_HONGMEI, id_number(701))
    qr = page.get_by_test_id("qr")
    expect(qr).to_be_visible()
    code = re.sub(r"\s", "", page.get_by_test_id("code").inner_text())
    links = qr_texts(qr.screenshot())
    assert links and links[0].endswith(f"start=bind_{code}"), links
    assert "t.me/" in links[0]
    shoot(page, "bind")


def test_booking_a_visit_ends_with_a_printable_confirmation(live_server, new_page):
    page = new_page(live_server)
    page.goto("/")
    tile(page, "预约办理").tap()
    identify(page, LI_HONGMEI, id_number(702))
    expect(page.locator(".tiles.days")).to_be_visible()
    shoot(page, "book-days")
    page.locator(".tiles.days a.tile.day").first.tap()
    expect(page.locator(".tiles.slots")).to_be_visible()
    shoot(page, "book-slots")
    page.locator(".tiles.slots a.tile.slot").first.tap()
    when = page.get_by_test_id("when")
    expect(when).to_be_visible()
    chosen = when.inner_text()
    shoot(page, "book-confirm")
    page.get_by_role("button", name="确认预约").tap()
    slip = page.get_by_test_id("slip")
    expect(slip).to_contain_text("预约单")
    expect(page.get_by_test_id("cancel-code")).not_to_be_empty()
    shoot(page, "book-done")
    page.get_by_role("link", name="查看我的预约").tap()
    expect(page.get_by_test_id("my-appointments")).to_contain_text(chosen)
