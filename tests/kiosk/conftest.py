import re

import pytest

from kiosk import create_app
from tests.core.appointment_factories import make_centre, make_staff

STAFF_PASSWORD = "correct-horse-battery"  # what make_staff gives every account


@pytest.fixture
def app(services, settings):
    app = create_app({"LANTAI_SETTINGS": settings, "TESTING": True})
    yield app
    app.extensions["lantai"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_of(html: str) -> str:
    """The CSRF token a rendered page carries (forms, or the kiosk frame's data-csrf)."""
    m = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(r'data-csrf="([^"]+)"', html)
    assert m, "the page carries no CSRF token"
    return m.group(1)


def post_form(client, page: str, data: dict | None = None, *, to: str | None = None, **kwargs):
    """Open `page` as a browser would, then post `data` with its CSRF token to `to` (default: the same URL)."""
    html = client.get(page).get_data(as_text=True)
    return client.post(to or page, data={**(data or {}), "csrf_token": csrf_of(html)}, **kwargs)


def login(client, username: str, password: str = STAFF_PASSWORD):
    """Sign a staff account in through the login form."""
    return post_form(client, "/staff/login", {"username": username, "password": password})


@pytest.fixture
def two_centres(services):
    """Centres C01 (城关镇) and C02 (沈家门), each with a clerk (clerk_a, clerk_b); plus an archivist and an admin."""
    a = make_centre(services, "C01")
    b = make_centre(services, "C02", name="沈家门便民服务中心C02", township="沈家门")
    make_staff(services, "clerk_a", "clerk", "C01")
    make_staff(services, "clerk_b", "clerk", "C02")
    make_staff(services, "archivist", "archivist", None)
    make_staff(services, "admin", "admin", None)
    return a, b
