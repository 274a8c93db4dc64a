"""Certificates in the console: preview (nothing registered), issue from the attached records, download, revoke,
reissue — archivists and administrators only; clerks may download their own centre's PDFs."""
import re

import pytest
from sqlalchemy import func, select

from core.certificates import verify_online
from core.certificates.pdf import keywords_url, token_of
from core.models import Certificate, Record
from tests.core.application_factories import move
from tests.core.certificate_factories import REFS, make_records
from tests.kiosk.conftest import csrf_of, post_form
from tests.kiosk.staff_apps import leaks, signed_in, status_of, two_applications


@pytest.fixture
def approved(services, two_centres):
    """Both applications approved; the archive holds the three 1985 marriage records of REFS."""
    make_records(services)
    mine, other = two_applications(services, two_centres)
    for a in (mine, other):
        move(services, a.id, "in_review", "approved")
    return mine, other


def attach(client, application_id: int, ref: str):
    path = f"/staff/applications/{application_id}"
    r = post_form(client, path, {"ref": ref}, to=path + "/records")
    assert r.status_code == 302


def issue(client, application_id: int, **extra):
    """Open the preview and press 出具, as the archivist does (with the 档号 the preview lists)."""
    preview = client.get(f"/staff/applications/{application_id}/certificate/preview").get_data(as_text=True)
    refs = re.findall(r'name="refs" value="([^"]+)"', preview)
    return client.post(f"/staff/applications/{application_id}/certificate/issue",
                       data={"refs": refs, "csrf_token": csrf_of(preview), **extra})


def certificate_count(services) -> int:
    with services.sessions() as s:
        return s.scalar(select(func.count()).select_from(Certificate))


def pdf_of(client, application_id: int) -> tuple[str, bytes]:
    """The number and PDF behind the detail page's 下载 PDF link."""
    body = client.get(f"/staff/applications/{application_id}").get_data(as_text=True)
    number = re.search(r'href="/staff/certificates/([^"]+)\.pdf"', body).group(1)
    r = client.get(f"/staff/certificates/{number}.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf" and r.headers["Cache-Control"] == "no-store"
    return number, r.data


def verdict(services, pdf: bytes) -> str:
    return verify_online(services, token_of(keywords_url(pdf)))[0].status


def test_preview_shows_the_certificate_and_registers_nothing(app, services, approved):
    mine, _ = approved
    client = signed_in(app, "archivist")
    attach(client, mine.id, REFS[0])
    body = client.get(f"/staff/applications/{mine.id}").get_data(as_text=True)
    assert "预览并出具证明" in body and "依据附加的 1 件档案" in body
    r = client.get(f"/staff/applications/{mine.id}/certificate/preview")
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "预览档案查询证明" in body and REFS[0] in body and "不能核验" in body
    png = client.get(f"/staff/applications/{mine.id}/certificate/preview.png")
    assert png.status_code == 200 and png.data.startswith(b"\x89PNG")
    pdf = client.get(f"/staff/applications/{mine.id}/certificate/preview.pdf")
    assert pdf.data.startswith(b"%PDF") and pdf.headers["Cache-Control"] == "no-store"
    assert verdict(services, pdf.data) == "invalid"  # the preview's QR verifies as nothing
    assert certificate_count(services) == 0 and status_of(services, mine.id) == "approved"


def test_issue_then_download_and_the_verify_url_in_the_pdf_says_valid(app, services, approved):
    mine, _ = approved
    client = signed_in(app, "archivist")
    attach(client, mine.id, REFS[0])
    attach(client, mine.id, REFS[1])
    r = issue(client, mine.id)
    assert r.status_code == 302
    assert status_of(services, mine.id) == "issued"
    number, pdf = pdf_of(client, mine.id)
    assert verdict(services, pdf) == "valid"
    body = client.get(f"/staff/applications/{mine.id}").get_data(as_text=True)
    assert f"证明编号 {number}" in body and "档案查询证明" in body and "有效" in body
    with services.sessions() as s:
        assert s.scalar(select(Certificate.record_refs)) == REFS[:2]
    # the clerk of the application's centre prints it at the window
    assert signed_in(app, "clerk_a").get(f"/staff/certificates/{number}.pdf").status_code == 200


def test_no_attached_records_make_a_no_record_certificate(app, services, approved):
    mine, _ = approved
    client = signed_in(app, "admin")
    preview = client.get(f"/staff/applications/{mine.id}/certificate/preview").get_data(as_text=True)
    assert "查无档案记录证明" in preview
    assert issue(client, mine.id).status_code == 302
    with services.sessions() as s:
        assert s.scalar(select(Certificate.kind)) == "no_record"


def test_mismatching_records_need_the_explicit_override(app, services, approved):
    mine, _ = approved
    with services.sessions.begin() as s:
        s.add(Record(ref="X003-001-001-009", title="城关中学1983届学籍登记表", date_year=1983, access="控制",
                     category="学籍", persons=["赵磊"], content_hash="9" * 32))
    client = signed_in(app, "archivist")
    attach(client, mine.id, "X003-001-001-009")
    preview = client.get(f"/staff/applications/{mine.id}/certificate/preview").get_data(as_text=True)
    assert "所引档案与申请不符" in preview and "仍要出具" in preview
    r = issue(client, mine.id)
    body = r.get_data(as_text=True)
    assert r.status_code == 409 and "所引档案与申请不符，未出具" in body and "不在申请的 1985–1986 年之内" in body
    assert certificate_count(services) == 0 and status_of(services, mine.id) == "approved"
    assert issue(client, mine.id, force="1").status_code == 302
    assert status_of(services, mine.id) == "issued"


def test_records_changed_after_the_preview_stop_the_issue(app, services, approved):
    mine, _ = approved
    client = signed_in(app, "archivist")
    preview = client.get(f"/staff/applications/{mine.id}/certificate/preview").get_data(as_text=True)
    attach(client, mine.id, REFS[0])  # someone attaches a record meanwhile
    r = client.post(f"/staff/applications/{mine.id}/certificate/issue", data={"csrf_token": csrf_of(preview)})
    assert r.status_code == 409 and "请重新预览" in r.get_data(as_text=True)
    assert certificate_count(services) == 0


def test_revoke_needs_a_reason_then_the_verify_url_says_revoked(app, services, approved):
    mine, _ = approved
    client = signed_in(app, "archivist")
    attach(client, mine.id, REFS[0])
    issue(client, mine.id)
    number, pdf = pdf_of(client, mine.id)
    path = f"/staff/applications/{mine.id}"
    r = post_form(client, path, {"reason": " "}, to=f"/staff/certificates/{number}/revoke")
    assert r.status_code == 400 and "撤销证明须说明原因" in r.get_data(as_text=True)
    assert verdict(services, pdf) == "valid"
    r = post_form(client, path, {"reason": "当事人姓名录入错误"}, to=f"/staff/certificates/{number}/revoke")
    body = r.get_data(as_text=True)  # first a confirmation page: nothing revoked yet
    assert r.status_code == 200 and "确认撤销证明（不可恢复）" in body and "当事人姓名录入错误" in body
    assert verdict(services, pdf) == "valid"
    r = client.post(f"/staff/certificates/{number}/revoke",
                    data={"reason": "当事人姓名录入错误", "step": "confirm", "csrf_token": csrf_of(body)})
    assert r.status_code == 200 and "请勾选「确认撤销证明（不可恢复）」" in r.get_data(as_text=True)
    assert verdict(services, pdf) == "valid"
    r = client.post(f"/staff/certificates/{number}/revoke", data={"reason": "当事人姓名录入错误", "step": "confirm",
                                                                 "confirm": "1", "csrf_token": csrf_of(body)})
    assert r.status_code == 302 and verdict(services, pdf) == "revoked"
    body = client.get(path).get_data(as_text=True)
    assert "已撤销" in body and "当事人姓名录入错误" in body


def test_reissue_replaces_the_certificate(app, services, approved):
    mine, _ = approved
    client = signed_in(app, "admin")
    attach(client, mine.id, REFS[0])
    issue(client, mine.id)
    old_number, old_pdf = pdf_of(client, mine.id)
    attach(client, mine.id, REFS[2])
    path = f"/staff/applications/{mine.id}"
    r = post_form(client, path, {"basis": "attached"}, to=f"/staff/certificates/{old_number}/reissue")
    assert r.status_code == 302
    new_number, new_pdf = pdf_of(client, mine.id)  # the newest certificate comes first
    assert new_number != old_number
    assert verdict(services, old_pdf) == "revoked" and verdict(services, new_pdf) == "valid"
    with services.sessions() as s:
        assert s.scalar(select(Certificate.record_refs).where(Certificate.number == new_number)) == [REFS[0], REFS[2]]
    assert f"已重新出具证明 {new_number}" in client.get(path).get_data(as_text=True)
    r = post_form(client, path, {"basis": "same"}, to=f"/staff/certificates/{old_number}/reissue")
    assert r.status_code == 409 and f"已由 {new_number} 取代" in r.get_data(as_text=True)


def test_clerks_get_403_on_certificate_routes_and_see_no_certificate_buttons(app, services, approved):
    mine, _ = approved
    archivist = signed_in(app, "archivist")
    issue(archivist, mine.id)
    number, _ = pdf_of(archivist, mine.id)
    clerk = signed_in(app, "clerk_a")
    body = clerk.get(f"/staff/applications/{mine.id}").get_data(as_text=True)
    assert "撤销证明" not in body and "重新出具</button>" not in body and "下载 PDF" in body
    base = f"/staff/applications/{mine.id}/certificate"
    for path in ("/preview", "/preview.png", "/preview.pdf"):
        assert clerk.get(base + path).status_code == 403, path
    token = csrf_of(body)
    for path, data in [(base + "/issue", {}), (f"/staff/certificates/{number}/revoke", {"reason": "x"}),
                       (f"/staff/certificates/{number}/reissue", {})]:
        assert clerk.post(path, data={**data, "csrf_token": token}).status_code == 403, path
    assert certificate_count(services) == 1 and verdict(services, pdf_of(archivist, mine.id)[1]) == "valid"


def test_a_clerk_of_another_centre_cannot_download_the_pdf(app, services, approved):
    _, other = approved
    archivist = signed_in(app, "archivist")
    issue(archivist, other.id)
    number, _ = pdf_of(archivist, other.id)
    r = signed_in(app, "clerk_a").get(f"/staff/certificates/{number}.pdf")
    assert r.status_code == 404 and not r.data.startswith(b"%PDF") and leaks(r.get_data(as_text=True), other) == []
    assert signed_in(app, "clerk_b").get(f"/staff/certificates/{number}.pdf").status_code == 200


def test_signed_out_the_pdf_and_the_preview_send_to_sign_in(client, app, approved):
    mine, _ = approved
    for path in (f"/staff/applications/{mine.id}/certificate/preview", "/staff/certificates/LT-2026-000001.pdf"):
        r = client.get(path)
        assert r.status_code == 302 and "/staff/login" in r.headers["Location"], path
