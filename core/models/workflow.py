"""查档申请 and what follows from them: the audit chain and the notifications outbox."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, BigInteger, CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ._types import Timestamp
from .people import Citizen
from .places import ServiceCentre

CHANNELS = ("bot", "kiosk", "window")
STATUSES = ("submitted", "in_review", "needs_info", "approved", "issued", "delivered", "rejected", "withdrawn")
DELIVERIES = ("pickup", "electronic")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Application(Base):
    """A citizen's request for a certificate about one matter (category, subject, years)."""

    __tablename__ = "application"
    __table_args__ = (
        CheckConstraint(_in("channel", CHANNELS), name="channel"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("delivery", DELIVERIES), name="delivery"),
        Index("ix_application_status_due", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pickup_code: Mapped[str] = mapped_column(String(12), unique=True)
    channel: Mapped[str] = mapped_column(String(8))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    relation: Mapped[str] = mapped_column(String(16))  # a key of the eligibility rule table
    subject_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    category: Mapped[str] = mapped_column(String(32))
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str | None] = mapped_column(String(50))
    purpose: Mapped[str] = mapped_column(String(200))
    delivery: Mapped[str] = mapped_column(String(12))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("service_centre.id"))
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    reject_reason: Mapped[str | None] = mapped_column(Text)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)  # the bot chat that follows this application
    submitted_at: Mapped[Timestamp]
    updated_at: Mapped[Timestamp]
    due_date: Mapped[date] = mapped_column(Date)

    citizen: Mapped[Citizen] = relationship()
    centre: Mapped[ServiceCentre | None] = relationship()


class AuditEntry(Base):
    """One line of the append-only audit log; `hash` covers the line and the previous line's hash."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # assigned in chain order
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(80))  # "staff:wang", "citizen:12", "system"
    action: Mapped[str] = mapped_column(String(40))  # "application.transition", "certificate.revoke", "pii.view" …
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)


class OutboxMessage(Base):
    """A notification for an applicant, written in the transaction of the change it announces."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("event_key", name="uq_outbox_event_key"),  # one message per event, ever
        Index("ix_outbox_pending", "sent_at", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_key: Mapped[str] = mapped_column(String(80))
    channel: Mapped[str] = mapped_column(String(12))  # "telegram" …
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"))
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"))
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[Timestamp]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claim_token: Mapped[str | None] = mapped_column(String(40))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
