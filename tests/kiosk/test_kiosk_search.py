"""查档案 at the kiosk: public results as cards, restricted records only as counts, 申请出证 once identified."""
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from core.catalogue.demo_loader import load_demo
from core.search import index as index_module
from kiosk.public.search import CHIPS

from tests.core.appointment_factories import id_number
from tests.kiosk.test_kiosk_identify import identify
from tests.kiosk.conftest import post_form


def search(client, q):
    response = post_form(client, "/search", {"q": q})
    assert response.status_code == 302 and response.headers["Location"] == "/search"  # the query stays out of URLs
    return client.get("/search").get_data(as_text=True)


def links(html, text):
    """The hrefs of the links with this text, decoded."""
    return [unescape(h) for h in re.findall(rf'<a[^>]*href="([^"]+)"[^>]*>{text}</a>', html)]


def test_public_results_show_open_records_and_only_counts_of_restricted_ones(indexed, client):
    html = search(client, "王建国")
    assert "王建国同志先进事迹材料" in unescape(re.sub(r"</?em>", "", html))
    assert "X004-001-042-002" in html
    assert "有 <strong>1</strong> 条可能相关的1972年招工工龄档案" in html
    assert "招工转正的批复" not in html and "X004-001-042-001" not in html
    assert 'value="王建国"' in html  # the query stays in the box


def test_before_identifying_there_is_no_apply_button_but_a_way_to_identify(indexed, client):
    html = search(client, "王建国")
    assert not links(html, "申请出证")
    targets = [urlsplit(parse_qs(urlsplit(href).query)["next"][0]) for href in links(html, "核验身份后申请")]
    assert {t.path for t in targets} == {"/apply"}
    assert {"category": ["招工工龄"], "year_from": ["1972"]} in [parse_qs(t.query) for t in targets]


def test_identified_visitors_get_apply_buttons_with_category_and_year(indexed, client):
    identify(client, "张伟", id_number(3), "/search")
    html = search(client, "王建国")
    hrefs = [urlsplit(h) for h in links(html, "申请出证")]
    assert len(hrefs) == 3  # the open record's card and the count lines (招工工龄 1972, the 1983 学籍 roster)
    assert {h.path for h in hrefs} == {"/apply"}
    args = [parse_qs(h.query) for h in hrefs]
    assert {"category": ["招工工龄"], "year_from": ["1972"]} in args
    assert {"category": ["文书"], "year_from": ["1990"], "ref": ["X004-001-042-002"]} in args
    assert "招工转正的批复" not in html  # identified is still the public audience


def test_a_count_over_several_years_prefills_the_range(indexed, client):
    identify(client, "张伟", id_number(3), "/search")
    html = search(client, "婚姻登记")
    [href] = links(html, "申请出证")
    assert parse_qs(urlsplit(href).query) == {"category": ["婚姻登记"], "year_from": ["1958"], "year_to": ["1985"]}


def test_a_vague_query_says_how_to_ask_and_keeps_the_words(indexed, client):
    html = search(client, "的")
    assert "请说得具体一些" in html and 'value="的"' in html


def test_an_empty_query_asks_for_words(indexed, client):
    html = search(client, "   ")
    assert "请先输入要查找的内容" in html and 'data-testid="results"' not in html


def test_nothing_found_says_so_in_words(indexed, client):
    html = search(client, "欧阳修文 2003年 林权")
    assert "没有找到相关档案" in html or "部分相关" in html


def test_quick_picks_search_at_one_tap(indexed, client):
    html = client.get("/search").get_data(as_text=True)
    assert 'name="q" value="婚姻登记"' in html
    html = search(client, "婚姻登记")
    assert "有 <strong>4</strong> 条可能相关的1958、1985年婚姻登记档案" in html  # one line per category
    assert not links(html, "申请出证")
    assert "结婚登记申请书" not in html and "X002-001-001-001" not in html and "李娜" not in html


def test_the_search_box_uses_the_on_screen_keyboards(client):
    html = client.get("/search").get_data(as_text=True)
    assert 'id="q"' in html and 'inputmode="none"' in html
    assert 'data-target="q"' in html and 'data-key="space"' in html and "数字（年份）" in html


@pytest.fixture
def demo_archive(services, monkeypatch):
    """A small demo archive (core.demo, as `python -m core demo` loads it), indexed."""
    monkeypatch.setattr(index_module, "REFRESH_SECONDS", 0)
    load_demo(services, records=1500, seed=1, progress=False)
    return services


def test_every_quick_pick_finds_something_in_the_demo_archive(demo_archive, client):
    html = client.get("/search").get_data(as_text=True)
    shown = [unescape(v) for v in re.findall(r'name="q" value="([^"]+)" class="chip"', html)]
    assert shown == list(CHIPS)
    for chip in shown:
        page = search(client, chip)
        found = len(re.findall(r'<article class="card (?:result|count)">', page))
        assert found >= 1 and "没有找到相关档案" not in page, f"the quick pick 「{chip}」 finds nothing"
