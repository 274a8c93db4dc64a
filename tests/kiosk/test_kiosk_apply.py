"""申请出证 at the kiosk: the steps, their checks, the slip with its QR, and one application per form."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from core.clock import chinese_date
from core.models import Application
from tests.kiosk.conftest import csrf_of, post_form
from tests.kiosk.visitor_factories import decode_qr, identify_as, inline_png


def step(client, page: str, data: dict):
    """Post one step's form as the visitor would (its CSRF token from the page) and say where it leads."""
    response = post_form(client, page, data)
    return response


def fill_until_confirm(client, *, relation="self", names=("李娜",), delivery="pickup"):
    client.get("/apply")  # the 申请出证 tile
    assert step(client, "/apply/category", {"category": "婚姻登记"}).location.endswith("/apply/relation")
    assert step(client, "/apply/relation", {"relation": relation}).location.endswith("/apply/subject")
    r = step(client, "/apply/subject", {"name": list(names), "year_from": "1985", "year_to": "", "place": "城关镇"})
    assert r.location.endswith("/apply/papers"), r.get_data(as_text=True)
    assert step(client, "/apply/papers", {"have": []}).location.endswith("/apply/purpose")
    assert step(client, "/apply/purpose", {"purpose": "房产过户"}).location.endswith("/apply/delivery")
    assert step(client, "/apply/delivery", {"delivery": delivery}).location.endswith("/apply/confirm")
    return client.get("/apply/confirm").get_data(as_text=True)


def confirm_form(html: str) -> dict:
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return {"csrf_token": csrf_of(html), "token": token}


def test_an_anonymous_visitor_is_sent_to_identify_first(client, two_centres):
    r = client.get("/apply?category=婚姻登记")
    assert r.status_code == 302 and "/identify?next=" in r.location
    assert client.get("/apply/confirm").status_code == 302


def test_a_whole_application_ends_with_a_printable_slip(client, services, settings, two_centres):
    citizen_id = identify_as(client, services, 1, "张伟")
    assert client.get("/apply").location.endswith("/apply/category")
    page = fill_until_confirm(client)
    for shown in ("婚姻登记", "本人（张*）、李娜", "1985年", "城关镇", "房产过户", "到城关镇便民服务中心C01领取",
                  "尚缺：申请人本人的有效身份证件"):
        assert shown in page
    r = client.post("/apply/confirm", data=confirm_form(page))
    assert r.status_code == 302 and "/apply/slip/" in r.location

    with services.sessions() as s:
        application = s.scalar(select(Application))
        assert (application.channel, application.citizen_id, application.relation) == ("kiosk", citizen_id, "self")
        assert application.subject_names == ["张伟", "李娜"] and application.category == "婚姻登记"
        assert (application.year_from, application.year_to, application.place) == (1985, 1985, "城关镇")
        assert (application.purpose, application.delivery) == ("房产过户", "pickup")
        assert application.centre_id == two_centres[0].id and application.status == "submitted"
    code = application.pickup_code

    slip = client.get(r.location).get_data(as_text=True)
    assert f"<span>{code[:5]}</span><span>{code[5:]}</span>" in slip
    assert chinese_date(application.due_date) + "前" in slip
    assert "城关镇便民服务中心C01" in slip and "兰台县城关镇人民路12号" in slip
    assert "申请人本人的有效身份证件<strong>（您这次没有带" in slip
    assert "window.print()" in slip and "张*、李*" in slip and "张伟" not in slip
    assert decode_qr(inline_png(slip, "qr")) == [f"{settings.public_base_url}/s?code={code}"]  # the phone page

    # the draft is gone: the form starts again at the first step
    assert client.get("/apply/confirm").location.endswith("/apply")


def test_finishing_at_the_slip_ends_the_visit(client, services, two_centres):
    identify_as(client, services, 1, "张伟")
    r = client.post("/apply/confirm", data=confirm_form(fill_until_confirm(client)))
    slip = client.get(r.location).get_data(as_text=True)
    assert "完成，返回首页" not in slip  # its 完成 kept the visitor signed in for the next person
    finish = slip.split('data-testid="finish"')[1]
    assert 'action="/wipe"' in finish and "结束并退出" in finish and "继续办理其他事" in finish
    home = post_form(client, r.location, to="/wipe", follow_redirects=True).get_data(as_text=True)
    assert 'data-testid="visitor"' not in home
    assert client.get(r.location).status_code == 302  # the slip is gone with the visitor


def test_tapping_submit_twice_files_one_application(client, services, two_centres):
    identify_as(client, services)
    page = fill_until_confirm(client, relation="agent", names=("张建国", "王秀英"), delivery="electronic")
    form = confirm_form(page)
    before = client.get_cookie("session").value  # the second tap's request left with the same cookie
    first = client.post("/apply/confirm", data=form)
    again = client.post("/apply/confirm", data=form)  # after the first answer came back
    client.set_cookie("session", before)
    racing = client.post("/apply/confirm", data=form)  # sent before the first answer came back
    assert first.status_code == again.status_code == racing.status_code == 302
    assert first.location == again.location == racing.location
    with services.sessions() as s:
        assert s.scalar(select(func.count(Application.id))) == 1
        application = s.scalar(select(Application))
        assert application.delivery == "electronic" and application.centre_id is None
        assert application.subject_names == ["张建国", "王秀英"] and application.relation == "agent"
    assert "电子证明" in client.get(first.location).get_data(as_text=True)


def test_a_refused_relation_says_why_and_offers_the_way_on(client, services, two_centres):
    identify_as(client, services)
    client.get("/apply")
    step(client, "/apply/category", {"category": "婚姻登记"})
    r = step(client, "/apply/relation", {"relation": "other"})
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "「其他人」不能申请婚姻登记档案" in page and "只能由本人、委托代理人" in page
    assert 'value="agent"' in page and "上一步" in page and "委托代理人" in page
    assert client.get("/apply/subject").location.endswith("/apply/relation")  # no skipping past the refusal
    assert step(client, "/apply/relation", {"relation": "kin"}).location.endswith("/apply/subject")


def test_a_bad_year_is_explained_and_what_was_typed_stays(client, services, two_centres):
    identify_as(client, services)
    client.get("/apply")
    step(client, "/apply/category", {"category": "学籍"})
    step(client, "/apply/relation", {"relation": "guardian"})
    cases = [({"year_from": "19a5"}, "起始年份「19a5」应为四位数字"),
             ({"year_from": "2999"}, "起始年份 2999 不在 1900–"),
             ({"year_from": "1990", "year_to": "1985"}, "起始年份 1990 晚于截止年份 1985"),
             ({"year_from": ""}, "请填写档案形成的年份")]
    for years, message in cases:
        r = step(client, "/apply/subject", {"name": ["陈小明", ""], "place": "沈家门", **years})
        page = r.get_data(as_text=True)
        assert r.status_code == 400 and message in page
        assert 'value="陈小明"' in page and 'value="沈家门"' in page
        assert f'value="{years["year_from"]}"' in page
    r = step(client, "/apply/subject", {"name": [""], "year_from": "1990"})
    assert r.status_code == 400 and "请填写档案当事人的姓名" in r.get_data(as_text=True)


def test_a_search_preselects_the_category_and_years_and_cancel_forgets_it(client, services, two_centres):
    identify_as(client, services)
    r = client.get("/apply?category=结婚登记&year_from=1985&year_to=1987")
    assert r.location.endswith("/apply/relation")
    assert "申请出证 · 婚姻登记" in client.get("/apply/relation").get_data(as_text=True)
    step(client, "/apply/relation", {"relation": "self"})
    page = client.get("/apply/subject").get_data(as_text=True)
    assert 'value="1985"' in page and 'value="1987"' in page and "您本人的姓名已从身份证读取" in page
    r = post_form(client, "/apply/subject", {}, to="/apply/cancel")
    assert r.location.endswith("/")
    assert client.get("/apply/relation").location.endswith("/apply")
    page = client.get("/apply", follow_redirects=True).get_data(as_text=True)
    assert "选择档案类别" in page and "申请出证 · 婚姻登记" not in page


def subject_years(client) -> tuple[str, str]:
    page = client.get("/apply/subject").get_data(as_text=True)
    return (re.search(r'id="year_from"[^>]*value="([^"]*)"', page).group(1),
            re.search(r'id="year_to"[^>]*value="([^"]*)"', page).group(1))


def test_only_a_named_year_or_a_short_range_prefills_the_years(client, services, two_centres):
    identify_as(client, services)
    for args, years in (("year_from=1950&year_to=2023", ("", "")),  # the 婚姻登记 chip: the whole category
                        ("year_from=1980&year_to=2000", ("", "")),  # 21 years
                        ("year_from=1981&year_to=2000", ("1981", "2000")),  # 20 years
                        ("year_from=1985", ("1985", ""))):
        post_form(client, "/", to="/apply/cancel")
        assert client.get(f"/apply?category=婚姻登记&{args}").location.endswith("/apply/relation")
        step(client, "/apply/relation", {"relation": "self"})
        assert subject_years(client) == years, args


def test_a_search_asks_before_replacing_a_draft_in_progress(client, services, two_centres):
    identify_as(client, services)
    client.get("/apply")
    step(client, "/apply/category", {"category": "学籍"})
    step(client, "/apply/relation", {"relation": "self"})
    step(client, "/apply/subject", {"name": [""], "year_from": "1978", "place": "沈家门"})
    r = client.get("/apply?category=婚姻登记&year_from=1985")  # 申请出证 on a search result
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "您还有一份没填完的申请" in page and "学籍" in page and "1978年" in page
    assert "继续填写刚才的申请" in page and "重新申请婚姻登记" in page
    assert "申请出证 · 学籍" in client.get("/apply/papers").get_data(as_text=True)  # 继续: nothing was lost
    assert 'value="沈家门"' in client.get("/apply/subject").get_data(as_text=True)

    r = post_form(client, "/apply?category=婚姻登记&year_from=1985", {"category": "婚姻登记", "year_from": "1985"},
                  to="/apply/restart")
    assert r.location.endswith("/apply/relation")
    assert "申请出证 · 婚姻登记" in client.get("/apply/relation").get_data(as_text=True)
    step(client, "/apply/relation", {"relation": "self"})
    assert subject_years(client) == ("1985", "")
    # a draft with nothing answered past the category is simply replaced
    post_form(client, "/", to="/apply/cancel")
    client.get("/apply?category=学籍")
    assert client.get("/apply?category=婚姻登记").location.endswith("/apply/relation")
