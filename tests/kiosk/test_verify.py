"""The verify page and JSON a certificate's QR leads to, and the published keys."""
from core.certificates import keys_from_json, revoke_certificate, verify_token, verify_url
from tests.core.certificate_factories import REFS, issue, make_records


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
        assert "证明有效" in html and cert.number in html and "张*、李*" in html and "临江县档案馆" in html
        assert "张伟" not in html and "verdict-valid" in html


def test_the_page_shows_revoked_in_red_and_garbage_in_grey(services, client):
    make_records(services)
    cert = issue(services)
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="已重新出具", actor="staff:lihua")
    html = client.get(f"/v/{cert.token}").get_data(as_text=True)
    assert "已撤销" in html and "已重新出具" in html and "verdict-revoked" in html
    response = client.get("/v/HELLO")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "verdict-invalid" in html and "格式不正确" in html
