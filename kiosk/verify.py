"""The page a certificate's QR opens: /v/<token> (the QR itself carries the upper-case /V/<token>).

A stand-alone page, not the kiosk frame: it is read on the phone of whoever scanned the QR (no idle timer, no
kiosk chrome). Its headline is one word: 有效 (green), 已撤销 or 无效 (red), 无法确认 (grey).
"""
from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint, current_app, render_template

from core.certificates import KIND_NAMES, verify_online
from core.clock import chinese_date

from . import services_of

bp = Blueprint("verify", __name__)

# verdict key → headline word; the key is the tone, except that a revocation gets its own word
HEADLINES = {"valid": "有效", "revoked": "已撤销", "invalid": "无效", "unknown": "无法确认"}


def verdict_page(body: dict, tone: str) -> str:
    """The page for a verdict: `tone` valid (green), invalid (red: 已撤销 or 无效) or unknown (grey: 无法确认)."""
    issued = body.get("issue_date")
    revoked = body.get("revoked_at")
    key = "revoked" if body.get("reason") == "revoked" else tone
    return render_template("verify.html", v=body, kind_name=KIND_NAMES.get(body.get("kind"), ""), tone=tone,
                           verdict=key, headline=HEADLINES[key],
                           issue_date=chinese_date(date.fromisoformat(issued)) if issued else "",
                           revoked_on=chinese_date(datetime.fromisoformat(revoked)) if revoked else "")


@bp.get("/v/<token>")
@bp.get("/V/<token>")
def page(token: str):
    """Show whether the certificate is genuine and current, and what it certifies (names masked)."""
    verdict, body = verify_online(services_of(current_app), token)
    return verdict_page(body, verdict.tone)
