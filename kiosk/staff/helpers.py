"""Small pieces the console's application screens share: a scoped session, dates, countdowns, masks."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select

from core.applications import get_application
from core.applications.rules import AWAITING_ARCHIVE
from core.clock import as_local
from core.errors import LantaiError
from core.models import StaffUser
from core.workdays import WorkCalendar

from .. import services_of
from .auth import staff_user


@contextmanager
def staff_session(*, write: bool = False):
    """(services, session, the signed-in StaffUser); with write=True the session commits on success."""
    services = services_of(current_app)
    with (services.sessions.begin() if write else services.sessions()) as s:
        yield services, s, staff_user(s)


def local_minute(at: datetime | None, tz: str) -> str:
    """A stored timestamp as local time to the minute: 2026-09-16 10:00."""
    return as_local(at, tz).strftime("%Y-%m-%d %H:%M") if at else ""


def years_text(year_from: int | None, year_to: int | None) -> str:
    """1985, or 1985–1986."""
    if year_from is None:
        return "" if year_to is None else str(year_to)
    return str(year_from) if year_to in (None, year_from) else f"{year_from}–{year_to}"


def countdown(status: str, due: date, today: date, calendar: WorkCalendar) -> tuple[str, bool]:
    """The deadline in working days ("剩 3 个工作日", "已超期 2 个工作日") and whether it is overdue.

    Only applications the archive still owes an answer have a countdown; the others show "—".
    """
    if status not in AWAITING_ARCHIVE:
        return "—", False
    if today > due:
        late = calendar.working_days_between(due, today)
        return (f"已超期 {late} 个工作日" if late else "已过期限（非工作日）"), True
    left = calendar.working_days_between(today, due)
    return (f"剩 {left} 个工作日" if left else "今天到期"), False


def staff_names(session) -> dict[str, str]:
    """Every staff account's display name by user name (a county has a few dozen)."""
    return {username: name for username, name in session.execute(select(StaffUser.username, StaffUser.display_name))}


def actor_label(actor: str | None, names: dict[str, str]) -> str:
    """Who did it, as staff read it: 申请人, 系统, 自助机, or the staff member's name (user name)."""
    actor = actor or ""
    kind, _, who = actor.partition(":")
    if kind == "citizen":
        return "申请人"
    if kind == "staff" and who == "cli":
        return "命令行"
    if kind == "staff" and who:
        name = names.get(who)
        return f"{name}（{who}）" if name and name != who else who
    if kind == "kiosk":
        return "自助机"
    if kind in ("bot", "telegram"):
        return "机器人"
    return "系统" if actor in ("", "system") or kind == "system" else actor


class Refused(Exception):
    """Core refused a change (a LantaiError) after the scope check; the transaction has been rolled back."""

    def __init__(self, error: LantaiError):
        super().__init__(error.message)
        self.error = error


@contextmanager
def application_write(application_id: int):
    """(services, session, application, StaffUser) for a change to one application, committed on success.

    A clerk of another centre gets NotFound (a 404 page, nothing of the application on it); core's refusals
    after that come out as Refused, for the view to show next to the form.
    """
    with staff_session(write=True) as (services, s, user):
        application = get_application(s, application_id, staff=user)
        try:
            yield services, s, application, user
        except LantaiError as e:
            raise Refused(e) from e
