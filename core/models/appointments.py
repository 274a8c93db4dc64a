"""Visits booked at a service centre; `slot_load` counts the seats taken per slot so booking never overbooks."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ._types import Timestamp
from .people import Citizen
from .places import ServiceCentre

APPOINTMENT_STATUSES = ("booked", "cancelled", "checked_in", "no_show")
ACTIVE = "status IN ('booked', 'checked_in')"


class Appointment(Base):
    __tablename__ = "appointment"
    __table_args__ = (
        CheckConstraint("status IN ('booked', 'cancelled', 'checked_in', 'no_show')", name="status"),
        # one active booking per citizen per centre per day
        Index("uq_appointment_active_day", "citizen_id", "centre_id", "day", unique=True,
              sqlite_where=text(ACTIVE), postgresql_where=text(ACTIVE)),
        Index("ix_appointment_centre_day", "centre_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("service_centre.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"))
    day: Mapped[date] = mapped_column(Date)  # local date of starts_at, for the one-a-day rule
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), default="booked")
    channel: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[Timestamp]
    updated_at: Mapped[Timestamp]

    centre: Mapped[ServiceCentre] = relationship()
    citizen: Mapped[Citizen] = relationship()


class SlotLoad(Base):
    """Seats taken in one slot; a booking takes a seat with a conditional UPDATE (booked < capacity)."""

    __tablename__ = "slot_load"
    __table_args__ = (CheckConstraint("booked >= 0", name="booked"),)

    centre_id: Mapped[int] = mapped_column(ForeignKey("service_centre.id"), primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    booked: Mapped[int] = mapped_column(Integer, default=0)
