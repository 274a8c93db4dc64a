"""The whole journey in a browser: a visitor applies at the kiosk, staff approve and issue in the console, the
visitor prints the certificate at the kiosk, and its QR, decoded, opens the verify page: 有效.

One test on purpose: each step starts from what the previous one left (the pickup code, the certificate).
Screenshots of every kiosk screen passed through go to test-artifacts/screens/.
"""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.core.appointment_factories import id_number
from tests.e2e.steps import (HORIZONTAL_OVERFLOW, MIN_TEXT_PX, identify, open_application, qr_texts, shoot,
                             staff_login, tap_digits, tap_pinyin)

ZHANG_WEI = [("zhang", "张"), ("wei", "伟")]
LI_NA = [("li", "李"), ("na", "娜")]
RECORD = "X002-001-001-001"  # 张伟、李娜结婚登记申请书及审查处理表, 1985, 城关镇 (the seeded catalogue)


def apply_at_the_kiosk(page, citizen_id: str) -> str:
    """Identify, apply for the 1985 marriage record of 张伟 and 李娜, print the slip; the pickup code."""
    page.goto("/")
    shoot(page, "home")
    page.locator(".tiles").get_by_role("link", name=re.compile("申请出证")).tap()
    expect(page.locator("#name")).to_be_visible()  # applying needs the ID card first
    shoot(page, "identify")
    identify(page, ZHANG_WEI, citizen_id)

    expect(page.locator("body.apply-category")).to_be_visible()
    shoot(page, "apply-category")
    page.locator('button[name=category][value="婚姻登记"]').tap()

    expect(page.locator("body.apply-relation")).to_be_visible()
    shoot(page, "apply-relation")
    page.locator('button[name=relation][value="self"]').tap()

    expect(page.locator("body.apply-subject")).to_be_visible()
    page.locator("#name-0").tap()
    tap_pinyin(page, "pad-text", LI_NA)
    expect(page.locator("#name-0")).to_have_value("李娜")
    page.locator("#year_from").tap()
    tap_digits(page, "pad-year", "1985")
    expect(page.locator("#year_from")).to_have_value("1985")
    shoot(page, "apply-subject")
    page.get_by_role("button", name=re.compile("下一步")).tap()

    expect(page.locator("body.apply-papers")).to_be_visible()
    for box in page.locator(".checklist input[type=checkbox]").all():
        box.tap()
        expect(box).to_be_checked()
    shoot(page, "apply-papers")
    page.get_by_role("button", name=re.compile("下一步")).tap()

    expect(page.locator("body.apply-purpose")).to_be_visible()
    shoot(page, "apply-purpose")
    page.locator(".choices button[name=purpose]").first.tap()

    expect(page.locator("body.apply-delivery")).to_be_visible()
    shoot(page, "apply-delivery")
    page.locator('button[name=delivery][value="pickup"]').tap()

    expect(page.locator("body.apply-confirm")).to_be_visible()
    summary = page.locator("table.summary")
    for text in ("婚姻登记", "本人（张*）", "李娜", "1985年"):
        expect(summary).to_contain_text(text)
    shoot(page, "apply-confirm")
    page.get_by_role("button", name="提交申请").tap()

    slip = page.get_by_test_id("slip")
    expect(slip).to_be_visible()
    code = re.sub(r"\s", "", page.get_by_test_id("pickup-code").inner_text())
    assert re.fullmatch(r"[2-9A-Z]{10}", code), code
    assert any(t.endswith(f"/s?code={code}") for t in qr_texts(slip.screenshot())), "the slip's QR is not the code"
    size, where = page.evaluate(MIN_TEXT_PX)
    assert size >= 24, f"text of {size} px on the slip ({where}): the kiosk's smallest is 24 px"
    shoot(page, "slip")
    page.get_by_role("button", name="结束并退出").tap()  # the visitor leaves
    expect(page.get_by_test_id("visitor")).to_have_count(0)
    return code


def check_on_a_phone(phone, code: str) -> None:
    """The slip's QR on a phone: the stand-alone status page, readable at 360 px."""
    phone.goto(f"/s?code={code}")
    expect(phone.get_by_test_id("status")).to_contain_text("已提交")
    expect(phone.get_by_test_id("next")).to_contain_text("接下来怎么办")
    assert phone.evaluate(HORIZONTAL_OVERFLOW) <= 0, "the status page scrolls sideways on a 360 px screen"
    size, where = phone.evaluate(MIN_TEXT_PX)
    assert size >= 16, f"text of {size} px on the phone's status page ({where})"
    shoot(phone, "status-from-qr-phone")


def approve_at_the_window(page, code: str) -> None:
    """The centre's clerk checks the papers and approves."""
    staff_login(page, "clerk_a")
    open_application(page, code)
    for box in page.locator("#actions .checklist input[type=checkbox]").all():
        box.check()
    page.locator('#actions button[name=to][value="approved"]').click()
    expect(page.locator(".flash")).to_contain_text("已通知申请人")
    expect(page.locator("h1 .status")).to_have_text("已批准")


def issue_in_the_archive(page, code: str) -> str:
    """The archivist finds the marriage record, attaches it and issues the certificate; its number."""
    staff_login(page, "archivist")
    open_application(page, code)
    page.locator("#records input[name=q]").fill("张伟 李娜 1985 结婚登记")
    page.locator("#records").get_by_role("button", name="检索").click()
    row = page.locator("table.hits tr", has_text=RECORD)
    row.get_by_role("button", name="附加").click()
    expect(page.locator("#records")).to_contain_text("附加的档案（1 件）")
    page.get_by_role("link", name="预览并出具证明").click()
    expect(page.locator("figure img")).to_be_visible()
    page.get_by_role("button", name=re.compile("^出具")).click()
    certificate = page.locator("#certificates .cert-valid")
    expect(certificate).to_contain_text(RECORD)
    return certificate.locator("strong.mono").inner_text().strip()


def pick_up_at_the_kiosk(page, code: str, citizen_id: str) -> str:
    """Enter the pickup code, identify as the applicant, see the certificate; the URL its QR carries."""
    page.goto("/")
    page.locator(".tiles").get_by_role("link", name=re.compile("取件打印")).tap()
    expect(page.locator("#code")).to_be_visible()
    shoot(page, "pickup")
    pad = page.locator(".code-pad")
    for ch in code:
        pad.locator(f'button[data-key="{ch}"]').tap()
    expect(page.locator("#code")).to_have_value(code)
    page.get_by_role("button", name="查询").tap()

    expect(page.get_by_test_id("status")).to_contain_text("已出具")
    expect(page.get_by_test_id("certificate")).to_have_count(0)  # not before the applicant shows the ID card
    shoot(page, "pickup-status")
    page.get_by_role("link", name="申请人刷身份证").tap()
    identify(page, ZHANG_WEI, citizen_id)

    image = page.locator("[data-testid=certificate] img.certificate").last  # the seal and QR are on the last page
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    shoot(page, "pickup-certificate")
    urls = [t for t in qr_texts(image.screenshot()) if "/V/" in t or "/v/" in t]
    assert urls, "no verify QR could be read from the certificate on the kiosk screen"
    return urls[0]


def test_apply_approve_issue_pick_up_and_verify(live_server, new_page):
    citizen_id = id_number(601)
    kiosk = new_page(live_server)
    code = apply_at_the_kiosk(kiosk, citizen_id)
    check_on_a_phone(new_page(live_server, "phone"), code)

    approve_at_the_window(new_page(live_server, "staff"), code)
    number = issue_in_the_archive(new_page(live_server, "staff"), code)

    pickup = new_page(live_server)
    url = pick_up_at_the_kiosk(pickup, code, citizen_id)
    # upper case, as the QR's alphanumeric mode keeps it short; scheme and host are case-blind
    assert url.lower().startswith(live_server.url + "/v/"), f"the QR leads elsewhere: {url}"

    phone = new_page(live_server, "phone")
    phone.goto(url)  # as a phone's camera opens it
    expect(phone.locator("h1")).to_have_text("✔有效")
    expect(phone.locator(".facts")).to_contain_text(number)
    expect(phone.locator(".facts")).to_contain_text(RECORD)
    expect(phone.locator(".facts")).to_contain_text("张*、李*")
    shoot(phone, "verify-from-qr-phone")
    assert kiosk.e2e_errors == [] and pickup.e2e_errors == [], "script errors on the kiosk pages"
