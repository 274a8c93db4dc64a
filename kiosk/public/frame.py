"""What every kiosk page shows around its content: the centre this kiosk stands in, the visitor, the idle timer."""
from __future__ import annotations

from flask import current_app, g, session
from sqlalchemy import select

from core.models import Archive, ServiceCentre

from .. import services_of
from . import bp
from .visitor import current_visitor, idle_limit, warning_seconds


def kiosk_centre() -> tuple[int, str] | None:
    """(id, name) of the centre this kiosk stands in: LANTAI_KIOSK_CENTRE, else the first centre; None if none."""
    if "kiosk_centre" not in g:
        code = services_of(current_app).settings.kiosk_centre
        with services_of(current_app).sessions() as s:
            q = select(ServiceCentre.id, ServiceCentre.name)
            row = s.execute(q.where(ServiceCentre.code == code) if code else q.order_by(ServiceCentre.code).limit(1)).first()
        g.kiosk_centre = tuple(row) if row else None
    return g.kiosk_centre


def archive_name() -> str:
    """The archive's name for headers ("县档案馆" before one is configured)."""
    with services_of(current_app).sessions() as s:
        return s.scalar(select(Archive.name).order_by(Archive.id).limit(1)) or "县档案馆"


#: Session keys that say nothing about the visitor (the frame offers 结束办理 once anything else is there).
_HOUSEKEEPING = frozenset({"csrf_token", "seen", "_flashes", "_fresh"})


@bp.context_processor
def _frame() -> dict:
    centre = kiosk_centre()
    return {"visitor": current_visitor(), "kiosk_idle_seconds": idle_limit(), "kiosk_warning_seconds": warning_seconds(),
            "kiosk_centre_name": centre[1] if centre else None, "archive_name": archive_name(),
            "kiosk_in_use": bool(set(session) - _HOUSEKEEPING)}
