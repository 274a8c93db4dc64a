"""Deadlines count working days: holidays skipped, 调休 weekends counted."""
from datetime import date

from core.workdays import WorkCalendar


def test_national_day_week_is_skipped_and_the_adjusted_saturday_counts():
    cal = WorkCalendar()
    # 2026: 1–7 October off; Saturday 10 October is a 调休 working day
    assert not cal.is_working_day(date(2026, 10, 5))
    assert cal.is_working_day(date(2026, 10, 10))
    # 30 Sep (Wed) + 1 working day → 8 Oct (Thu); + 3 → 10 Oct (the working Saturday)
    assert cal.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert cal.add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_an_ordinary_week():
    cal = WorkCalendar()
    assert cal.add_working_days(date(2026, 11, 20), 5) == date(2026, 11, 27)  # Fri + 5 → next Fri
    assert cal.working_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5


def test_a_year_without_published_schedule_falls_back_and_a_file_can_supply_it(tmp_path, caplog):
    cal = WorkCalendar()
    assert not cal.is_working_day(date(2027, 1, 1))  # 元旦 is a fixed date
    assert cal.is_working_day(date(2027, 1, 4))
    assert "holidays.json" in caplog.text
    (tmp_path / "holidays.json").write_text('{"holidays": ["2027-01-04"], "workdays": ["2027-01-09"]}')
    cal = WorkCalendar.from_data_dir(tmp_path)
    assert not cal.is_working_day(date(2027, 1, 4))
    assert cal.is_working_day(date(2027, 1, 9))  # a Saturday made a working day
