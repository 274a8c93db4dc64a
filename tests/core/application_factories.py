"""Factories for the application tests: a valid form, a submitted application, one moved along the workflow."""
from __future__ import annotations

from core import applications as apps
from core.models import Application
from tests.core.appointment_factories import applicant, make_centre, make_staff  # noqa: F401  (re-exported)


def form(centre_id: int | None, **overrides) -> dict:
    """What a kiosk would send: someone asking for their own 1985 marriage record, to pick up at a centre."""
    values = dict(channel="kiosk", applicant=applicant(1, "张伟"), relation="self", subject_names=["张伟", "李娜"],
                  category="婚姻登记", year_from=1985, year_to=1986, place="城关镇", purpose="办理房产过户",
                  delivery={"type": "pickup", "centre_id": centre_id}, chat_id=777001)
    values.update(overrides)
    return values


def submit(services, centre_id: int | None, **overrides) -> Application:
    return apps.submit_application(services, **form(centre_id, **overrides))


def move(services, application_id: int, *steps: str, actor: str = "staff:wang") -> Application:
    """Take an application through the given states, each in its own transaction (as clerks do)."""
    for to in steps:
        with services.sessions.begin() as s:
            a = apps.get_application(s, application_id)
            apps.transition(s, a, to, actor=actor, note="说明" if to == "needs_info" else None,
                            reason="查无此人" if to == "rejected" else None)
    with services.sessions() as s:
        return apps.get_application(s, application_id)
