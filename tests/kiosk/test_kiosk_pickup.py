"""取件打印 at the kiosk: the status for whoever has the code, the certificate (every page) only for the identified
applicant, picking it up (which ends the visit), wrong codes slowed down, the code kept out of kiosk URLs, and the
phone page the slip's QR opens."""
from __future__ import annotations

import re

from sqlalchemy import select

from core import applications as apps
from core.audit import history
from core.certificates import revoke_certificate, verify_url
from core.clock import chinese_date
from core.models import Application
from tests.core.application_factories import make_centre, move, submit
from tests.core.certificate_factories import ITEM_REFS, issue, issued_application, make_records
from tests.kiosk.conftest import csrf_of, post_form
from tests.kiosk.visitor_factories import decode_qr, identify_as

WRONG = "ZZZZZ ZZZZZ"


def enter(client, typed: str):
    """Type (or scan) a code into the pickup field and submit it."""
    return post_form(client, "/pickup", {"code": typed})


def status_of(client, code: str) -> str:
    """Enter the code and follow on to its status screen; the page."""
    r = enter(client, code)
    assert r.status_code == 302 and r.location.endswith("/pickup/status"), r.get_data(as_text=True)
    return client.get(r.location).get_data(as_text=True)


def test_the_code_shows_the_status_of_an_application_not_issued_yet(client, services, settings):
    application = submit(services, make_centre(services).id)
    page = status_of(client, application.pickup_code)
    assert "已提交" in page and "正在等待档案馆审核" in page
    assert f"预计办结日期：<strong>{chinese_date(application.due_date)}</strong>" in page
    assert "张*" in page and "李*" in page
    for secret in ("张伟", "李娜", "办理房产过户", "13800000001"):
        assert secret not in page
    assert 'data-testid="certificate"' not in page
    assert client.get("/pickup/certificate.png").status_code == 404


def test_typed_grouped_lower_case_or_scanned_codes_all_lead_to_the_status(client, services, settings):
    code = submit(services, make_centre(services).id).pickup_code
    page = client.get("/pickup").get_data(as_text=True)
    assert "autofocus" in page and 'inputmode="none"' in page
    assert 'data-key="2"' in page and 'data-key="Z"' in page
    assert 'data-key="0"' not in page and 'data-key="I"' not in page and 'data-key="O"' not in page
    base = settings.public_base_url
    for typed in (code, f"{code[:5].lower()} {code[5:].lower()}", f"{base}/s?code={code}", f"{base}/pickup/{code}",
                  f"{base}/s/{code}", f"{base.upper()}/S?CODE={code}"):
        page = status_of(client, typed)
        assert f"<span>{code[:5]}</span><span>{code[5:]}</span>" in page, typed


def test_the_code_stays_out_of_kiosk_urls_and_back_after_the_wipe_finds_the_empty_field(client, services):
    code = submit(services, make_centre(services).id).pickup_code
    identify_as(client, services, 1, "张伟")
    r = enter(client, code)
    assert code not in r.location and r.location.endswith("/pickup/status")
    page = client.get(r.location).get_data(as_text=True)
    assert code not in re.sub(r"<span>|</span>", "", "".join(re.findall(r'(?:href|action|src)="([^"]*)"', page)))
    post_form(client, "/pickup/status", to="/wipe")  # 结束办理
    back = client.get("/pickup/status")  # the browser's Back
    assert back.status_code == 302 and back.location.endswith("/pickup")
    entry = client.get(back.location).get_data(as_text=True)
    assert 'value=""' in entry and code not in entry and code[:5] not in entry
    # an old slip's /pickup/<code>, opened anywhere, goes to the phone page and puts nothing in the session
    r = client.get(f"/pickup/{code}")
    assert r.status_code == 302 and r.location.endswith(f"/s?code={code}")
    assert client.get("/pickup/status").status_code == 302


def test_the_phone_page_shows_the_status_and_what_to_do_next_and_nothing_more(client, services, settings):
    application = submit(services, make_centre(services).id)
    code = application.pickup_code
    r = client.get(f"/s?code={code}")
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "已提交" in page
    assert f"预计办结日期：<strong>{chinese_date(application.due_date)}</strong>" in page
    assert "张*" in page and "李*" in page and "接下来怎么办" in page and "您现在不用做什么" in page
    for secret in ("张伟", "李娜", "房产过户", "13800000001"):
        assert secret not in page
    # stand-alone: not the kiosk frame (no 1080 px viewport, idle timer or 结束办理)
    assert 'content="width=device-width' in page and "kiosk.js" not in page and "结束办理" not in page
    assert "status.css" in page and "申请人刷身份证" not in page
    assert client.get_cookie("session") is None  # a phone gets no cookie
    assert client.get("/s?code=ZZZZZZZZZZ").status_code == 404
    bare = client.get("/s").get_data(as_text=True)  # opened without a code: asked for one, not told "not found"
    assert "请扫描取件凭条" in bare and "没有找到这个取件码" not in bare
    assert "没有找到" in client.get("/s").get_data(as_text=True)


def test_the_phone_page_of_an_issued_certificate_says_where_to_print_it_and_shows_no_certificate(client, services):
    make_records(services)
    application, _ = issued_application(services)
    page = client.get(f"/s?code={application.pickup_code}").get_data(as_text=True)
    assert "证明已出具" in page and "证明已经出具" in page and "取件打印" in page and "城关镇便民服务中心" in page
    assert "certificate.png" not in page and "<img" not in page


def test_only_the_identified_applicant_sees_and_prints_the_certificate(app, client, services, settings):
    make_records(services)
    application, cert = issued_application(services)
    code = application.pickup_code

    anonymous = app.test_client()
    page = status_of(anonymous, code)
    assert "证明已出具" in page and "只有申请人本人" in page and "申请人刷身份证" in page
    assert 'data-testid="certificate"' not in page
    assert anonymous.get("/pickup/certificate.png").status_code == 404

    stranger = app.test_client()
    identify_as(stranger, services, 2, "王芳")
    page = status_of(stranger, code)
    assert "不是这份申请的申请人" in page and 'data-testid="certificate"' not in page
    assert stranger.get("/pickup/certificate.png").status_code == 404
    assert post_form(stranger, "/pickup/status", to="/pickup/delivered").status_code == 404

    identify_as(client, services, 1, "张伟")  # the applicant of the factories' application
    page = status_of(client, code)
    assert 'data-testid="certificate"' in page and "打印证明" in page and "window.print()" in page
    assert page.count('class="certificate"') == 1 and "共 2 页" not in page
    picture = client.get("/pickup/certificate.png?page=1")
    assert picture.status_code == 200 and picture.mimetype == "image/png"
    assert picture.headers["Cache-Control"] == "no-store"
    assert picture.data.startswith(b"\x89PNG")
    assert decode_qr(picture.data) == [verify_url(settings, cert.token)]

    r = client.post("/pickup/delivered", data={"csrf_token": csrf_of(page)}, follow_redirects=True)
    home = r.get_data(as_text=True)
    assert "已登记为已领取" in home and 'data-testid="visitor"' not in home  # the visit is over
    with services.sessions() as s:
        done = s.scalar(select(Application).where(Application.id == application.id))
        assert done.status == "delivered"
        assert history(s, "application", application.id)[-1].actor == "kiosk:C01"
    assert client.get("/pickup/status").status_code == 302  # the code went with the visit
    assert client.get("/pickup/certificate.png").status_code == 404
    # still printable after it was picked up (a paper jam), by the applicant once identified again
    identify_as(client, services, 1, "张伟")
    page = status_of(client, code)
    assert "已领取" in page and "我已拿到证明" not in page and "结束并退出" in page
    assert client.get("/pickup/certificate.png").status_code == 200


def test_every_page_of_a_long_certificate_is_shown_and_printed(client, services, settings):
    make_records(services, ITEM_REFS)  # twenty 档号: the table runs onto page 2, where the seal and QR are
    application = move(services, submit(services, make_centre(services).id).id, "in_review", "approved")
    cert = issue(services, application=application, refs=ITEM_REFS)
    with services.sessions.begin() as s:
        apps.transition(s, apps.get_application(s, application.id), "issued", actor="staff:lihua",
                        note=f"证明编号 {cert.number}")
    identify_as(client, services, 1, "张伟")
    page = status_of(client, application.pickup_code)
    assert re.findall(r'src="/pickup/certificate.png\?page=(\d)"', page) == ["1", "2"]
    assert "共 2 页" in page
    last = client.get("/pickup/certificate.png?page=2")
    assert last.status_code == 200 and decode_qr(last.data) == [verify_url(settings, cert.token)]
    assert client.get("/pickup/certificate.png?page=3").status_code == 404
    assert client.get("/pickup/certificate.png?page=x").status_code == 404


def test_a_revoked_certificate_is_not_printed(client, services):
    make_records(services)
    application, cert = issued_application(services)
    with services.sessions.begin() as s:
        revoke_certificate(s, cert.number, reason="证明内容有误", actor="staff:lihua")
    identify_as(client, services, 1, "张伟")
    page = status_of(client, application.pickup_code)
    assert "撤销：证明内容有误" in page and 'data-testid="certificate"' not in page
    assert client.get("/pickup/certificate.png").status_code == 404
    phone = client.get(f"/s?code={application.pickup_code}").get_data(as_text=True)
    assert "撤销：证明内容有误" in phone and "到服务中心窗口咨询" in phone


def test_wrong_codes_are_explained_then_slowed_down(client, services):
    code = submit(services, make_centre(services).id).pickup_code
    identify_as(client, services, 5, "赵敏")
    for left in (4, 3, 2, 1):
        r = enter(client, WRONG)
        page = r.get_data(as_text=True)
        assert r.status_code == 404 and "没有找到取件码" in page and f"还可以再试 {left} 次" in page
        assert f'value="{WRONG}"' in page
    assert enter(client, "ZZZZZZZZZZ").status_code == 429  # the fifth wrong code
    r = enter(client, code)  # even the right one must wait now
    page = r.get_data(as_text=True)
    assert r.status_code == 429 and "秒后再试" in page and f'value="{code}"' in page
    assert "赵*" not in page  # the visitor's session was wiped
    with client.session_transaction() as session:
        session["pickup_wait_until"] = 0  # the minute has passed
    assert enter(client, code).location.endswith("/pickup/status")


def test_ending_the_visit_does_not_reset_the_wait_and_a_short_code_is_not_a_guess(client, services):
    """结束办理 after five wrong codes once gave five fresh tries at once; a code of the wrong length is a slip of
    the finger (「2345」), told as such, and costs no try."""
    code = submit(services, make_centre(services).id).pickup_code
    r = enter(client, "2345")
    assert r.status_code == 400 and "共 10 位" in r.get_data(as_text=True)
    for _ in range(4):
        assert enter(client, WRONG).status_code == 404  # four tries left after the short code: it cost none
    assert enter(client, WRONG).status_code == 429
    post_form(client, "/pickup", to="/wipe")  # 结束办理
    r = enter(client, code)
    assert r.status_code == 429 and "秒后再试" in r.get_data(as_text=True)
    with client.session_transaction() as session:
        session["pickup_wait_until"] = 0  # the minute has passed
    assert "还可以再试 4 次" in enter(client, WRONG).get_data(as_text=True)  # after the wait, five tries again
    assert enter(client, code).location.endswith("/pickup/status")


def test_status_texts_follow_the_workflow(client, services):
    application = submit(services, make_centre(services).id)
    with services.sessions.begin() as s:
        apps.advance(s, apps.get_application(s, application.id), "needs_info", actor="staff:wang",
                     note="请补交经公证的授权委托书")
    page = status_of(client, application.pickup_code)
    assert "待补充材料" in page and "需要补充：请补交经公证的授权委托书" in page
    phone = client.get(f"/s?code={application.pickup_code}").get_data(as_text=True)
    assert "需要补充：请补交经公证的授权委托书" in phone and "窗口办理" in phone
    with services.sessions.begin() as s:
        apps.transition(s, apps.get_application(s, application.id), "rejected", actor="staff:wang",
                        reason="查无此人")
    page = client.get("/pickup/status").get_data(as_text=True)
    assert "未通过" in page and "原因：查无此人" in page and "预计办结日期" not in page
    phone = client.get(f"/s?code={application.pickup_code}").get_data(as_text=True)
    assert "原因：查无此人" in phone and "预计办结日期" not in phone
