"""Working days in mainland China: weekends and public holidays are off, 调休 weekends are worked.

The State Council publishes each year's schedule in November or December; `chinese-calendar` carries the years
it knew of when released. For a later year, the schedule can be given in `<data dir>/holidays.json`:

    {"holidays": ["2027-01-01", "2027-02-06", …], "workdays": ["2027-02-14", …]}

Without either, a year falls back to weekends plus the fixed-date statutory days (元旦, 劳动节, 国庆) and says so
in the log once: lunar holidays (春节, 端午, 中秋) cannot be guessed without the published schedule.
"""
from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

log = logging.getLogger("lantai.workdays")
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}
MAX_SPAN = 3660  # days; a deadline or range longer than ten years is a mistake


class WorkCalendar:
    def __init__(self, holidays: set[date] | None = None, workdays: set[date] | None = None):
        self._holidays = set(holidays or ())
        self._workdays = set(workdays or ())
        self._warned: set[int] = set()

    @classmethod
    def from_data_dir(cls, data_dir: Path) -> "WorkCalendar":
        """The calendar with the schedule in `<data dir>/holidays.json`, if there is one."""
        path = Path(data_dir) / "holidays.json"
        if not path.exists():
            return cls()
        raw = json.loads(path.read_text(encoding="utf-8"))
        parse = lambda key: {date.fromisoformat(d) for d in raw.get(key, [])}  # noqa: E731
        return cls(parse("holidays"), parse("workdays"))

    def is_working_day(self, day: date) -> bool:
        """True when offices work on this day."""
        if day in self._workdays:
            return True
        if day in self._holidays:
            return False
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            if day.year not in self._warned:
                self._warned.add(day.year)
                log.warning("no holiday schedule for %d: counting weekends and fixed-date holidays only "
                            "(put the State Council's schedule in holidays.json in the data directory)", day.year)
            return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS

    def is_holiday(self, day: date) -> bool:
        """True on a public holiday or a day off of its 调休 block, weekday or weekend (not on plain weekends)."""
        if day in self._workdays:
            return False
        if day in self._holidays:
            return True
        try:
            off, name = chinese_calendar.get_holiday_detail(day)
            return off and name is not None
        except NotImplementedError:
            self.is_working_day(day)  # logs the missing schedule once
            return (day.month, day.day) in FIXED_HOLIDAYS

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (start itself not counted)."""
        day, left = start, days
        for _ in range(MAX_SPAN):
            if left <= 0:
                return day
            day += timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        raise ValueError(f"{days} working days after {start} is too far")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        if (end - start).days > MAX_SPAN:
            raise ValueError("span too long")
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
