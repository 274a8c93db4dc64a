"""The kiosk home: six large tiles leading to their flows, and a way to ask."""
import re

from tests.kiosk.conftest import post_form

TILES = {"search": ("查档案", "/search"), "apply": ("申请出证", "/apply"), "book": ("预约办理", "/book"),
         "pickup": ("取件打印", "/pickup"), "guide": ("办事指南", "/guide"), "bind": ("绑定手机", "/bind")}


def test_home_has_six_tiles_that_lead_to_their_flows(client):
    html = client.get("/").get_data(as_text=True)
    tiles = dict(re.findall(r'<a class="tile" href="([^"]+)" data-tile="(\w+)"', html))
    assert {tile: href for href, tile in tiles.items()} == {k: v[1] for k, v in TILES.items()}
    for label, _ in TILES.values():
        assert f"</span>{label}<small>" in html
    assert 'href="/chat"' in html


def test_the_tiles_own_pages_open(client):
    for path in ("/search", "/guide", "/chat"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/bind").headers["Location"] == "/identify?next=/bind"


def test_a_visitor_who_only_looked_gets_no_end_button_and_one_who_searched_does(client):
    assert "结束办理" not in client.get("/").get_data(as_text=True)
    post_form(client, "/chat", {"text": "查档收费吗"})
    assert "结束办理" in client.get("/").get_data(as_text=True)
