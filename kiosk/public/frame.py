"""What every kiosk page shows around its content: the centre this kiosk stands in, the visitor, the idle timer."""
from __future__ import annotations

import time
from typing import Callable, TypeVar

from flask import current_app, session
from sqlalchemy import select

from core.models import Archive, ServiceCentre

from .. import services_of
from . import bp
from .visitor import ALIVE_EVERY, GUARD_KEYS, current_visitor, idle_limit, warning_seconds


T = TypeVar("T")
SHARED_TTL = 30  # seconds: what every visitor sees alike (archive, centres, holdings) is read at most this often


def shared(name: str, build: Callable[[], T], ttl: float = SHARED_TTL) -> T:
    """A value every visitor sees alike, kept for `ttl` seconds per web worker (each kiosk page needs several)."""
    cache = current_app.extensions.setdefault("lantai.shared", {})
    until, value = cache.get(name, (0.0, None))
    if until < time.monotonic():
        value = build()
        cache[name] = (time.monotonic() + ttl, value)
    return value


def kiosk_centre() -> tuple[int, str] | None:
    """(id, name) of the centre this kiosk stands in: LANTAI_KIOSK_CENTRE, else the first centre; None if none."""
    def read():
        code = services_of(current_app).settings.kiosk_centre
        with services_of(current_app).sessions() as s:
            q = select(ServiceCentre.id, ServiceCentre.name)
            row = s.execute(q.where(ServiceCentre.code == code) if code else q.order_by(ServiceCentre.code).limit(1)).first()
        return tuple(row) if row else None
    return shared("kiosk_centre", read)


def archive_name() -> str:
    """The archive's name for headers ("县档案馆" before one is configured)."""
    def read():
        with services_of(current_app).sessions() as s:
            return s.scalar(select(Archive.name).order_by(Archive.id).limit(1)) or "县档案馆"
    return shared("archive_name", read)


#: Session keys that say nothing about the visitor (the frame offers 结束办理 once anything else is there).
_HOUSEKEEPING = frozenset({"csrf_token", "seen", "_flashes", "_fresh", *GUARD_KEYS})


@bp.context_processor
def _frame() -> dict:
    centre = kiosk_centre()
    return {"visitor": current_visitor(), "kiosk_idle_seconds": idle_limit(), "kiosk_warning_seconds": warning_seconds(),
            "kiosk_alive_every": ALIVE_EVERY,
            "kiosk_centre_name": centre[1] if centre else None, "archive_name": archive_name(),
            "kiosk_in_use": bool(set(session) - _HOUSEKEEPING)}
