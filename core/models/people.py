"""Citizens (identified by a keyed hash of their ID number) and staff accounts."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ._types import Timestamp
from .places import ServiceCentre

STAFF_ROLES = ("clerk", "archivist", "admin")


class Citizen(Base):
    """A person known by their ID number, which is never stored in clear.

    `id_hash` (HMAC-SHA256 under the deployment's identity key) finds the person again;
    `id_cipher` (Fernet) lets authorised staff read the full number; `id_masked` is what screens show.
    """

    __tablename__ = "citizen"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    id_cipher: Mapped[str] = mapped_column(Text)
    id_masked: Mapped[str] = mapped_column(String(24))
    name: Mapped[str] = mapped_column(String(64))
    phone_cipher: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[Timestamp]


class StaffUser(Base):
    __tablename__ = "staff_user"
    __table_args__ = (CheckConstraint("role IN ('clerk', 'archivist', 'admin')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("service_centre.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[Timestamp]
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # consecutive
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    centre: Mapped[ServiceCentre | None] = relationship()
