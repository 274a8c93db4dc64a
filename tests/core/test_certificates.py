"""Issuing, revoking and reissuing certificates, and verifying them against the archive's register."""
import pytest
from sqlalchemy import select

from core import audit
from core.certificates import (keyring, reissue_certificate, revoke_certificate, verify_online, verify_pdf,
                               verify_token, verify_url)
from core.errors import Conflict, InvalidInput, NotFound
from core.models import AuditEntry, Certificate
from tests.core.application_factories import make_centre, move, submit
from tests.core.certificate_factories import REFS, issue, make_records


@pytest.fixture
def records(services):
    return make_records(services)


def test_issue_registers_a_signed_certificate_without_names_in_clear(services, records):
    cert = issue(services)
    assert cert.number.startswith("LT-") and cert.status == "valid"
    assert cert.record_refs == REFS and cert.subject_masked == "张*、李*"
    assert cert.pdf.startswith(b"%PDF") and len(cert.pdf_sha256) == 64
    verdict, body = verify_online(services, cert.token)
    assert (verdict.status, body["status"]) == ("valid", "valid")
    assert body["number"] == cert.number and body["kind_name"] == "档案查询证明"
    assert body["archive"] == {"code": "LJDAG", "name": "临江县档案馆"}
    assert body["subject"] == "张*、李*" and body["record_refs"] == REFS
    assert body["revocation_checked"] is True
    assert "张伟" not in str(body)
    with services.sessions() as s:
        line = s.scalar(select(AuditEntry).where(AuditEntry.action == "certificate.issue"))
        assert line.entity_id == cert.number and line.actor == "staff:lihua"
    assert audit.verify(services.sessions).ok


def test_numbers_run_on_within_the_year(services, records):
    first, second = issue(services), issue(services, kind="no_record")
    year = first.issue_date.year
    assert first.number == f"LT-{year}-000001" and second.number == f"LT-{year}-000002"
    assert second.kind == "no_record" and second.record_refs == []


def test_bad_requests_are_refused_in_chinese(services, records):
    for kwargs, text in [(dict(kind="record", refs=[]), "至少"), (dict(kind="other"), "证明类型"),
                         (dict(names=()), "人名"), (dict(refs=[REFS[0], REFS[0]]), "两次")]:
        with pytest.raises(InvalidInput, match=text):
            issue(services, **kwargs)


def test_revoked_certificate_says_so_with_reason_and_date(services, records):
    cert = issue(services)
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="申请人提供的材料不实", actor="staff:lihua")
    verdict, body = verify_online(services, cert.token)
    assert (verdict.status, verdict.reason) == ("revoked", "revoked")
    assert body["revoke_reason"] == "申请人提供的材料不实" and body["revoked_at"]
    assert "已撤销" in body["message"] and "申请人提供的材料不实" in body["message"]
    with services.sessions.begin() as s, pytest.raises(Conflict, match="已于"):
        revoke_certificate(s, cert.number, reason="再撤一次", actor="staff:lihua")
    with services.sessions.begin() as s, pytest.raises(InvalidInput, match="原因"):
        revoke_certificate(s, cert.number, reason=" ", actor="staff:lihua")
    with services.sessions.begin() as s, pytest.raises(NotFound):
        revoke_certificate(s, "LT-2026-999999", reason="x", actor="staff:lihua")
    # offline, the signature still holds: the verdict says it could not check revocation
    offline = verify_token(cert.token, keyring(services.settings).public_keys())
    assert offline.status == "valid" and not offline.online and "离线" in offline.message


def test_reissue_replaces_the_certificate_and_revokes_the_old_one(services, records):
    centre = make_centre(services)
    application = move(services, submit(services, centre.id).id, "in_review", "approved")
    old = issue(services, application=application)
    with services.sessions.begin() as s:
        new = reissue_certificate(s, services, old.number, actor="staff:lihua")
    assert new.number != old.number and new.record_refs == old.record_refs
    with services.sessions() as s:
        old_row = s.scalar(select(Certificate).where(Certificate.number == old.number))
        assert old_row.status == "revoked" and new.number in old_row.revoke_reason and "重新出具" in old_row.revoke_reason
        assert s.get(Certificate, new.id).replaces_id == old_row.id
    assert verify_online(services, old.token)[0].status == "revoked"
    assert verify_online(services, new.token)[0].status == "valid"
    with services.sessions.begin() as s, pytest.raises(Conflict, match="已撤销"):
        reissue_certificate(s, services, old.number, actor="staff:lihua")


def test_reissue_needs_the_application_for_the_names(services, records):
    cert = issue(services)
    with services.sessions.begin() as s, pytest.raises(Conflict, match="人名"):
        reissue_certificate(s, services, cert.number, actor="staff:lihua")


def test_a_signed_token_the_register_does_not_know_is_invalid(services, records):
    cert = issue(services)
    with services.sessions.begin() as s:
        s.delete(s.get(Certificate, cert.id))  # as if the issuing transaction had rolled back
    verdict, body = verify_online(services, cert.token)
    assert (verdict.status, verdict.reason) == ("invalid", "unregistered")
    assert "subject" not in body


def test_the_pdf_verifies_and_an_edited_pdf_does_not(services, records):
    cert = issue(services)
    keys = keyring(services.settings).public_keys()
    assert verify_pdf(cert.pdf, keys).status == "valid"
    edited = cert.pdf.replace(b"/Author (", b"/Author (X", 1)
    assert verify_pdf(edited, keys).reason == "pdf_altered"
    # the QR swapped for another certificate's: the PDF no longer matches what its token signed
    other = issue(services)
    assert verify_pdf(cert.pdf.replace(cert.token.encode(), other.token.encode()), keys).status == "invalid"
    assert verify_pdf(b"%PDF-1.4 nothing", keys).reason == "malformed"


def test_verify_url_is_upper_case_for_the_alphanumeric_qr(services, records):
    cert = issue(services)
    url = verify_url(services.settings, cert.token)
    assert url == f"HTTP://127.0.0.1:8000/V/{cert.token}"
