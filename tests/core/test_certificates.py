"""Issuing, revoking and reissuing certificates, and verifying them against the archive's register."""
import base64
import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import select, update

from core import audit
from core import applications as apps
from core.bootstrap import bootstrap
from core.certificates import (keyring, reissue_certificate, revoke_certificate, verify_online, verify_pdf,
                               verify_token, verify_url)
from core.certificates.qr import MAX_VERSION, qr_version
from core.certificates.token import split_token
from core.errors import ConfigError, Conflict, InvalidInput, NotFound
from core.models import AuditEntry, Certificate, OutboxMessage, Record
from core.settings import Settings
from tests.core.application_factories import make_centre, move, submit
from tests.core.certificate_factories import (ITEM_REFS, LONG_BASE_URL, REFS, issue, issued_application,
                                             make_records)


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


def test_an_id_number_typed_into_a_revoke_reason_is_never_shown_or_kept(services, records):
    cert = issue(services)
    number = "330902195003151009"
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason=f"当事人姓名核对有误，身份证{number}", actor="staff:lihua")
    _, body = verify_online(services, cert.token)  # what anyone scanning the QR reads
    assert number not in json.dumps(body, ensure_ascii=False) and "330902********1009" in body["revoke_reason"]
    with services.sessions() as s:
        kept = [json.dumps(e.data, ensure_ascii=False) for e in s.scalars(select(AuditEntry))]
        kept += [m.text + json.dumps(m.payload, ensure_ascii=False) for m in s.scalars(select(OutboxMessage))]
        kept.append(s.scalar(select(Certificate.revoke_reason).where(Certificate.number == cert.number)))
    assert not [k for k in kept if number in k]
    assert audit.verify(services.sessions).ok


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
    with services.sessions.begin() as s, pytest.raises(Conflict, match=f"已由 {new.number} 取代"):
        reissue_certificate(s, services, old.number, actor="staff:lihua")


def test_reissue_needs_the_application_for_the_names(services, records):
    cert = issue(services)
    with services.sessions.begin() as s, pytest.raises(Conflict, match="没有关联的申请") as e:
        reissue_certificate(s, services, cert.number, actor="staff:lihua")
    assert "人名" in e.value.message and "app issue" in e.value.message


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


def test_twenty_item_refs_fit_the_qr_as_a_digest_and_verify_with_their_refs(services):
    make_records(services, ITEM_REFS)
    cert = issue(services, refs=ITEM_REFS)
    url = verify_url(services.settings, cert.token)
    assert qr_version(url) <= MAX_VERSION and split_token(cert.token)[0][0] == 2
    assert cert.record_refs == ITEM_REFS
    # online: the 档号 from the register
    verdict, body = verify_online(services, cert.token)
    assert verdict.status == "valid" and body["record_refs"] == ITEM_REFS and body["record_count"] == 20
    keys = keyring(services.settings).public_keys()
    # offline, the token alone: valid, 20 档号 known only by their digest
    alone = verify_token(cert.token, keys)
    assert alone.status == "valid" and alone.as_dict()["record_refs"] is None and alone.claims.record_count == 20
    # offline, the PDF: the 档号 of its record table
    from_pdf = verify_pdf(cert.pdf, keys)
    assert from_pdf.status == "valid" and list(from_pdf.claims.record_refs) == ITEM_REFS
    listed = base64.b64encode(json.dumps(ITEM_REFS, ensure_ascii=False).encode())
    assert listed in cert.pdf  # the record table's 档号, for machines
    other = base64.b64encode(json.dumps(ITEM_REFS[:-1] + ["X001-WS·2000-D30-MSK-0099"], ensure_ascii=False).encode())
    assert verify_pdf(cert.pdf.replace(listed, other), keys).reason == "pdf_altered"
    # three 档号 still fit as they are: the token carries them (version 1)
    make_records(services, REFS)
    short = issue(services)
    assert split_token(short.token)[0][0] == 1
    assert verify_token(short.token, keys).claims.record_refs == tuple(REFS)


def test_only_a_base_url_too_long_for_any_token_is_refused_and_named(services, tmp_path):
    make_records(services, ITEM_REFS)
    for base, fails in (("https://" + "dangan." * 24 + "cn", True), (LONG_BASE_URL, False)):
        settings = Settings.from_env({"PUBLIC_BASE_URL": base}, data_dir=tmp_path / str(fails),
                                     database_url=services.settings.database_url)
        other = bootstrap(settings)
        try:
            if fails:
                with pytest.raises(ConfigError, match="PUBLIC_BASE_URL") as e:
                    issue(other, refs=ITEM_REFS)
                assert "缩短" in e.value.message and str(len(base)) in e.value.message
            else:
                assert qr_version(verify_url(settings, issue(other, refs=ITEM_REFS).token)) <= MAX_VERSION
        finally:
            other.dispose()
    with pytest.raises(InvalidInput, match="最多"):
        issue(services, refs=make_records(services, [f"Y-{i}" for i in range(201)]))


def test_revocation_dates_are_the_archives_local_time(services, records):
    cert = issue(services)
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="姓名有误", actor="staff:lihua")
        # 17:30 UTC on the 20th is 01:30 on the 21st in Linjiang
        s.execute(update(Certificate).where(Certificate.id == cert.id)
                  .values(revoked_at=datetime(2026, 11, 20, 17, 30, tzinfo=timezone.utc)))
    verdict, body = verify_online(services, cert.token)
    assert body["revoked_at"] == "2026-11-21T01:30:00+08:00"
    assert "证明已撤销（2026年11月21日）：姓名有误" in body["message"]
    with services.sessions.begin() as s, pytest.raises(Conflict, match="已于2026年11月21日撤销"):
        revoke_certificate(s, cert.number, reason="再撤一次", actor="staff:lihua", tz=services.settings.timezone)


def test_revoking_tells_the_applicant_and_shows_in_the_history(services, records):
    application, cert = issued_application(services)
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="出生日期有误", actor="staff:lihua")
    with services.sessions() as s:
        message = s.scalar(select(OutboxMessage).where(OutboxMessage.kind == "certificate.revoked"))
        assert message.chat_id == 777001 and message.application_id == application.id
        assert message.event_key == f"certificate:{cert.number}:revoked"
        assert cert.number in message.text and "出生日期有误" in message.text and "已撤销" in message.text
        view = apps.describe(services, s, apps.get_application(s, application.id), staff=False)
    assert view["history"][-1]["note"] == f"证明 {cert.number} 已撤销：出生日期有误"
    assert view["verify_url"] is None  # the revoked certificate is not presented as current
    assert cert.number in view["certificate_note"] and "撤销" in view["certificate_note"]
    assert audit.verify(services.sessions).ok


def test_a_revoked_certificate_is_replaced_within_its_application(services, records):
    application, old = issued_application(services)
    with services.sessions.begin() as s:
        revoke_certificate(s, old.number, reason="姓名打错了", actor="staff:lihua")
    with services.sessions.begin() as s:
        corrected = [s.scalar(select(Record).where(Record.ref == REFS[0]))]
        new = reissue_certificate(s, services, old.number, actor="staff:lihua", records=corrected)
    assert new.application_id == application.id and new.record_refs == [REFS[0]] and new.status == "valid"
    with services.sessions() as s:
        old_row = s.get(Certificate, old.id)
        assert old_row.status == "revoked" and old_row.revoke_reason == "姓名打错了"  # its own reason stays
        assert s.get(Certificate, new.id).replaces_id == old.id
        message = s.scalar(select(OutboxMessage).where(OutboxMessage.kind == "certificate.reissued"))
        assert message.chat_id == 777001 and message.payload["status"] == "issued"  # the bot sends the new PDF
        assert new.number in message.text and old.number in message.text
        view = apps.describe(services, s, apps.get_application(s, application.id), staff=False)
    assert view["history"][-1]["note"] == f"已重新出具证明 {new.number}，原证明 {old.number} 作废"
    assert view["verify_url"] == verify_url(services.settings, new.token) and view["certificate_note"] is None
    assert verify_pdf(new.pdf, keyring(services.settings).public_keys()).status == "valid"
    # a no-record correction, on the new one
    with services.sessions.begin() as s:
        third = reissue_certificate(s, services, new.number, actor="staff:lihua", kind="no_record")
    assert third.kind == "no_record" and third.record_refs == []
    assert verify_online(services, new.token)[0].status == "revoked"
