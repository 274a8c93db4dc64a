"""What the applicant is told when their visit is booked, moved or cancelled (an outbox row in the same transaction)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import Application, Appointment, ServiceCentre
from .slots import describe_slot, to_local


def notify(session: Session, appointment: Appointment, centre: ServiceCentre, kind: str, tz: str, *,
           event: str | None = None) -> None:
    """Queue the notice of a booking change (kind: booked / moved / cancelled) for the applicant."""
    from ..outbox import enqueue  # Helper A's outbox; imported here so the package loads without it

    when = describe_slot(to_local(appointment.starts_at, tz), to_local(appointment.ends_at, tz))
    texts = {
        "booked": f"预约成功：{centre.name}，{when}。地址：{centre.address}。请带身份证原件按时到场。",
        "moved": f"您的预约已改到 {when}（{centre.name}，{centre.address}）。",
        "cancelled": f"您在{centre.name} {when} 的预约已取消。",
    }
    chat_id = None
    if appointment.application_id:
        application = session.get(Application, appointment.application_id)
        chat_id = application.chat_id if application else None
    enqueue(session, event_key=f"appointment:{appointment.id}:{event or kind}", kind=f"appointment.{kind}",
            text=texts[kind], citizen_id=appointment.citizen_id, application_id=appointment.application_id,
            chat_id=chat_id, payload={"appointment_id": appointment.id, "centre_id": centre.id,
                                      "starts_at": to_local(appointment.starts_at, tz).isoformat()})
