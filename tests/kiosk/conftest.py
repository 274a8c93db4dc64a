import pytest

from kiosk import create_app


@pytest.fixture
def app(services, settings):
    app = create_app({"LANTAI_SETTINGS": settings, "TESTING": True})
    yield app
    app.extensions["lantai"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()
