"""取件打印 at the kiosk: the status for whoever has the code, the certificate only for the identified applicant,
picking it up, and wrong codes slowed down."""
from __future__ import annotations

from sqlalchemy import select

from core import applications as apps
from core.audit import history
from core.certificates import revoke_certificate, verify_url
from core.clock import chinese_date
from core.models import Application
from tests.core.application_factories import make_centre, submit
from tests.core.certificate_factories import issued_application, make_records
from tests.kiosk.conftest import csrf_of, post_form
from tests.kiosk.visitor_factories import decode_qr, identify_as

WRONG = "ZZZZZ ZZZZZ"


def test_the_code_shows_the_status_of_an_application_not_issued_yet(client, services, settings):
    application = submit(services, make_centre(services).id)
    code = application.pickup_code
    r = client.get(f"/pickup/{code}")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "已提交" in page and "正在等待档案馆审核" in page
    assert f"预计办结日期：<strong>{chinese_date(application.due_date)}</strong>" in page
    assert "张*" in page and "李*" in page
    for secret in ("张伟", "李娜", "办理房产过户", "13800000001"):
        assert secret not in page
    assert 'data-testid="certificate"' not in page
    assert client.get(f"/pickup/{code}/certificate.png").status_code == 404


def test_typed_grouped_lower_case_or_scanned_codes_all_lead_to_the_status(client, services, settings):
    code = submit(services, make_centre(services).id).pickup_code
    page = client.get("/pickup").get_data(as_text=True)
    assert "autofocus" in page and 'inputmode="none"' in page
    assert 'data-key="2"' in page and 'data-key="Z"' in page
    assert 'data-key="0"' not in page and 'data-key="I"' not in page and 'data-key="O"' not in page
    for typed in (code, f"{code[:5].lower()} {code[5:].lower()}", f"{settings.public_base_url}/pickup/{code}"):
        r = post_form(client, "/pickup", {"code": typed})
        assert r.status_code == 302 and r.location.endswith(f"/pickup/{code}"), typed


def test_only_the_identified_applicant_sees_and_prints_the_certificate(app, client, services, settings):
    make_records(services)
    application, cert = issued_application(services)
    code = application.pickup_code

    anonymous = app.test_client()
    page = anonymous.get(f"/pickup/{code}").get_data(as_text=True)
    assert "证明已出具" in page and "只有申请人本人" in page and "申请人刷身份证" in page
    assert 'data-testid="certificate"' not in page
    assert anonymous.get(f"/pickup/{code}/certificate.png").status_code == 404

    stranger = app.test_client()
    identify_as(stranger, services, 2, "王芳")
    page = stranger.get(f"/pickup/{code}").get_data(as_text=True)
    assert "不是这份申请的申请人" in page and 'data-testid="certificate"' not in page
    assert stranger.get(f"/pickup/{code}/certificate.png").status_code == 404
    assert post_form(stranger, f"/pickup/{code}", to=f"/pickup/{code}/delivered").status_code == 404

    identify_as(client, services, 1, "张伟")  # the applicant of the factories' application
    page = client.get(f"/pickup/{code}").get_data(as_text=True)
    assert 'data-testid="certificate"' in page and "打印证明" in page and "window.print()" in page
    picture = client.get(f"/pickup/{code}/certificate.png")
    assert picture.status_code == 200 and picture.mimetype == "image/png"
    assert picture.headers["Cache-Control"] == "no-store"
    assert picture.data.startswith(b"\x89PNG")
    assert decode_qr(picture.data) == [verify_url(settings, cert.token)]

    r = client.post(f"/pickup/{code}/delivered", data={"csrf_token": csrf_of(page)}, follow_redirects=True)
    assert "已登记为已领取" in r.get_data(as_text=True) and "已领取" in r.get_data(as_text=True)
    with services.sessions() as s:
        done = s.scalar(select(Application).where(Application.id == application.id))
        assert done.status == "delivered"
        assert history(s, "application", application.id)[-1].actor == "kiosk:C01"
    # still printable after it was picked up (a paper jam), by the applicant only
    assert client.get(f"/pickup/{code}/certificate.png").status_code == 200


def test_a_revoked_certificate_is_not_printed(client, services):
    make_records(services)
    application, cert = issued_application(services)
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="证明内容有误", actor="staff:lihua")
    identify_as(client, services, 1, "张伟")
    page = client.get(f"/pickup/{application.pickup_code}").get_data(as_text=True)
    assert "撤销：证明内容有误" in page and 'data-testid="certificate"' not in page
    assert client.get(f"/pickup/{application.pickup_code}/certificate.png").status_code == 404


def test_wrong_codes_are_explained_then_slowed_down(client, services):
    code = submit(services, make_centre(services).id).pickup_code
    identify_as(client, services, 5, "赵敏")
    for left in (4, 3, 2, 1):
        r = post_form(client, "/pickup", {"code": WRONG})
        page = r.get_data(as_text=True)
        assert r.status_code == 404 and "没有找到取件码" in page and f"还可以再试 {left} 次" in page
        assert f'value="{WRONG}"' in page
    assert client.get("/pickup/ZZZZZZZZZZ").status_code == 429  # the fifth wrong code, by URL this time
    r = post_form(client, "/pickup", {"code": code})  # even the right one must wait now
    page = r.get_data(as_text=True)
    assert r.status_code == 429 and "秒后再试" in page and f'value="{code}"' in page
    assert "赵*" not in page  # the visitor's session was wiped
    with client.session_transaction() as session:
        session["pickup_wait_until"] = 0  # the minute has passed
    assert post_form(client, "/pickup", {"code": code}).location.endswith(f"/pickup/{code}")


def test_status_texts_follow_the_workflow(client, services):
    application = submit(services, make_centre(services).id)
    with services.sessions.begin() as s:
        apps.advance(s, apps.get_application(s, application.id), "needs_info", actor="staff:wang",
                     note="请补交经公证的授权委托书")
    page = client.get(f"/pickup/{application.pickup_code}").get_data(as_text=True)
    assert "待补充材料" in page and "需要补充：请补交经公证的授权委托书" in page
    with services.sessions.begin() as s:
        apps.transition(s, apps.get_application(s, application.id), "rejected", actor="staff:wang",
                        reason="查无此人")
    page = client.get(f"/pickup/{application.pickup_code}").get_data(as_text=True)
    assert "未通过" in page and "原因：查无此人" in page and "预计办结日期" not in page
