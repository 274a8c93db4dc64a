"""An appointment as an iCalendar file (RFC 5545) that phones and desktop calendars import.

The UID is stable (`appointment-<id>@<host of PUBLIC_BASE_URL>`), so importing the file again after a change
updates the entry instead of adding a second one; a cancelled visit is exported with STATUS:CANCELLED.
Times carry the archive's time zone (TZID plus a VTIMEZONE block).
"""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from icalendar import Alarm, Calendar, Event

from ..errors import PermissionDenied
from ..identity import mask_name
from ..models import Appointment, Citizen, ServiceCentre
from ..models._types import utcnow
from .access import code_matches
from .booking import load_appointment
from .slots import to_local, to_utc


def _host(public_base_url: str) -> str:
    return urlsplit(public_base_url).hostname or "lantai.local"


def appointment_calendar(appointment: Appointment, centre: ServiceCentre, citizen: Citizen, *, tz: str,
                         public_base_url: str) -> bytes:
    """The .ics bytes of one appointment."""
    cal = Calendar()
    cal.add("prodid", "-//Lantai 兰台//appointments//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    event = Event()
    event.add("uid", f"appointment-{appointment.id}@{_host(public_base_url)}")
    event.add("dtstamp", to_utc(appointment.updated_at or utcnow()))
    event.add("dtstart", to_local(appointment.starts_at, tz))
    event.add("dtend", to_local(appointment.ends_at, tz))
    event.add("summary", f"档案查询预约：{centre.name}")
    event.add("location", f"{centre.name}（{centre.address}）")
    if centre.latitude is not None and centre.longitude is not None:
        event.add("geo", (centre.latitude, centre.longitude))
    lines = [f"预约人：{mask_name(citizen.name)}（{citizen.id_masked}）", "请携带本人身份证原件按时到场；代办请带授权书等材料。"]
    if centre.phone:
        lines.append(f"服务中心电话：{centre.phone}")
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if appointment.status == "cancelled" else "CONFIRMED")
    if appointment.status == "booked":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"明天到{centre.name}办理查档")
        alarm.add("trigger", timedelta(days=-1))
        event.add_component(alarm)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def appointment_ics(services, appointment_id: int, *, code: str | None) -> bytes:
    """The .ics file of an appointment, for the holder of its cancel code (the file names the visitor)."""
    with services.sessions() as s:
        appointment = load_appointment(s, appointment_id)
        if not code_matches(services.vault, appointment.id, code):
            raise PermissionDenied("需要预约时给出的取消码才能下载日历文件。")
        centre = s.get(ServiceCentre, appointment.centre_id)
        citizen = s.get(Citizen, appointment.citizen_id)
        return appointment_calendar(appointment, centre, citizen, tz=services.settings.timezone,
                                    public_base_url=services.settings.public_base_url)
