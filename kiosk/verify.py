"""The page a certificate's QR opens: /v/<token> (the QR itself carries the upper-case /V/<token>)."""
from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint, current_app, render_template

from core.certificates import KIND_NAMES, verify_online
from core.clock import chinese_date

from . import services_of

bp = Blueprint("verify", __name__)


def verdict_page(body: dict, tone: str) -> str:
    """The page for a verdict: `tone` valid (green), invalid (red: 证明无效) or unknown (grey: 无法确认)."""
    issued = body.get("issue_date")
    revoked = body.get("revoked_at")
    return render_template("verify.html", v=body, kind_name=KIND_NAMES.get(body.get("kind"), ""), tone=tone,
                           issue_date=chinese_date(date.fromisoformat(issued)) if issued else "",
                           revoked_on=chinese_date(datetime.fromisoformat(revoked)) if revoked else "")


@bp.get("/v/<token>")
@bp.get("/V/<token>")
def page(token: str):
    """Show whether the certificate is genuine and current, and what it certifies (names masked)."""
    verdict, body = verify_online(services_of(current_app), token)
    return verdict_page(body, verdict.tone)
