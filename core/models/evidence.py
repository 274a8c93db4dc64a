"""The catalogue records staff attach to an application: what a certificate for it will cite."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ._types import Timestamp
from .catalogue import Record


class ApplicationRecord(Base):
    """One record attached to one application, by whom and when."""

    __tablename__ = "application_record"
    __table_args__ = (Index("ix_application_record_record_id", "record_id"),)

    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("record.id"), primary_key=True)
    attached_by: Mapped[str] = mapped_column(String(80))  # "staff:<username>", as the audit log names them
    attached_at: Mapped[Timestamp]

    record: Mapped[Record] = relationship()
