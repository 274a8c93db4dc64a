"""Helpers for kiosk flow tests: an identified visitor without going through the ID-card screen, and QR reading."""
from __future__ import annotations

import base64
import io
import re
import time
from dataclasses import asdict

import zxingcpp
from PIL import Image

from core.citizens import identify_citizen
from core.identity import mask_name
from kiosk.public.visitor import Visitor
from tests.core.appointment_factories import id_number


def identify_as(client, services, i: int = 1, name: str = "张伟") -> int:
    """Make `client` the kiosk session of citizen number i (registered on first use), as remember_visitor does."""
    with services.sessions.begin() as s:
        citizen = identify_citizen(s, services.vault, name=name, id_number=id_number(i))
        visitor = Visitor(citizen_id=citizen.id, name_masked=mask_name(citizen.name), id_masked=citizen.id_masked)
    with client.session_transaction() as session:
        session["visitor"] = asdict(visitor)
        session["seen"] = int(time.time())
    return visitor.citizen_id


def decode_qr(png: bytes) -> list[str]:
    """The texts of the QR codes in a PNG picture."""
    return [b.text for b in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


def inline_png(html: str, css_class: str) -> bytes:
    """The PNG of the data: URI image with this class on the page."""
    m = re.search(rf'<img class="{css_class}" src="data:image/png;base64,([^"]+)"', html)
    assert m, f"no inline {css_class} image on the page"
    return base64.b64decode(m.group(1))
