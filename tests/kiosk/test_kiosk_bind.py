"""绑定手机: the QR of the bot's deep link for the identified visitor, a one-time code valid for ten minutes."""
import re
from html import unescape

import zxingcpp
from PIL import Image, ImageDraw

from core.binding import bind_chat, citizen_for_chat
from tests.core.appointment_factories import id_number
from tests.kiosk.test_kiosk_identify import identify
from tests.kiosk.conftest import post_form

LINK = re.compile(r"https://t\.me/LantaiArchiveBot\?start=bind_([0-9A-Z]{12})")


def identified(client, name="王秀英", i=5):
    identify(client, name, id_number(i), "/bind")


def svg_text(html: str) -> str:
    """Decode the page's inline SVG QR: draw its modules in a picture and read it as a phone camera would."""
    svg = re.search(r'<figure class="qr"[^>]*>(<svg.*?</svg>)', html, re.S).group(1)
    n = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    scale = 8
    img = Image.new("L", (n * scale, n * scale), 255)
    draw = ImageDraw.Draw(img)
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        x, y, w = int(x), int(y), int(w)
        draw.rectangle([x * scale, y * scale, (x + w) * scale - 1, (y + 1) * scale - 1], fill=0)
    [result] = zxingcpp.read_barcodes(img)
    return result.text


def shown_code(html: str) -> str:
    return unescape(re.search(r'data-testid="code">([^<]+)<', html).group(1))


def test_bind_needs_identification(client):
    response = client.get("/bind")
    assert response.status_code == 302 and response.headers["Location"] == "/identify?next=/bind"


def test_the_qr_opens_the_bot_with_a_code_that_binds_this_visitor(services, client):
    identified(client)
    page = client.get("/bind")
    html = page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    link = svg_text(html)
    code = LINK.fullmatch(link).group(1)
    assert shown_code(html) == " ".join([code[:4], code[4:8], code[8:]])  # readable groups
    assert "10 分钟内有效" in html and "Telegram" in html and "对准上面的二维码" in html
    citizen = bind_chat(services, code, chat_id=9001)
    assert citizen.name == "王秀英" and citizen_for_chat(services, 9001).id == citizen.id


def test_a_refresh_shows_the_same_code_and_a_new_one_is_a_tap_away(client):
    identified(client)
    first = shown_code(client.get("/bind").get_data(as_text=True))
    assert shown_code(client.get("/bind").get_data(as_text=True)) == first
    response = post_form(client, "/bind")
    assert response.status_code == 302 and response.headers["Location"] == "/bind"
    assert shown_code(client.get("/bind").get_data(as_text=True)) != first


def test_another_visitor_gets_their_own_code(services, client, app):
    identified(client, "王秀英", 5)
    code = re.sub(r"\s", "", shown_code(client.get("/bind").get_data(as_text=True)))
    other = app.test_client()
    identified(other, "李娜", 6)
    other_code = re.sub(r"\s", "", shown_code(other.get("/bind").get_data(as_text=True)))
    assert other_code != code
    assert bind_chat(services, other_code, chat_id=1).name == "李娜"
