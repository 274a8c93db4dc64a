"""The page a certificate's QR opens: /v/<token> (the QR itself carries the upper-case /V/<token>)."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template

from core.certificates import KIND_NAMES, verify_online

from . import services_of

bp = Blueprint("verify", __name__)


@bp.get("/v/<token>")
@bp.get("/V/<token>")
def page(token: str):
    """Show whether the certificate is genuine and current, and what it certifies (names masked)."""
    verdict, body = verify_online(services_of(current_app), token)
    return render_template("verify.html", v=body, kind_name=KIND_NAMES.get(body.get("kind"), ""),
                           shape=verdict.status)
