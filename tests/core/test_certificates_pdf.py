"""The certificate PDF as a reader sees it: embedded Chinese font, the text, and a QR a real decoder reads."""
import re

import pypdfium2 as pdfium
import pytest
import zxingcpp

from core.certificates import verify_url
from core.certificates.fonts import DEBIAN_PACKAGE, find_font
from core.errors import ConfigError
from core.settings import Settings
from tests.core.application_factories import make_centre, move, submit
from tests.core.certificate_factories import LONG_BASE_URL, REFS, issue, make_records


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
