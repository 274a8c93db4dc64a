"""绑定手机: a one-time code for the identified visitor, shown as the QR of the bot's deep link.

Scanning it opens the bot with `start=bind_<code>`; from then on that Telegram chat gets the citizen's notices,
a clerk's answers to their questions and their certificates. The code works once, for ten minutes
(core/binding.py). It stays in the encrypted session only while it is valid, so a refresh shows the same QR,
and the idle wipe takes it with everything else.
"""
from __future__ import annotations

import time
from datetime import datetime, timezone

import qrcode
from flask import current_app, redirect, render_template, session, url_for
from markupsafe import Markup
from qrcode.constants import ERROR_CORRECT_M

from core.binding import CODE_TTL, create_binding_code, deep_link
from core.clock import as_local

from .. import services_of
from . import bp
from .visitor import current_visitor, visitor_required


def qr_svg(data: str) -> Markup:
    """The QR code of `data` as inline SVG: one path of dark modules, scaled by CSS without blurring."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4)
    code.add_data(data)
    code.make(fit=True)
    rows = code.get_matrix()
    path = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                path.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    n = len(rows)
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" shape-rendering="crispEdges" '
                  f'role="img" aria-label="绑定二维码"><rect width="{n}" height="{n}" fill="#fff"/>'
                  f'<path fill="#000" d="{"".join(path)}"/></svg>')


def grouped(code: str) -> str:
    """The code in groups of four, as people read it aloud: ABCD EFGH JKMN."""
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


def _code_for(citizen_id: int, fresh: bool = False) -> dict:
    held = session.get("bind")
    if not fresh and isinstance(held, dict) and held.get("citizen_id") == citizen_id \
            and held.get("expires", 0) > time.time() + 60:  # a minute left at least, to scan it calmly
        return held
    code = create_binding_code(services_of(current_app), citizen_id)
    session["bind"] = {"citizen_id": citizen_id, "code": code, "expires": int(time.time() + CODE_TTL.total_seconds())}
    return session["bind"]


@bp.get("/bind")
@visitor_required
def bind():
    """The QR to scan with Telegram, the code in readable groups, how long it is valid, and the steps."""
    settings = services_of(current_app).settings
    held = _code_for(current_visitor().citizen_id)
    until = as_local(datetime.fromtimestamp(held["expires"], timezone.utc), settings.timezone)
    link = deep_link(settings.bot_username, held["code"])
    return render_template("kiosk/bind.html", qr=qr_svg(link), code=grouped(held["code"]),
                           minutes=int(CODE_TTL.total_seconds() // 60), until=until.strftime("%H:%M"),
                           bot=settings.bot_username)


@bp.post("/bind")
@visitor_required
def bind_again():
    """A new code (the old one was used, or is about to expire)."""
    _code_for(current_visitor().citizen_id, fresh=True)
    return redirect(url_for("public.bind"))
