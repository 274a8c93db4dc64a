"""Texts the bot builds from core data (synchronous; handlers call them through asyncio.to_thread)."""
from __future__ import annotations

from sqlalchemy import select

from core.bootstrap import Services
from core.clock import local_today
from core.models import ServiceCentre
from core.places import hours_on, nearest_centres

from .i18n import t


def centres_text(services: Services) -> str:
    """Every service centre with its address, phone and today's hours."""
    today = local_today(services.settings.timezone)
    with services.sessions() as s:
        centres = list(s.scalars(select(ServiceCentre).order_by(ServiceCentre.code)))
    lines = [f"{c.name}\n  地址：{c.address}\n  电话：{c.phone or '—'}\n  今日：{hours_on(c, today, services.calendar)}"
             for c in centres]
    return "服务中心：\n" + "\n".join(lines) if lines else "暂无服务中心信息。"


def nearest_text(services: Services, lat: float, lon: float, lang: str = "zh") -> str:
    """The three centres nearest to a shared location: distance, address, phone and today's hours."""
    found = nearest_centres(services, lat, lon, k=3)
    if not found:
        return t("no_centres", lang)
    today = local_today(services.settings.timezone)
    lines = [t("nearest_title", lang)]
    for i, (c, km) in enumerate(found, 1):
        lines.append(f"{i}. {c.name}{t('km', lang, km=f'{km:.1f}')}\n"
                     f"   {t('address', lang)}：{c.address}\n   {t('phone', lang)}：{c.phone or '—'}\n"
                     f"   {t('today', lang)}：{hours_on(c, today, services.calendar)}")
    return "\n".join(lines)
