"""The touch-screen kiosk (blueprint `public`): Chinese pages for a portrait 1080×1920 screen, used without a keyboard.

Modules, one flow each: home (tiles), visitor (the identified visitor and the idle wipe), identify (ID card),
search, guide (办事指南), chat, bind (QR for the bot), apply, book, pickup. Pages are rendered on the server;
kiosk.js only adds the on-screen keypad and the idle timer. Nothing personal is kept in the browser: the session
cookie is encrypted and wiped after the idle limit, and every page is sent with `Cache-Control: no-store`.
"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("public", __name__)

from . import frame, home, visitor, identify, search, guide, chat, bind, apply, book, pickup, phone  # noqa: E402,F401  (they register routes on bp)
