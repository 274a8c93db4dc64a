"""The certificate PDF as a reader sees it: embedded Chinese font, the text, and a QR a real decoder reads."""
import re

import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp
from sqlalchemy import update

from core.certificates import reissue_certificate, revoke_certificate, verify_url
from core.certificates.fonts import DEBIAN_PACKAGE, cjk_font, find_font
from core.certificates.seal import signature_block
from core.clock import chinese_date
from core.errors import ConfigError
from core.models import Archive
from core.settings import Settings
from tests.core.application_factories import make_centre, move, submit
from tests.core.certificate_factories import ITEM_REFS, LONG_BASE_URL, REFS, issue, make_records


def page_text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    return re.sub(r"\s+", "", text)  # lines wrap anywhere in Chinese


def decoded_qr_codes(pdf: bytes) -> list[str]:
    """Rasterise every page at 200 dpi and decode every QR on it with zxing-cpp."""
    doc = pdfium.PdfDocument(pdf)
    found = []
    for i in range(len(doc)):
        image = doc[i].render(scale=200 / 72, grayscale=True).to_pil()
        found += [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    return found


def test_the_chinese_font_is_embedded_not_merely_named(services):
    make_records(services)
    pdf = issue(services).pdf
    assert b"/FontFile2" in pdf  # TrueType glyph outlines travel inside the file
    assert re.search(rb"/BaseFont /[A-Z]{6}\+", pdf)  # a subset of the font, as embedded fonts are named
    assert b"STSong-Light" not in pdf


def test_the_qr_in_the_rendered_pdf_decodes_to_the_verify_url(services):
    make_records(services)
    cert = issue(services)
    assert decoded_qr_codes(cert.pdf) == [verify_url(services.settings, cert.token)]


def test_the_qr_decodes_with_a_long_public_base_url_and_three_records(services, tmp_path):
    from core.bootstrap import bootstrap
    settings = Settings.from_env({"PUBLIC_BASE_URL": LONG_BASE_URL}, data_dir=tmp_path / "long",
                                 database_url=services.settings.database_url)
    long = bootstrap(settings)
    try:
        make_records(long)
        cert = issue(long)
        url = verify_url(settings, cert.token)
        assert url.startswith("HTTPS://DANGAN.LINJIANG-COUNTY.EXAMPLE.GOV.CN/V/")
        assert decoded_qr_codes(cert.pdf) == [url]
    finally:
        long.dispose()


@pytest.mark.parametrize("base", [None, LONG_BASE_URL])
def test_the_qr_of_a_certificate_citing_twenty_files_decodes(services, tmp_path, base):
    from core.bootstrap import bootstrap
    settings = Settings.from_env({"PUBLIC_BASE_URL": base} if base else {}, data_dir=tmp_path / "d",
                                 database_url=services.settings.database_url)
    other = bootstrap(settings)
    try:
        make_records(other, ITEM_REFS)
        cert = issue(other, refs=ITEM_REFS)
        assert decoded_qr_codes(cert.pdf) == [verify_url(settings, cert.token)]
        text = page_text(cert.pdf)
        assert all(ref in text for ref in ITEM_REFS) and "共20件" in text
    finally:
        other.dispose()


def test_a_record_certificate_states_what_was_asked_and_lists_the_records(services):
    make_records(services)
    centre = make_centre(services)
    application = move(services, submit(services, centre.id).id, "in_review", "approved")
    cert = issue(services, application=application)
    text = page_text(cert.pdf)
    for expected in ("临江县档案馆", "档案查询证明", cert.number, "张伟、李娜", "1985年至1986年", "婚姻登记",
                     "办理房产过户", "城关镇1985年婚姻登记花名册", "查档日期", "验证码", *REFS):
        assert expected in text, expected
    assert f"{cert.token[-10:-5]}-{cert.token[-5:]}" in text  # the verification code under the QR
    # one way of writing dates: 2026年11月21日 (the issue date twice, the records' dates in the table)
    assert not re.search(r"\d{4}-\d{2}", text.replace(cert.number, ""))
    assert text.count(chinese_date(cert.issue_date)) == 2 and "1985年3月12日" in text


def test_a_reissued_certificate_names_the_one_it_replaces(services):
    make_records(services)
    application = move(services, submit(services, make_centre(services).id).id, "in_review", "approved")
    old = issue(services, application=application)
    with services.sessions.begin() as s:
        revoke_certificate(s, old.number, reason="姓名有误", actor="staff:lihua")
    with services.sessions.begin() as s:
        new = reissue_certificate(s, services, old.number, actor="staff:lihua")
    assert f"本证明替代编号为{old.number}的证明，原证明作废。" in page_text(new.pdf)
    assert "替代" not in page_text(old.pdf)


def seal_and_signature(pdf: bytes, lines: list[str]):
    """(centre x, centre y, outer radius) of the seal's ring, and the boxes of the characters of the printed lines
    by the seal (the archive's name, maybe over two or three lines, and the date)."""
    page = pdfium.PdfDocument(pdf)[0]
    rings = []
    for obj in page.get_objects():
        if obj.type == pdfium_raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if abs((right - left) - (top - bottom)) < 1 and 100 < right - left < 150:  # the 42 mm ring
                rings.append(((left + right) / 2, (bottom + top) / 2, (right - left) / 2))
    assert len(rings) == 1
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    boxes, start = [], text.index("验证码")  # in drawing order: the QR's caption, the lines, then the seal
    for line in lines:
        start = text.index(line, start)
        boxes += [textpage.get_charbox(i) for i in range(start, start + len(line))]
        start += len(line)
    return rings[0], boxes


@pytest.mark.parametrize("name", ["临江县档案馆", "某某市某某区档案馆", "新疆维吾尔自治区伊犁哈萨克自治州档案馆"])
def test_the_archive_name_and_date_stay_inside_the_seal(services, name):
    make_records(services)
    with services.sessions.begin() as s:
        s.execute(update(Archive).values(name=name))
    cert = issue(services)
    size, lines = signature_block(name, cert.issue_date, cjk_font())
    assert "".join(lines) == name + chinese_date(cert.issue_date) and size >= 8
    (cx, cy, outer), boxes = seal_and_signature(cert.pdf, lines)
    inside = outer * 0.9  # the ring's line is 7% of its radius
    for left, bottom, right, top in boxes:
        for x, y in ((left, bottom), (left, top), (right, bottom), (right, top)):
            assert math.hypot(x - cx, y - cy) < inside


def test_a_no_record_certificate_has_its_own_title_and_no_table(services):
    make_records(services)
    text = page_text(issue(services, kind="no_record").pdf)
    assert "查无档案记录证明" in text and "未查到关于张伟、李娜的记载" in text
    assert "档号" not in text


def test_without_a_chinese_font_the_message_names_the_package(tmp_path):
    with pytest.raises(ConfigError) as e:
        find_font({}, candidates=[])
    assert DEBIAN_PACKAGE in e.value.message and "apt-get install" in e.value.message
    assert "字体" in e.value.message
    not_a_font = tmp_path / "x.ttf"
    not_a_font.write_bytes(b"not a font")
    with pytest.raises(ConfigError, match="LANTAI_CJK_FONT"):
        find_font({"LANTAI_CJK_FONT": str(not_a_font)})
