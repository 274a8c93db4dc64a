"""The idle timeout at the kiosk: a warning, then everything about the visitor is gone; 继续使用 keeps the visit.

These run on the idle server (limit 6 s, warning 3 s), in a 1080×1920 portrait touch screen.
"""
from __future__ import annotations

from types import SimpleNamespace

from itsdangerous import BadSignature
from playwright.sync_api import expect

from kiosk.cookies import EncryptedSessionInterface
from tests.core.appointment_factories import id_number
from tests.e2e.conftest import IDLE_SECONDS
from tests.e2e.steps import identify, shoot

WANG = [("wang", "王"), ("jian", "建"), ("guo", "国")]  # shown as 王**


def session_of(page, settings) -> dict | None:
    """The kiosk session as the server would read it from the browser's cookie (None: no cookie)."""
    cookie = next((c for c in page.context.cookies() if c["name"] == "session"), None)
    if cookie is None:
        return None
    secret = (settings.data_dir / "keys" / "flask-secret.key").read_text().strip()
    serializer = EncryptedSessionInterface().get_signing_serializer(SimpleNamespace(secret_key=secret, extensions={}))
    try:
        return serializer.loads(cookie["value"])
    except BadSignature:
        return {}


def browser_storage(page) -> list[int]:
    """How many items localStorage and sessionStorage hold."""
    return page.evaluate("() => [localStorage.length, sessionStorage.length]")


def test_idle_kiosk_warns_then_forgets_the_visitor(idle_server, new_page, e2e_settings):
    page = new_page(idle_server)
    identify(page, WANG, id_number(501), next_path="/identify")
    expect(page.locator("main")).to_contain_text("王**")  # a personal page: name and masked ID number
    personal_url = page.url
    assert session_of(page, e2e_settings)["visitor"]["name_masked"] == "王**"

    warning = page.locator("#idle-warning")
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS + 5) * 1000)
    expect(warning).to_contain_text("继续使用")
    shoot(page, "idle-warning")
    expect(warning).to_be_hidden(timeout=10_000)  # the wipe posts and the home page replaces this one

    expect(page.locator(".tiles")).to_be_visible()
    assert page.url.rstrip("/") == idle_server.url
    expect(page.get_by_test_id("visitor")).to_have_count(0)
    assert "王**" not in page.inner_text("body") and "王" not in page.inner_text("header")
    assert not (session_of(page, e2e_settings) or {}).get("visitor"), "the cookie still holds the visitor"
    assert browser_storage(page) == [0, 0]
    shoot(page, "idle-home")

    page.go_back()  # the personal page must not come back from the browser's history
    expect(page.locator("body")).not_to_contain_text("王**")
    expect(page.locator("body")).not_to_contain_text("您已核验身份")
    page.goto(personal_url)  # nor by opening it again: the ID screen asks who you are
    expect(page.locator("#name")).to_be_visible()
    expect(page.get_by_test_id("visitor")).to_have_count(0)
    assert browser_storage(page) == [0, 0]


def test_continue_keeps_the_visit(idle_server, new_page, e2e_settings):
    page = new_page(idle_server)
    identify(page, WANG, id_number(502), next_path="/identify")
    warning = page.locator("#idle-warning")
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS + 5) * 1000)
    page.get_by_role("button", name="继续使用").tap()
    expect(warning).to_be_hidden()
    expect(page.get_by_test_id("visitor")).to_have_text("王** 您好")
    # Still reading, a few seconds on: longer, since the last page load, than the idle limit and its warning
    # together, but not yet idle again since 继续使用. The next tap must find the visit still open.
    page.wait_for_timeout((IDLE_SECONDS - 2) * 1000)
    expect(warning).to_be_hidden()
    page.locator(".bar a.brand").tap()
    expect(page.locator(".tiles")).to_be_visible()
    assert page.get_by_test_id("visitor").count() == 1, (
        "继续使用 was tapped, yet the next page has forgotten the visitor: the server drops a session "
        "idle limit + warning seconds after its last request, and 继续使用 (or any tap) does not tell it")
    expect(page.get_by_test_id("visitor")).to_have_text("王** 您好")
    assert session_of(page, e2e_settings)["visitor"]["name_masked"] == "王**"
