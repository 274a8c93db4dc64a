"""The verify page and JSON a certificate's QR leads to, and the published keys."""
import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import update

from core.certificates import (KeyRing, keyring, keys_from_json, reissue_certificate, revoke_certificate,
                               verify_pdf, verify_token, verify_url)
from core.certificates.token import sign_token, split_token
from core.certificates.verify import TONES
from core.models import Certificate
from tests.core.certificate_factories import ITEM_REFS, REFS, issue, issued_application, make_records


def test_api_verify_a_valid_certificate(services, client):
    make_records(services)
    cert = issue(services)
    response = client.get(f"/api/verify/{cert.token}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "valid" and body["number"] == cert.number and body["kind"] == "record"
    assert body["issue_date"] == cert.issue_date.isoformat()
    assert body["archive"] == {"code": "LJDAG", "name": "临江县档案馆"}
    assert body["subject"] == "张*、李*" and body["record_refs"] == REFS
    assert "张伟" not in response.get_data(as_text=True)


def test_api_verify_revoked_tampered_and_malformed(services, client):
    make_records(services)
    cert = issue(services)
    middle = len(cert.token) // 2
    tampered = cert.token[:middle] + ("B" if cert.token[middle] != "B" else "C") + cert.token[middle + 1:]
    body = client.get(f"/api/verify/{tampered}").get_json()
    assert (body["status"], body["reason"]) == ("invalid", "tampered") and "改动" in body["message"]
    assert "subject" not in body and "number" not in body
    body = client.get("/api/verify/not-a-token").get_json()
    assert (body["status"], body["reason"]) == ("invalid", "malformed")
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="证明内容有误", actor="staff:lihua")
    body = client.get(f"/api/verify/{cert.token}").get_json()
    assert (body["status"], body["revoke_reason"]) == ("revoked", "证明内容有误")


def test_api_keys_lists_the_public_keys_offline_verifiers_need(services, client):
    make_records(services)
    cert = issue(services)
    body = client.get("/api/keys").get_json()
    assert body["algorithm"] == "Ed25519" and cert.key_id in body["keys"] and body["active"] == cert.key_id
    assert verify_token(cert.token, keys_from_json(body)).status == "valid"
    assert "PRIVATE" not in str(body)


def test_the_qr_url_opens_the_page_in_green(services, client):
    make_records(services)
    cert = issue(services)
    url = verify_url(services.settings, cert.token)
    path = url.split("8000", 1)[1]
    assert path.startswith("/V/")
    for p in (path, path.replace("/V/", "/v/"), "/v/" + cert.token.lower()):
        response = client.get(p)
        assert response.status_code == 200, p
        html = response.get_data(as_text=True)
        assert "有效" in html and cert.number in html and "张*、李*" in html and "临江县档案馆" in html
        assert "张伟" not in html and verdict_of(html) == "valid"


def tampered(token: str) -> str:
    middle = len(token) // 2
    return token[:middle] + ("B" if token[middle] != "B" else "C") + token[middle + 1:]


HEADLINES = {"valid": "有效", "revoked": "已撤销", "invalid": "无效", "unknown": "无法确认"}


def verdict_of(html: str) -> str:
    """The verdict the page shows: its colour class and its one-word headline must agree."""
    m = re.search(r'class="verdict verdict-(\w+) [^"]*" data-testid="verdict" data-verdict="(\w+)"', html)
    assert m, "no verdict on the page"
    tone, key = m.groups()
    assert tone == {"revoked": "invalid"}.get(key, key)
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert re.sub(r"<[^>]+>.*?</span>", "", h1).strip() == HEADLINES[key]
    return tone


def headline_of(html: str) -> str:
    """The one-word headline of the verify page."""
    verdict_of(html)
    return HEADLINES[re.search(r'data-verdict="(\w+)"', html).group(1)]


def test_every_kind_of_failure_has_its_verdict_colour():
    assert TONES == {"valid": "valid", "revoked": "invalid", "tampered": "invalid", "unregistered": "invalid",
                     "pdf_altered": "invalid", "malformed": "unknown", "unknown_key": "unknown"}


def test_the_page_says_invalid_in_red_for_revoked_with_reason_and_local_date(services, client):
    make_records(services)
    cert = issue(services)
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="姓名有误", actor="staff:lihua")
        s.execute(update(Certificate).where(Certificate.id == cert.id)
                  .values(revoked_at=datetime(2026, 11, 20, 17, 30, tzinfo=timezone.utc)))
    html = client.get(f"/v/{cert.token}").get_data(as_text=True)
    assert verdict_of(html) == "invalid" and "已撤销" in html and "姓名有误" in html
    assert "2026年11月21日" in html and "2026-11-20" not in html  # Linjiang's date, not UTC's
    body = client.get(f"/api/verify/{cert.token}").get_json()
    assert body["revoked_at"] == "2026-11-21T01:30:00+08:00" and "（2026年11月21日）" in body["message"]


def test_the_page_says_invalid_in_red_for_tampered_and_unregistered(services, client):
    make_records(services)
    cert = issue(services)
    html = client.get(f"/v/{tampered(cert.token)}").get_data(as_text=True)
    assert verdict_of(html) == "invalid" and "改动" in html
    with services.sessions.begin() as s:
        s.delete(s.get(Certificate, cert.id))
    html = client.get(f"/v/{cert.token}").get_data(as_text=True)
    assert verdict_of(html) == "invalid" and "没有登记" in html


def test_the_page_says_cannot_tell_in_grey_for_garbage_and_an_unknown_key(services, client, tmp_path):
    make_records(services)
    cert = issue(services)
    response = client.get("/v/HELLO")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert verdict_of(html) == "unknown" and "格式不正确" in html
    stranger = KeyRing(tmp_path / "elsewhere").active()
    claims = verify_token(cert.token, keyring(services.settings).public_keys()).claims
    forged = sign_token(claims.__class__(**{**claims.__dict__, "kid": stranger.kid}), stranger.sign)
    html = client.get(f"/v/{forged}").get_data(as_text=True)
    assert verdict_of(html) == "unknown" and stranger.kid in html


def test_the_page_of_an_altered_pdf_says_invalid_in_red(services, app):
    from kiosk.verify import verdict_page

    make_records(services)
    cert = issue(services)
    verdict = verify_pdf(cert.pdf.replace(b"/Author (", b"/Author (X", 1), keyring(services.settings).public_keys())
    assert verdict.reason == "pdf_altered"
    with app.test_request_context():
        html = verdict_page(verdict.as_dict(), verdict.tone)
    assert verdict_of(html) == "invalid" and "PDF 文件与出具时不一致" in html


def test_the_page_lists_the_twenty_files_of_a_digest_token(services, client):
    make_records(services, ITEM_REFS)
    cert = issue(services, refs=ITEM_REFS)
    assert split_token(cert.token)[0][0] == 2
    html = client.get(f"/v/{cert.token}").get_data(as_text=True)
    assert verdict_of(html) == "valid" and "档号（20 件）" in html and all(ref in html for ref in ITEM_REFS)


@pytest.fixture
def issued(services):
    make_records(services)
    return issued_application(services)


def test_the_status_page_stops_showing_a_revoked_certificate(services, client, issued):
    application, cert = issued
    path = f"/api/applications/{application.pickup_code}"
    assert client.get(path).get_json()["verify_url"] == verify_url(services.settings, cert.token)
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="出生日期有误", actor="staff:lihua")
    body = client.get(path).get_json()
    assert body["verify_url"] is None and "撤销：出生日期有误" in body["certificate_note"]
    assert body["history"][-1]["note"] == f"证明 {cert.number} 已撤销：出生日期有误"
    with services.sessions.begin() as s:
        new = reissue_certificate(s, services, cert.number, actor="staff:lihua")
    body = client.get(path).get_json()
    assert body["verify_url"] == verify_url(services.settings, new.token) and body["certificate_note"] is None
    assert body["history"][-1]["note"] == f"已重新出具证明 {new.number}，原证明 {cert.number} 作废"


def test_the_headline_is_one_word_valid_revoked_invalid_or_cannot_tell(services, client):
    make_records(services)
    cert = issue(services)
    assert headline_of(client.get(f"/v/{cert.token}").get_data(as_text=True)) == "有效"
    assert headline_of(client.get(f"/v/{tampered(cert.token)}").get_data(as_text=True)) == "无效"
    assert headline_of(client.get("/v/NOT-A-CERTIFICATE").get_data(as_text=True)) == "无法确认"
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="档号有误", actor="staff:lihua")
    html = client.get(f"/V/{cert.token}").get_data(as_text=True)
    assert headline_of(html) == "已撤销" and "有效" not in html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "档号有误" in html and cert.number in html


def subject_on(html: str) -> str:
    """The subject (证明对象) the verify page shows."""
    m = re.search(r'<dd data-testid="subject">([^<]*)</dd>', html)
    assert m, "no subject on the page"
    return m.group(1)


@pytest.mark.parametrize("names, masked", [
    (("王建国",), "王**"),
    (("张伟", "李娜"), "张*、李*"),
    (("欧阳修文", "司马光"), "欧阳**、司**"),
])
def test_the_subject_is_only_ever_shown_masked(services, client, names, masked):
    make_records(services)
    cert = issue(services, names=names)
    pages = [client.get(f"/v/{cert.token}").get_data(as_text=True)]
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="姓名有误", actor="staff:lihua")
    pages.append(client.get(f"/v/{cert.token}").get_data(as_text=True))
    for html in pages:
        assert subject_on(html) == masked
        assert not any(name in html for name in names)
        assert not any(name[1:] in html for name in names if len(name) > 2)  # nor the given name alone
    html = client.get(f"/v/{tampered(cert.token)}").get_data(as_text=True)
    assert 'data-testid="subject"' not in html and masked not in html  # a forged token shows no subject at all


def test_the_page_stands_alone_with_no_inline_styles_and_no_kiosk_frame(services, client):
    make_records(services)
    cert = issue(services)
    html = client.get(f"/v/{cert.token}").get_data(as_text=True)
    assert 'name="viewport" content="width=device-width' in html and "verify.css" in html
    assert "style=" not in html and "<style" not in html
    assert "kiosk.js" not in html and "kiosk.css" not in html and "idle-warning" not in html
    assert "data-idle-seconds" not in html and "结束办理" not in html
    css = client.get("/static/verify.css")
    assert css.status_code == 200 and b".verdict-valid" in css.data
    css.close()
