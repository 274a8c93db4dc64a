"""Factories for the certificate tests: the archive, three catalogue records, issued certificates."""
from __future__ import annotations

from sqlalchemy import select

from core import applications as apps
from core.certificates import issue_certificate
from core.models import Archive, Certificate, Record
from tests.core.application_factories import make_centre, move, submit

ARCHIVE = {"code": "LJDAG", "name": "临江县档案馆"}
# the worst realistic case for the QR: three by-item 档号 of the longest common shape
REFS = ["Z109-WS·1985-Y-MZJ-0012", "X013-MZ·1985-Y-BGS-0104", "C038-001-002-003"]
TITLES = ["张伟、李娜结婚登记申请书及结婚证存根", "城关镇1985年婚姻登记花名册（第二册）", "[关于张伟李娜婚姻登记的审批表]"]
LONG_BASE_URL = "https://dangan.linjiang-county.example.gov.cn"  # 46 characters
# a 工龄 or 知青 certificate: twenty by-item 档号 (five no longer fit a QR of version 10 as they are)
ITEM_REFS = [f"X001-WS·2000-D30-MSK-{i:04d}" for i in range(1, 21)]


def make_records(services, refs=REFS) -> list[str]:
    """The archive and one 1985 marriage record per 档号."""
    with services.sessions.begin() as s:
        if s.scalar(select(Archive)) is None:
            s.add(Archive(**ARCHIVE))
        for i, ref in enumerate(refs):
            s.add(Record(ref=ref, title=TITLES[i % len(TITLES)], date_year=1985, date_month=3, date_day=12 + i,
                         access="控制", category="婚姻登记", persons=["张伟", "李娜"], content_hash=f"{i:032d}"))
    return list(refs)


def issue(services, *, kind: str = "record", refs=REFS, names=("张伟", "李娜"), application=None,
          actor: str = "staff:lihua") -> Certificate:
    """Issue a certificate in its own transaction; the returned row still holds .pdf and .token."""
    with services.sessions.begin() as s:
        records = [s.scalar(select(Record).where(Record.ref == r)) for r in refs] if kind == "record" else []
        return issue_certificate(s, services, kind=kind, application=application, records=records,
                                 subject_names=list(names), actor=actor)


def issued_application(services):
    """An approved application, its certificate issued the way `app issue` does it."""
    application = move(services, submit(services, make_centre(services).id).id, "in_review", "approved")
    cert = issue(services, application=application)
    with services.sessions.begin() as s:
        apps.transition(s, apps.get_application(s, application.id), "issued", actor="staff:lihua",
                        note=f"证明编号 {cert.number}")
    return application, cert
