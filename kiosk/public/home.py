"""The kiosk home: six large tiles, what the archive holds, and the centres' hours today."""
from __future__ import annotations

import time

from flask import current_app, render_template
from sqlalchemy import func, select

from core.clock import WEEKDAY_NAMES, local_today
from core.models import Archive, Record, ServiceCentre
from core.models.places import WEEKDAYS
from core.vocabulary import ACCESS_OPEN

from .. import services_of
from . import bp


HOLDINGS_TTL = 60  # seconds; counting a million records costs 50–200 ms, and the figures change with imports only


def holdings(services) -> tuple[int, int]:
    """(records, open records) in the catalogue, counted at most once a minute per web worker."""
    cache = current_app.extensions.setdefault("lantai.holdings", {})
    if cache.get("until", 0) < time.monotonic():
        with services.sessions() as s:
            total = s.scalar(select(func.count(Record.id))) or 0
            open_count = s.scalar(select(func.count(Record.id)).where(Record.access == ACCESS_OPEN)) or 0
        cache.update(until=time.monotonic() + HOLDINGS_TTL, value=(total, open_count))
    return cache["value"]


@bp.get("/")
def home():
    """Six large tiles, the archive's holdings, and the service centres' hours today."""
    services = services_of(current_app)
    today = local_today(services.settings.timezone)
    weekday = WEEKDAYS[today.weekday()]
    with services.sessions() as s:
        archive = s.scalar(select(Archive).order_by(Archive.id).limit(1))
        centres = [(c.name, c.address, c.phone, c.hours_text(weekday))
                   for c in s.scalars(select(ServiceCentre).order_by(ServiceCentre.code))]
    total, open_count = holdings(services)
    return render_template("kiosk/home.html", archive=archive.name if archive else "县档案馆",
                           archive_address=archive.address if archive else None,
                           archive_phone=archive.phone if archive else None,
                           total=total, open_count=open_count, centres=centres,
                           weekday=WEEKDAY_NAMES[today.weekday()])


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
