"""Where the service centres are: the nearest ones to a shared location, and what each is doing today."""
from __future__ import annotations

import math
from datetime import date

from sqlalchemy import select

from .appointments.slots import opening_spans
from .errors import InvalidInput
from .models import ServiceCentre
from .workdays import WorkCalendar

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def nearest_centres(services, lat: float, lon: float, k: int = 3) -> list[tuple[ServiceCentre, float]]:
    """The k centres nearest to (lat, lon), nearest first, each with its distance in km."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidInput("位置坐标不正确，请重新发送位置。")
    with services.sessions() as s:
        centres = list(s.scalars(select(ServiceCentre)))  # a county has a handful; sorting in Python is simplest
    ranked = sorted(((c, distance_km(lat, lon, c.latitude, c.longitude)) for c in centres), key=lambda p: p[1])
    return ranked[:k]


def hours_on(centre: ServiceCentre, day: date, calendar: WorkCalendar) -> str:
    """The centre's hours on that day (holidays, 调休 and closed days counted), or why it is closed."""
    schedule = opening_spans(centre, day, calendar)
    if schedule.closed == "holiday":
        return "休息（法定节假日）"
    if schedule.closed == "closed":
        return "闭馆"
    if schedule.closed:
        return "休息"
    return "、".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in schedule.spans)
