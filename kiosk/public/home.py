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


@bp.get("/")
def home():
    services = services_of(current_app)
    today = local_today(services.settings.timezone)
    weekday = WEEKDAYS[today.weekday()]
    with services.sessions() as s:
        archive = s.scalar(select(Archive).order_by(Archive.id).limit(1))
        total = s.scalar(select(func.count(Record.id))) or 0
        open_count = s.scalar(select(func.count(Record.id)).where(Record.access == ACCESS_OPEN)) or 0
        centres = [(c.name, c.address, c.phone, c.hours_text(weekday))
                   for c in s.scalars(select(ServiceCentre).order_by(ServiceCentre.code))]
    return render_template("kiosk/home.html", archive=archive.name if archive else "县档案馆",
                           archive_address=archive.address if archive else None,
                           archive_phone=archive.phone if archive else None,
                           total=total, open_count=open_count, centres=centres,
                           weekday=WEEKDAY_NAMES[today.weekday()])


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
