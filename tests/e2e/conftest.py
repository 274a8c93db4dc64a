"""Browser tests: the app served by gunicorn on loopback, Debian's chromium driven by Playwright.

Everything here is package-scoped: one seeded database, one server (and a second with a short idle limit, started
only for the idle tests), one browser. A fresh browser context per page fixture, so no cookie crosses tests.
Chromium is Debian's /usr/bin/chromium (`make test` installs it); never `playwright install`.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from core.bootstrap import bootstrap
from core.catalogue import import_catalogue
from core.models import Archive
from core.settings import Settings
from tests.conftest import ROOT, _empty_tables
from tests.core.appointment_factories import make_centre, make_staff
from tests.core.search_fixtures import ROWS, write_rows

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
KIOSK_VIEWPORT = {"width": 1080, "height": 1920}  # the portrait touch screen
PHONE_VIEWPORT = {"width": 360, "height": 640}
IDLE_SECONDS = 6  # the idle server's limit (the smallest allowed is 5); its warning then lasts 3 s
ARCHIVE = {"code": "LJDAG", "name": "临江县档案馆"}


@dataclass
class LiveServer:
    url: str
    settings: Settings
    process: subprocess.Popen
    log: Path

    def log_tail(self, chars: int = 4000) -> str:
        """The end of the server's log, for a failure message."""
        return self.log.read_text(errors="replace")[-chars:]


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(settings: Settings, folder: Path, *, idle_seconds: int | None = None, workers: int = 2) -> LiveServer:
    """gunicorn as the Procfile runs it, against the test database, on a free loopback port."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    home = folder / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANTAI_", "DATABASE_URL", "PUBLIC_BASE_URL"))}
    env.update(LANTAI_DATA_DIR=str(settings.data_dir), DATABASE_URL=settings.database_url, PYTHONPATH=str(ROOT),
               PORT=str(port), BIND_HOST="127.0.0.1", WEB_CONCURRENCY=str(workers), HOME=str(home),
               PUBLIC_BASE_URL=url, LANTAI_KIOSK_CENTRE="C01")  # QR codes then open this server
    if idle_seconds:
        env["LANTAI_KIOSK_IDLE_SECONDS"] = str(idle_seconds)
    log = folder / f"gunicorn-{port}.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "gunicorn", "kiosk:create_app()"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    server = LiveServer(url, settings, process, log)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_server(server)
            pytest.fail(f"gunicorn did not start on {url}:\n{server.log_tail()}", pytrace=False)
        time.sleep(0.2)


def stop_server(server: LiveServer) -> None:
    """Stop gunicorn (and its workers), killing it if it lingers."""
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def seed(settings: Settings, folder: Path) -> None:
    """An empty database, then: the archive, centres C01/C02, staff, the search test catalogue (indexed)."""
    services = bootstrap(settings)
    try:
        _empty_tables(services)
        with services.sessions.begin() as s:
            s.add(Archive(**ARCHIVE))
        make_centre(services, "C01")
        make_centre(services, "C02", name="沈家门便民服务中心C02", township="沈家门")
        make_staff(services, "clerk_a", "clerk", "C01")
        make_staff(services, "archivist", "archivist", None)
        report = import_catalogue(services.sessions, write_rows(folder / "catalogue.csv", ROWS))
        assert report.ok, report.problems
        services.search.store.rebuild(progress=False)
        with services.sessions() as s:
            assert s.scalar(select(Archive.name)) == ARCHIVE["name"]
    finally:
        services.dispose()


@pytest.fixture(scope="package")
def e2e_settings(migrated, tmp_path_factory) -> Settings:
    """Settings of the served app: a data directory of its own, the (migrated) test database, seeded."""
    folder = tmp_path_factory.mktemp("e2e")
    settings = Settings.from_env({}, data_dir=folder / "data", database_url=migrated)
    seed(settings, folder)
    return settings


@pytest.fixture(scope="package")
def live_server(e2e_settings, tmp_path_factory):
    """The app under gunicorn (2 workers, the normal 90 s idle limit), with PUBLIC_BASE_URL pointing at it."""
    server = start_server(e2e_settings, tmp_path_factory.mktemp("live"))
    yield server
    stop_server(server)


@pytest.fixture(scope="package")
def idle_server(e2e_settings, tmp_path_factory):
    """A second server on the same data with a 6 s idle limit, for the idle-wipe tests."""
    server = start_server(e2e_settings, tmp_path_factory.mktemp("idle"), idle_seconds=IDLE_SECONDS)
    yield server
    stop_server(server)


@pytest.fixture(scope="package")
def browser():
    """Debian's chromium under Playwright; a clear failure when it is not installed."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium. `make test` installs it "
                    "(or: apt-get install -y chromium).", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture
def new_page(browser, request):
    """Factory: new_page(server, kind="kiosk"|"staff"|"phone") → a page in a fresh context on that server.

    When the test fails, a screenshot of every page it opened goes to test-artifacts/failures/.
    """
    contexts = []

    def make(server: LiveServer, kind: str = "kiosk"):
        options = {"kiosk": dict(viewport=KIOSK_VIEWPORT, has_touch=True),
                   "staff": dict(viewport={"width": 1366, "height": 900}),
                   "phone": dict(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, device_scale_factor=2)}[kind]
        context = browser.new_context(base_url=server.url, locale="zh-CN", timezone_id="Asia/Shanghai", **options)
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.e2e_errors = []  # uncaught script errors: a test may assert there were none
        page.on("pageerror", lambda e: page.e2e_errors.append(str(e)))
        contexts.append((kind, context, page))
        return page

    yield make
    failed = getattr(request.node, "e2e_failed", False)
    for i, (kind, context, page) in enumerate(contexts):
        if failed and not page.is_closed():
            folder = ARTIFACTS / "failures"
            folder.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(folder / f"{request.node.name}-{i}-{kind}.png"), full_page=True)
            except Exception:  # a screenshot of a failure must not hide the failure
                pass
        context.close()
