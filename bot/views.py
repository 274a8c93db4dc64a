"""Texts the bot builds from core data (synchronous; handlers call them through asyncio.to_thread)."""
from __future__ import annotations

from sqlalchemy import select

from core.bootstrap import Services
from core.clock import local_today
from core.models import ServiceCentre
from core.models.places import WEEKDAYS


def centres_text(services: Services) -> str:
    """Every service centre with its address, phone and today's hours."""
    weekday = WEEKDAYS[local_today(services.settings.timezone).weekday()]
    with services.sessions() as s:
        centres = list(s.scalars(select(ServiceCentre).order_by(ServiceCentre.code)))
        lines = [f"{c.name}\n  地址：{c.address}\n  电话：{c.phone or '—'}\n  今日：{c.hours_text(weekday)}"
                 for c in centres]
    return "服务中心：\n" + "\n".join(lines) if lines else "暂无服务中心信息。"
