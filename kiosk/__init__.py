"""The web app: touch-screen kiosk, (later) staff console, verify page and JSON API."""
from __future__ import annotations

import logging
import secrets
from pathlib import Path

from flask import Flask, render_template

from core.bootstrap import Services, bootstrap
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
            with open(path, "x") as f:
                f.write(secrets.token_urlsafe(48))
        except FileExistsError:
            pass  # another worker won the race
    return path.read_text().strip()


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
    app.config.update(SECRET_KEY=_secret_key(settings), JSON_AS_ASCII=False, MAX_CONTENT_LENGTH=64 * 1024 * 1024)
    app.config.update(test_config)
    app.json.ensure_ascii = False
    app.extensions["lantai"] = bootstrap(settings)

    from . import api, errors, public
    app.register_blueprint(public.bp)
    app.register_blueprint(api.bp)
    errors.init_app(app)
    return app
