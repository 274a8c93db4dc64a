"""What the apply, booking and pickup screens share: the slip's status URL and its QR, codes in readable groups, and
the rule that only the visitor's own applications and appointments are shown in full."""
from __future__ import annotations

import base64
import io
import re
from datetime import date

import qrcode
from flask import current_app
from qrcode.constants import ERROR_CORRECT_M

from core.applications import find_by_pickup_code, normalise_pickup_code
from core.applications.rules import CODE_ALPHABET, CODE_LENGTH
from core.clock import WEEKDAY_NAMES, chinese_date
from core.errors import NotFound
from core.models import Application

from .. import services_of
from .visitor import current_visitor

# a scanned slip: …/s?code=<CODE> (the phone page), …/s/<CODE> or …/pickup/<CODE> (older slips)
_SCANNED = re.compile(r"(?:/pickup/|/s/|[?&]code=)([^/?#&\s]+)", re.IGNORECASE)


def status_url(code: str) -> str:
    """The address in the slip's QR: the phone's status page. The code rides in the query, which the access log
    leaves out (gunicorn.conf.py logs the path only); a kiosk's scanner types the URL into the pickup field."""
    return f"{services_of(current_app).settings.public_base_url.rstrip('/')}/s?code={code}"


def code_from_input(raw: str) -> str:
    """A pickup code from what was typed or scanned: the code itself, grouped or not, or a slip's QR URL."""
    raw = (raw or "").strip()
    m = _SCANNED.search(raw)
    return normalise_pickup_code(m.group(1) if m else raw)


def looks_like_code(code: str) -> bool:
    """Whether the code has the pickup code's length and alphabet (no need to ask the database otherwise)."""
    return len(code) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in code)


def find_by_code(s, code: str) -> Application | None:
    """The application with this (normalised) pickup code, or None (a code of the wrong shape is not looked up)."""
    if not looks_like_code(code):
        return None
    try:
        return find_by_pickup_code(s, code)
    except NotFound:
        return None


def code_groups(code: str, size: int = 5) -> list[str]:
    """ABCDE FGHJK: short groups are easier to read out and to type."""
    return [code[i:i + size] for i in range(0, len(code), size)]


def qr_data_uri(url: str) -> str:
    """The URL's QR code as an inline PNG (data: URI), so no second request carries the code."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(url)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def day_text(d: date) -> str:
    """2026年9月17日（星期四）"""
    return f"{chinese_date(d)}（{WEEKDAY_NAMES[d.weekday()]}）"


def visitor_citizen_id() -> int | None:
    """The identified visitor's citizen id, or None."""
    visitor = current_visitor()
    return visitor.citizen_id if visitor else None


def require_own(row, what: str):
    """The row if it belongs to the identified visitor; else NotFound (nobody learns that someone else's exists)."""
    if row is None or row.citizen_id != visitor_citizen_id():
        raise NotFound(f"没有找到这个{what}。")
    return row
