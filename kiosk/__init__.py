"""The web app: touch-screen kiosk (`public`), staff console (`staff`, /staff), verify page and JSON API (`api`)."""
from __future__ import annotations

import logging
import os
import secrets
import threading
from pathlib import Path

from flask import Flask, request
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.exc import DBAPIError

from core.bootstrap import Services, bootstrap
from core.deployment import check_identity_key
from core.logs import configure_logging
from core.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("lantai.web")


def _secret_key(settings: Settings) -> str:
    """SECRET_KEY from the environment, else one kept in the data directory so every worker shares it."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.keys_dir / "flask-secret.key"
    if not path.exists():
        settings.keys_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(48))
        except FileExistsError:
            pass  # another worker won the race
    return path.read_text().strip()


def _check_database(services: Services) -> None:
    """Refuse to serve with another identity key than the database's; warn when it is not migrated yet."""
    try:
        check_identity_key(services.sessions, services.vault)
    except DBAPIError:
        log.warning("database is not initialised yet: run `python -m core init` (make run does it)")


def services_of(app: Flask) -> Services:
    """The core services this app was built with."""
    return app.extensions["lantai"]


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Flask app; test_config may carry `LANTAI_SETTINGS` (a core Settings) and Flask options."""
    test_config = dict(test_config or {})
    settings = test_config.pop("LANTAI_SETTINGS", None) or Settings.from_env()
    if not logging.getLogger().handlers:
        configure_logging()
    app = Flask(__name__, template_folder=str(ROOT / "templates"), static_folder="static")
    app.config.update(SECRET_KEY=_secret_key(settings), JSON_AS_ASCII=False, MAX_CONTENT_LENGTH=64 * 1024 * 1024,
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=settings.public_base_url.startswith("https://"),
                      WTF_CSRF_TIME_LIMIT=None)  # the token lives as long as the session; idle wipe ends both
    app.config.update(test_config)
    app.json.ensure_ascii = False
    services = app.extensions["lantai"] = bootstrap(settings)
    _check_database(services)
    if not app.config.get("TESTING"):
        threading.Thread(target=services.search.warm_up, name="search-warm-up", daemon=True).start()

    from . import api, errors, public, staff, verify
    from .cookies import EncryptedSessionInterface
    from .staff.auth import login_manager

    app.session_interface = EncryptedSessionInterface()
    csrf = CSRFProtect(app)
    csrf.exempt(api.bp)  # the JSON API takes no cookies' word for anything: it is not a browser form
    login_manager.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(verify.bp)
    errors.init_app(app)
    app.after_request(_no_store)
    return app


def _no_store(response):
    """Pages may show personal data: no browser or proxy keeps a copy (the kiosk's Back button shows nothing)."""
    if response.mimetype == "text/html" and not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response
