"""Archive, fonds (全宗) and catalogue records (DA/T 18 fields)."""
from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ._types import Timestamp, utcnow


class Archive(Base):
    __tablename__ = "archive"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))

    fonds: Mapped[list["Fonds"]] = relationship(back_populates="archive")


class Fonds(Base):
    __tablename__ = "fonds"
    __table_args__ = (UniqueConstraint("archive_id", "code", name="uq_fonds_archive_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    archive_id: Mapped[int] = mapped_column(ForeignKey("archive.id"))
    code: Mapped[str] = mapped_column(String(32))  # 全宗号
    name: Mapped[str] = mapped_column(String(200))  # 全宗名称

    archive: Mapped[Archive] = relationship(back_populates="fonds")


class Record(Base):
    """One catalogue entry. The date may be partial: year, or year and month."""

    __tablename__ = "record"
    __table_args__ = (
        # cover the structured searches: counts by kind, year, openness and place without touching the rows
        Index("ix_record_category_year_access_place", "category", "date_year", "access", "place"),
        Index("ix_record_year_access_place", "date_year", "access", "place"),  # 「1975年」: a year without a kind
        Index("ix_record_access", "access"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64), unique=True)  # 档号
    title: Mapped[str] = mapped_column(Text)  # 题名
    creator: Mapped[str | None] = mapped_column(String(200))  # 责任者
    date_year: Mapped[int] = mapped_column(Integer)  # 日期
    date_month: Mapped[int | None] = mapped_column(Integer)
    date_day: Mapped[int | None] = mapped_column(Integer)
    retention: Mapped[str | None] = mapped_column(String(16))  # 保管期限
    classification: Mapped[str | None] = mapped_column(String(8))  # 密级
    access: Mapped[str] = mapped_column(String(8), default="未审核")  # 开放标识
    category: Mapped[str | None] = mapped_column(String(16))  # 类别
    persons: Mapped[list[str]] = mapped_column(JSON, default=list)  # 人名
    place: Mapped[str | None] = mapped_column(String(100))  # 地点
    fonds_id: Mapped[int | None] = mapped_column(ForeignKey("fonds.id"))
    doc_no: Mapped[str | None] = mapped_column(String(100))  # 文号
    pages: Mapped[int | None] = mapped_column(Integer)  # 页数
    note: Mapped[str | None] = mapped_column(Text)  # 备注
    content_hash: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[Timestamp]
    updated_at: Mapped[Timestamp] = mapped_column(onupdate=utcnow)

    fonds: Mapped[Fonds | None] = relationship()

    @property
    def date_display(self) -> str:
        """The date as precise as the catalogue knows it: 1985-03-12, 1985-03 or 1985."""
        parts = [f"{self.date_year:04d}"]
        if self.date_month:
            parts.append(f"{self.date_month:02d}")
            if self.date_day:
                parts.append(f"{self.date_day:02d}")
        return "-".join(parts)
