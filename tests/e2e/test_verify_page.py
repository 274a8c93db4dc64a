"""The verify page as a phone shows it: the verdict first, readable, nothing wider than the screen."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from core.bootstrap import bootstrap
from core.certificates import issue_certificate, revoke_certificate, verify_url
from core.models import Record
from tests.e2e.steps import HORIZONTAL_OVERFLOW, MIN_TEXT_PX, path_of, shoot

REFS = ["X002-001-001-001", "X002-001-001-003"]


@pytest.fixture
def certificate(e2e_settings):
    """A 档案查询证明 over two marriage records of the seeded catalogue, for 张伟 and 李娜: (number, verify path)."""
    services = bootstrap(e2e_settings)
    try:
        with services.sessions.begin() as s:
            records = list(s.scalars(select(Record).where(Record.ref.in_(REFS)).order_by(Record.ref)))
            cert = issue_certificate(s, services, kind="record", application=None, records=records,
                                     subject_names=["张伟", "李娜"], actor="staff:archivist")
            number, url = cert.number, verify_url(e2e_settings, cert.token)
        yield number, path_of(url)
    finally:
        services.dispose()


def revoke(settings, number: str, reason: str) -> None:
    """Revoke a certificate as an archivist would (through core, like the console does)."""
    services = bootstrap(settings)
    try:
        with services.sessions.begin() as s:
            revoke_certificate(s, number, reason=reason, actor="staff:archivist")
    finally:
        services.dispose()


def assert_readable_on_a_phone(page) -> None:
    """The verdict in view without scrolling, no sideways scroll, no text under 16 px."""
    expect(page.locator("h1")).to_be_in_viewport(ratio=1)  # the verdict without scrolling
    assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, "the page scrolls sideways on a 360 px screen"
    size, where = page.evaluate(MIN_TEXT_PX)
    assert size >= 16, f"text smaller than 16 px on a phone: {size} px at {where!r}"


def test_a_valid_certificate_reads_as_valid_on_a_phone(live_server, new_page, certificate):
    number, path = certificate
    page = new_page(live_server, "phone")
    page.goto(path)
    expect(page.locator("h1")).to_have_text("✔有效")
    assert_readable_on_a_phone(page)
    facts = page.locator(".facts")
    for text in (number, "临江县档案馆", "张*、李*", *REFS):
        expect(facts).to_contain_text(text)
    assert "张伟" not in page.content() and "李娜" not in page.content()
    expect(page.locator("#idle-warning")).to_have_count(0)  # not the kiosk frame
    shoot(page, "verify-phone")
    desktop = new_page(live_server, "staff")
    desktop.goto(path.replace("/V/", "/v/"))
    expect(desktop.locator("h1")).to_have_text("✔有效")
    assert desktop.evaluate(HORIZONTAL_OVERFLOW) <= 0
    shoot(desktop, "verify-desktop")


def test_a_revoked_certificate_reads_as_revoked_with_date_and_reason(live_server, new_page, certificate, e2e_settings):
    number, path = certificate
    revoke(e2e_settings, number, "出生日期有误")
    page = new_page(live_server, "phone")
    page.goto(path)
    expect(page.locator("h1")).to_have_text("✘已撤销")
    expect(page.locator(".verdict")).to_contain_text("出生日期有误")
    expect(page.locator(".verdict")).to_contain_text("年")  # the revocation date, in Chinese
    assert_readable_on_a_phone(page)
    shoot(page, "verify-revoked-phone")


def test_a_tampered_and_a_garbled_code_read_as_invalid_and_cannot_tell(live_server, new_page, certificate):
    _, path = certificate
    middle = len(path) // 2 + 3
    page = new_page(live_server, "phone")
    page.goto(path[:middle] + ("B" if path[middle] != "B" else "C") + path[middle + 1:])
    expect(page.locator("h1")).to_have_text("✘无效")
    assert_readable_on_a_phone(page)
    shoot(page, "verify-invalid-phone")
    page.goto("/V/NOT-A-CODE")
    expect(page.locator("h1")).to_have_text("?无法确认")
    assert_readable_on_a_phone(page)
