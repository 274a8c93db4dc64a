"""Applications at two centres, and small readers, for the staff console tests (queue, detail, PII, certificates)."""
from __future__ import annotations

from sqlalchemy import select

from core.models import Application, AuditEntry
from tests.core.application_factories import applicant, submit
from tests.kiosk.conftest import login

#: The C02 application's applicant and subjects: none of this may reach a C01 clerk's screen.
OTHER = {"applicant": "王芳", "subjects": ["王芳", "赵强"], "place": "沈家门"}


def two_applications(services, two_centres) -> tuple[Application, Application]:
    """张伟's 1985 marriage record at C01 (the factory's default) and 王芳's at C02."""
    a, b = two_centres
    mine = submit(services, a.id)
    other = submit(services, b.id, applicant=applicant(2, OTHER["applicant"]), subject_names=OTHER["subjects"],
                   place=OTHER["place"], year_from=1990, year_to=1990)
    return mine, other


def signed_in(app, username: str):
    """A browser of its own, signed in as `username`."""
    client = app.test_client()
    r = login(client, username)
    assert r.status_code == 302, r.get_data(as_text=True)
    return client


def status_of(services, application_id: int) -> str:
    with services.sessions() as s:
        return s.get(Application, application_id).status


def audit_lines(services, action: str | None = None) -> list[AuditEntry]:
    with services.sessions() as s:
        q = select(AuditEntry).order_by(AuditEntry.id)
        return list(s.scalars(q.where(AuditEntry.action == action) if action else q))


def leaks(body: str, application: Application) -> list[str]:
    """Whatever of the other centre's application shows in a page body."""
    return [t for t in [application.pickup_code, *OTHER["subjects"], OTHER["place"]] if t in body]
