"""The archive's local time: "today" and opening hours are in the county's time zone, not the server's."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def local_now(timezone: str) -> datetime:
    """Now in the given IANA time zone (Asia/Shanghai by default in Settings)."""
    return datetime.now(ZoneInfo(timezone))


def local_today(timezone: str) -> date:
    """Today's date in the archive's time zone."""
    return local_now(timezone).date()


def as_utc(at: datetime) -> datetime:
    """An aware datetime in UTC, the form the database keeps (naive values, as SQLite reads them back, are UTC)."""
    from datetime import timezone as tz

    return at.replace(tzinfo=tz.utc) if at.tzinfo is None else at.astimezone(tz.utc)


def as_local(at: datetime, timezone: str) -> datetime:
    """A stored timestamp in the archive's time zone (naive ones, as SQLite hands them back, are UTC)."""
    return as_utc(at).astimezone(ZoneInfo(timezone))


def chinese_date(d: date) -> str:
    """A date as certificates and messages write it: 2026年11月21日."""
    return f"{d.year}年{d.month}月{d.day}日"
