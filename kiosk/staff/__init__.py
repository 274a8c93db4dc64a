"""The staff console at /staff (blueprint `staff`): window clerks, archivists and administrators.

Flask-Login sessions over core's Argon2 staff accounts; every form carries a CSRF token (Flask-WTF's CSRFProtect
covers the whole app but the JSON API). Clerks see their own centre only: an item of another centre is a 404.
Modules, one screen each: auth (login), queue, detail (one application), certificates, visits (calendar),
imports, stats, handoffs, audit.
"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/staff")

from . import auth, menu, visits, imports, stats, handoffs  # noqa: E402,F401  (modules register routes on bp)
from . import queue, detail, certificates, citizen, audit_log  # noqa: E402,F401
