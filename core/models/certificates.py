"""Issued certificates (档案查询证明, 查无档案记录证明): what was signed, and whether it still stands."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column

from ..db import Base
from ._types import Timestamp

CERTIFICATE_KINDS = ("record", "no_record")


class Certificate(Base):
    __tablename__ = "certificate"
    __table_args__ = (
        CheckConstraint("kind IN ('record', 'no_record')", name="kind"),
        CheckConstraint("status IN ('valid', 'revoked')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    issue_date: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[Timestamp]
    issued_by: Mapped[str] = mapped_column(String(80))
    key_id: Mapped[str] = mapped_column(String(16))
    token: Mapped[str] = mapped_column(Text)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    record_refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    subject_masked: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(8), default="valid")
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    pdf: Mapped[bytes] = deferred(mapped_column(LargeBinary))
