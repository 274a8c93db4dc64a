"""Signing in to the staff console: wrong passwords, the lock after five, CSRF, where a clerk lands, signing out."""
import re
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from core.models import StaffUser
from core.staff import LOCK_ACTION, LOCK_MINUTES, MAX_FAILED_LOGINS, LoginRefused, authenticate
from tests.kiosk.conftest import STAFF_PASSWORD, csrf_of, login
from tests.kiosk.staff_apps import audit_lines


def test_a_wrong_password_is_refused_in_chinese_and_the_console_stays_closed(client, two_centres):
    r = login(client, "clerk_a", "wrong-password-123")
    assert r.status_code == 401 and "用户名或密码不正确" in r.get_data(as_text=True)
    r = client.get("/staff/")
    assert r.status_code == 302 and "/staff/login" in r.headers["Location"]


def test_a_login_without_the_csrf_token_is_refused(client, two_centres):
    r = client.post("/staff/login", data={"username": "clerk_a", "password": "correct-horse-battery"})
    assert r.status_code == 400 and "页面已过期" in r.get_data(as_text=True)
    assert client.get("/staff/").status_code == 302


def test_sign_in_then_out(client, two_centres):
    r = login(client, "clerk_a")
    assert r.status_code == 302 and r.headers["Location"].startswith("/staff")
    page = client.get("/staff/login").get_data(as_text=True)
    r = client.post("/staff/logout", data={"csrf_token": csrf_of(page)})
    assert r.status_code == 302
    assert client.get("/staff/").status_code == 302


def test_the_session_cookie_is_not_readable(client, two_centres):
    login(client, "clerk_a")
    cookie = client.get_cookie("session")
    assert cookie is not None and "clerk" not in cookie.value and "_user_id" not in cookie.value
    import base64
    try:
        raw = base64.urlsafe_b64decode(cookie.value + "==")
    except ValueError:
        raw = b""
    assert b"_user_id" not in raw and b"csrf" not in raw


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, services, two_centres):
    for _ in range(MAX_FAILED_LOGINS):
        r = login(client, "clerk_a", "wrong-password-123")
        assert r.status_code == 401
    r = login(client, "clerk_a")  # the right password, but locked
    body = r.get_data(as_text=True)
    assert r.status_code == 401 and "锁定5分钟" in body
    assert client.get("/staff/").status_code == 302
    locks = audit_lines(services, LOCK_ACTION)
    assert len(locks) == 1 and locks[0].data["username"] == "clerk_a"
    assert login(app_client(client), "clerk_b").status_code == 302  # other accounts are not affected


def test_a_locked_account_and_an_unknown_name_get_the_same_answer(client, two_centres):
    for _ in range(MAX_FAILED_LOGINS):
        login(client, "clerk_a", "wrong-password-123")
    locked = login(client, "clerk_a")
    unknown = login(client, "nobody", "wrong-password-123")
    wrong = login(client, "clerk_b", "wrong-password-123")
    messages = {_flash(r) for r in (locked, unknown, wrong)}
    assert len(messages) == 1 and {r.status_code for r in (locked, unknown, wrong)} == {401}


def test_a_success_resets_the_count(client, services, two_centres):
    for _ in range(MAX_FAILED_LOGINS - 1):
        login(client, "clerk_a", "wrong-password-123")
    assert login(client, "clerk_a").status_code == 302
    fresh = app_client(client)
    for _ in range(MAX_FAILED_LOGINS - 1):
        login(fresh, "clerk_a", "wrong-password-123")
    assert login(fresh, "clerk_a").status_code == 302  # 4 + 4 failures with a success between: no lock
    assert audit_lines(services, LOCK_ACTION) == []


def test_the_lock_ends_after_five_minutes(services, two_centres):
    start = datetime(2026, 9, 16, 2, 0, tzinfo=timezone.utc)
    for i in range(MAX_FAILED_LOGINS):
        with services.sessions.begin() as s, pytest.raises(LoginRefused):
            authenticate(s, "clerk_a", "wrong-password-123", start + timedelta(seconds=i))
    with services.sessions.begin() as s, pytest.raises(LoginRefused):
        authenticate(s, "clerk_a", STAFF_PASSWORD, start + timedelta(minutes=LOCK_MINUTES))
    with services.sessions.begin() as s:
        user = authenticate(s, "clerk_a", STAFF_PASSWORD, start + timedelta(minutes=LOCK_MINUTES, seconds=5))
        assert user.username == "clerk_a"
    with services.sessions() as s:
        assert s.scalar(select(StaffUser).where(StaffUser.username == "clerk_a")).locked_until is None


def app_client(client):
    """Another browser on the same app."""
    return client.application.test_client()


def _flash(r) -> str:
    return re.search(r'class="flash[^"]*"[^>]*>([^<]+)<', r.get_data(as_text=True)).group(1)
