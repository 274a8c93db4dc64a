"""The JSON API (stable: others script against it). Errors are {"error": {"code", "message"}} with a 4xx status.

One blueprint; each module adds the routes of one service.
"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from . import applications, appointments, certificates, dialogue, search  # noqa: E402,F401  (they register routes on bp)
