"""Conversations that reach people: questions handed off to staff, and Telegram chats bound to a verified citizen."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ._types import Timestamp


class Handoff(Base):
    """A citizen's question the dialogue engine could not answer, with the conversation, for the staff queue."""

    __tablename__ = "handoff"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'answered', 'closed')", name="status"),
        Index("ix_handoff_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(8))  # bot / kiosk / web
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("service_centre.id"))
    question: Mapped[str] = mapped_column(Text)
    transcript: Mapped[list[dict]] = mapped_column(JSON, default=list)  # [{"from": "citizen"|"bot", "text", "at"}]
    status: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[Timestamp]
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_by: Mapped[str | None] = mapped_column(String(80))
    answer: Mapped[str | None] = mapped_column(Text)


class ChatBinding(Base):
    """A Telegram chat bound to the citizen who verified their identity at a kiosk or window."""

    __tablename__ = "chat_binding"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    bound_at: Mapped[Timestamp]
    language: Mapped[str | None] = mapped_column(String(8))


class BindingCode(Base):
    """A one-time code (kiosk QR → bot deep link `start=bind_<code>`); only its hash is stored."""

    __tablename__ = "binding_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    created_at: Mapped[Timestamp]
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
