"""Township service centres (便民服务中心) where kiosks stand and visitors are received."""
from __future__ import annotations

from sqlalchemy import JSON, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ServiceCentre(Base):
    __tablename__ = "service_centre"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    township: Mapped[str] = mapped_column(String(50))
    address: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    #: {"mon": [["08:30", "12:00"], ["13:30", "17:00"]], ..., "sun": []}
    hours: Mapped[dict[str, list[list[str]]]] = mapped_column(JSON, default=dict)
    #: dates the centre is closed besides public holidays, as "YYYY-MM-DD"
    closed_days: Mapped[list[str]] = mapped_column(JSON, default=list)
    slot_minutes: Mapped[int] = mapped_column(Integer, default=30)
    slot_capacity: Mapped[int] = mapped_column(Integer, default=4)

    def hours_text(self, weekday: str) -> str:
        """Opening hours of one weekday in Chinese, e.g. 08:30–12:00、13:30–17:00, or 休息."""
        spans = self.hours.get(weekday) or []
        return "、".join(f"{a}–{b}" for a, b in spans) if spans else "休息"
