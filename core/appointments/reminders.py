"""Reminders the day before a visit, queued in the outbox once per visit and slot (the bot delivers them).

Which chat: the one following the visit's application, else the chat that booked the visit
(`core.binding.follow_appointment`), else the chat bound to the citizen (core.outbox.enqueue). Without any, the
row waits for a chat like every outbox row. A visit booked the day before or on the day itself gets no
reminder: the booking message has just said it all.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..models import Application, Appointment, OutboxMessage, ServiceCentre
from .slots import describe_slot, local_now_of, to_local

REMINDER_HOUR = 9  # reminders for tomorrow go out from 09:00 local time, not at midnight


def _chat_for(session, appointment: Appointment) -> int | None:
    """The chat following the visit's application, else the chat that booked it (a bound chat: see enqueue)."""
    if appointment.application_id:
        chat = session.scalar(select(Application.chat_id).where(Application.id == appointment.application_id))
        if chat:
            return chat
    return session.scalar(select(OutboxMessage.chat_id).where(
        OutboxMessage.event_key.like(f"appointment:{appointment.id}:%"), OutboxMessage.chat_id.is_not(None))
        .order_by(OutboxMessage.id.desc()).limit(1))


def reminder_text(centre: ServiceCentre, starts_at: datetime, ends_at: datetime) -> str:
    """明天 … 的提醒, in Chinese."""
    return (f"温馨提醒：您预约了明天 {describe_slot(starts_at, ends_at)} 到{centre.name}办理档案查询，"
            f"地址：{centre.address}。请带身份证原件按时到场；如不能前来，请发送 /cancel 取消预约，把名额留给他人。")


def enqueue_reminders(services, day: date) -> int:
    """Queue a reminder for every visit booked on `day`; returns how many were new (never one twice)."""
    from ..outbox import enqueue

    tz = services.settings.timezone
    zone = ZoneInfo(tz)
    booked_before = datetime.combine(day - timedelta(days=1), time.min, zone)
    added = 0
    with services.sessions.begin() as s:
        rows = s.execute(select(Appointment, ServiceCentre).join(ServiceCentre)
                         .where(Appointment.day == day, Appointment.status == "booked")
                         .order_by(Appointment.id)).all()
        for appointment, centre in rows:
            created = appointment.created_at
            if created is not None and to_local(created, tz) >= booked_before:
                continue
            start, end = to_local(appointment.starts_at, tz), to_local(appointment.ends_at, tz)
            row = enqueue(s, event_key=f"appointment:{appointment.id}:reminder:{start:%Y%m%d%H%M}",
                          kind="appointment.reminder", text=reminder_text(centre, start, end),
                          citizen_id=appointment.citizen_id, application_id=appointment.application_id,
                          chat_id=_chat_for(s, appointment),
                          payload={"appointment_id": appointment.id, "centre_id": centre.id,
                                   "starts_at": start.isoformat()})
            added += row is not None
    return added


def enqueue_due_reminders(services, now: datetime | None = None) -> int:
    """From REMINDER_HOUR on, queue the reminders for tomorrow's visits (safe to call as often as you like)."""
    now = local_now_of(services, now)
    if now.hour < REMINDER_HOUR:
        return 0
    return enqueue_reminders(services, now.date() + timedelta(days=1))
