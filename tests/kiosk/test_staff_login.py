"""Signing in to the staff console: wrong passwords, CSRF, where a signed-in clerk lands, signing out."""
from tests.kiosk.conftest import csrf_of, login


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
