"""The kiosk home: six large tiles, what the archive holds, and the centres' hours today."""
from __future__ import annotations

from flask import current_app, render_template
from sqlalchemy import func, select

from core.clock import WEEKDAY_NAMES, local_today
from core.models import Archive, Record, ServiceCentre
from core.models.places import WEEKDAYS
from core.vocabulary import ACCESS_OPEN

from .. import services_of
from . import bp
from .frame import shared


HOLDINGS_TTL = 60  # seconds; counting a million records costs 50–200 ms, and the figures change with imports only


def holdings(services) -> tuple[int, int]:
    """(records, open records) in the catalogue, counted at most once a minute per web worker."""
    def count():
        with services.sessions() as s:
            total = s.scalar(select(func.count(Record.id))) or 0
            return total, s.scalar(select(func.count(Record.id)).where(Record.access == ACCESS_OPEN)) or 0
    return shared("holdings", count, HOLDINGS_TTL)


def archive_and_centres(services, weekday: str) -> dict:
    """The archive's name and address, and each centre with today's hours (read once every 30 s)."""
    def read():
        with services.sessions() as s:
            archive = s.scalar(select(Archive).order_by(Archive.id).limit(1))
            centres = [(c.name, c.address, c.phone, c.hours_text(weekday))
                       for c in s.scalars(select(ServiceCentre).order_by(ServiceCentre.code))]
        return {"archive": archive.name if archive else "县档案馆",
                "archive_address": archive.address if archive else None,
                "archive_phone": archive.phone if archive else None, "centres": centres}
    return shared(f"home:{weekday}", read)


@bp.get("/")
def home():
    """Six large tiles, the archive's holdings, and the service centres' hours today."""
    services = services_of(current_app)
    today = local_today(services.settings.timezone)
    total, open_count = holdings(services)
    return render_template("kiosk/home.html", **archive_and_centres(services, WEEKDAYS[today.weekday()]),
                           total=total, open_count=open_count, weekday=WEEKDAY_NAMES[today.weekday()])


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
