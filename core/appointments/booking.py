"""Book, move and cancel visits. A booking never overbooks a slot (seats.py says how, on SQLite and PostgreSQL)."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..citizens import identify_citizen
from ..errors import Conflict, InvalidInput, NotFound
from ..models import Application, Appointment, Citizen, ServiceCentre
from ..models._types import utcnow
from ..models.workflow import CHANNELS
from .access import authorise
from .notices import notify
from .seats import free_seat, take_seat, write_transaction
from .slots import (BOOKING_DAYS, check_bookable_day, describe_slot, get_centre, local_now_of, md, next_free_slot,
                    opening_spans, row_id, slot_times, to_local, to_utc)

_PHONE = re.compile(r"\+?\d{7,15}")


def parse_local_time(value, tz: str) -> datetime:
    """A slot start from an ISO string or datetime; without an offset it is the archive's local time."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput("预约时间应写成 2026-10-09T09:00 这样的格式。") from None
    if not isinstance(value, datetime):
        raise InvalidInput("请给出预约时间（starts_at）。")
    zone = ZoneInfo(tz)
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _slot_of(services, centre: ServiceCentre, starts_at: datetime, now: datetime) -> tuple[datetime, datetime]:
    """The (start, end) of the centre's slot that starts at `starts_at`, if it is one and still bookable."""
    tz, day = services.settings.timezone, starts_at.date()
    check_bookable_day(day, now.date())
    schedule = opening_spans(centre, day, services.calendar)
    if schedule.closed:
        raise InvalidInput(schedule.reason)
    for start, end in slot_times(centre, day, services.calendar, tz):
        if start == starts_at:
            if start <= now:
                raise InvalidInput(f"{describe_slot(start, end)} 已经开始或已过，请选择以后的时段。")
            return start, end
    raise InvalidInput(f"{md(day)}{starts_at:%H:%M} 不是{centre.name}的预约时段，请先查询可预约的时段。")


def _full(session: Session, services, centre: ServiceCentre, start: datetime, end: datetime, now: datetime):
    nxt = next_free_slot(session, centre, start, services.calendar, services.settings.timezone, now)
    hint = (f"最近还有空位的时段是 {describe_slot(nxt.starts_at, nxt.ends_at)}，请改选。" if nxt
            else f"{BOOKING_DAYS}天内已没有空位，请致电{centre.name}。")
    return Conflict(f"{describe_slot(start, end)} 已约满。{hint}", code="slot_full")


class AlreadyBooked(Conflict):
    """A second visit to one centre on one day; says which visit the citizen has, so a screen can offer to move it."""

    def __init__(self, fact: str, *, appointment_id: int, when: str, movable: bool):
        super().__init__(f"{fact}；如需换时间，请改约。", code="already_booked")
        self.fact, self.appointment_id, self.when, self.movable = fact, appointment_id, when, movable


def _already_booked(session: Session, citizen_id: int, centre: ServiceCentre, day: date, tz: str,
                    exclude: int | None = None) -> AlreadyBooked | None:
    query = select(Appointment).where(Appointment.citizen_id == citizen_id, Appointment.centre_id == centre.id,
                                      Appointment.day == day, Appointment.status.in_(("booked", "checked_in")))
    other = session.scalar(query.where(Appointment.id != exclude) if exclude else query)
    if other is None:
        return None
    when = describe_slot(to_local(other.starts_at, tz), to_local(other.ends_at, tz))
    return AlreadyBooked(f"您已预约{centre.name} {when}，同一服务中心每人每天只能预约一次", appointment_id=other.id,
                         when=when, movable=other.status == "booked")


def _citizen(session: Session, services, citizen: Citizen | None, applicant: dict | None) -> Citizen:
    if citizen is not None:
        person = session.get(Citizen, citizen.id)
        if person is None:
            raise NotFound("没有这位市民的记录。")
        return person
    if not isinstance(applicant, dict):
        raise InvalidInput("请填写预约人信息：姓名、身份证号码和手机号码。")
    if not all(isinstance(applicant.get(k) or "", str | int) for k in ("name", "id_number", "phone")):
        raise InvalidInput("预约人的姓名、身份证号码和手机号码应为文字。")
    phone = str(applicant.get("phone") or "").replace(" ", "").replace("-", "")
    if phone and not _PHONE.fullmatch(phone):
        raise InvalidInput("手机号码格式不正确，请核对。")
    return identify_citizen(session, services.vault, name=str(applicant.get("name") or ""),
                            id_number=str(applicant.get("id_number") or ""), phone=phone or None)


def book_appointment(services, *, centre_id: int, starts_at, citizen: Citizen | None = None,
                     applicant: dict | None = None, channel: str, application_id: int | None = None,
                     now: datetime | None = None) -> Appointment:
    """Book one seat in a centre's slot for a citizen (or an applicant {name, id_number, phone})."""
    if centre_id is None or centre_id == "":
        raise InvalidInput("请选择服务中心（centre_id）。")
    if channel not in CHANNELS:
        raise InvalidInput(f"渠道（channel）应为 {' / '.join(CHANNELS)} 之一。")
    tz = services.settings.timezone
    now = local_now_of(services, now)
    starts_at = parse_local_time(starts_at, tz)
    with write_transaction(services) as s:
        centre = get_centre(s, centre_id)
        start, end = _slot_of(services, centre, starts_at, now)
        person = _citizen(s, services, citizen, applicant)
        if application_id is not None:
            application = s.get(Application, row_id(application_id)) if row_id(application_id) else None
            if application is None or application.citizen_id != person.id:
                raise InvalidInput("申请编号不存在，或不是预约人本人的申请。")
        if clash := _already_booked(s, person.id, centre, start.date(), tz):
            raise clash
        if not take_seat(s, centre.id, start, centre.slot_capacity):
            raise _full(s, services, centre, start, end, now)
        appointment = Appointment(centre_id=centre.id, citizen_id=person.id, day=start.date(), starts_at=to_utc(start),
                                  ends_at=to_utc(end), status="booked", channel=channel,
                                  application_id=row_id(application_id))
        s.add(appointment)
        try:
            s.flush()
        except IntegrityError:  # the same person booking the same day in a parallel request
            raise Conflict("您当天在该服务中心已有预约，同一服务中心每人每天只能预约一次。", code="already_booked") from None
        notify(s, appointment, centre, "booked", tz)
        appointment.centre, appointment.citizen = centre, person
    return appointment


def load_appointment(session: Session, appointment_id) -> Appointment:
    appointment = session.get(Appointment, row_id(appointment_id)) if row_id(appointment_id) else None
    if appointment is None:
        raise NotFound("没有这个预约。")
    return appointment


def _changeable(appointment: Appointment, now: datetime, tz: str, verb: str) -> None:
    if appointment.status != "booked":
        state = {"cancelled": "已取消", "checked_in": "已签到", "no_show": "已记为爽约"}[appointment.status]
        raise Conflict(f"该预约{state}，不能再{verb}。", code="not_booked")
    if to_local(appointment.starts_at, tz) <= now:
        raise Conflict(f"预约时段已经开始，不能再{verb}。", code="started")


def claim_booked(session: Session, appointment: Appointment, **values) -> None:
    """Change the appointment only if it is still booked at the time read (concurrent changes lose)."""
    result = session.execute(update(Appointment).where(
        Appointment.id == appointment.id, Appointment.status == "booked",
        Appointment.starts_at == appointment.starts_at).values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session="fetch"))
    if result.rowcount != 1:
        raise Conflict("该预约刚刚被改过，请刷新后再试。", code="changed")


def cancel_appointment(services, appointment_id: int, *, code: str | None = None, id_number: str | None = None,
                       staff: str | None = None, now: datetime | None = None) -> Appointment:
    """Cancel a booked visit and give its seat back (booker with cancel code or ID number, or staff)."""
    tz, now = services.settings.timezone, local_now_of(services, now)
    with write_transaction(services) as s:
        appointment = load_appointment(s, appointment_id)
        actor = authorise(s, services.vault, appointment, code=code, id_number=id_number, staff=staff)
        _changeable(appointment, now, tz, "取消")
        claim_booked(s, appointment, status="cancelled")
        free_seat(s, appointment.centre_id, appointment.starts_at)
        centre = s.get(ServiceCentre, appointment.centre_id)
        notify(s, appointment, centre, "cancelled", tz)
        _audit_staff(s, actor, "appointment.cancel", appointment)
        appointment.centre = centre
    return appointment


def reschedule_appointment(services, appointment_id: int, *, starts_at, code: str | None = None,
                           id_number: str | None = None, staff: str | None = None,
                           now: datetime | None = None) -> Appointment:
    """Move a booked visit to another slot of the same centre: the new seat is taken and the old one freed at once."""
    tz, now = services.settings.timezone, local_now_of(services, now)
    new_start = parse_local_time(starts_at, tz)
    with write_transaction(services) as s:
        appointment = load_appointment(s, appointment_id)
        actor = authorise(s, services.vault, appointment, code=code, id_number=id_number, staff=staff)
        _changeable(appointment, now, tz, "改约")
        centre = s.get(ServiceCentre, appointment.centre_id)
        start, end = _slot_of(services, centre, new_start, now)
        old_start = to_local(appointment.starts_at, tz)
        if start == old_start:
            raise InvalidInput("新时段与原预约时段相同。")
        if clash := _already_booked(s, appointment.citizen_id, centre, start.date(), tz, exclude=appointment.id):
            raise clash
        if not take_seat(s, centre.id, start, centre.slot_capacity):
            raise _full(s, services, centre, start, end, now)
        try:
            claim_booked(s, appointment, starts_at=to_utc(start), ends_at=to_utc(end), day=start.date())
        except IntegrityError:
            raise Conflict("您当天在该服务中心已有预约，同一服务中心每人每天只能预约一次。", code="already_booked") from None
        free_seat(s, centre.id, old_start)
        # each move is its own event, also A→B→A→B (a key made of the two times would drop the third notice)
        notify(s, appointment, centre, "moved", tz, event=f"moved:{datetime.now(timezone.utc):%Y%m%d%H%M%S%f}")
        _audit_staff(s, actor, "appointment.reschedule", appointment, {"from": old_start.isoformat()})
        appointment.centre = centre
    return appointment


def _audit_staff(session: Session, actor: str, action: str, appointment: Appointment, data: dict | None = None) -> None:
    """Staff actions go to the audit log; a citizen's own changes do not."""
    if actor.startswith("staff:"):
        from ..audit import append
        append(session, actor=actor, action=action, entity="appointment", entity_id=appointment.id,
               data={"status": appointment.status, **(data or {})})
