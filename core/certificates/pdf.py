"""The certificate PDF (A4): archive header, title, certificate text, record table, seal, QR and verification code.

Binding the PDF to its token: the token carries a digest of the PDF, and the PDF carries the token, so the
digest is taken over the PDF with a placeholder token of the same length (all "A"). The verification URL appears
in exactly three places, each of a fixed length: the document's Keywords, the QR (an uncompressed inline image)
and the printed verification code (Courier). `swap_url` exchanges them, so anyone can put the placeholder back
and recompute the digest (`document_digest`) from the delivered file, byte for byte.

The 档号 of the record table also travel in the document information (`/LantaiRecordRefs`, base64 of a JSON
list), so that `cert verify PDF` can read them without OCR; the digest covers them like every other byte.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.lib import textsplit as _textsplit
from reportlab.platypus import paragraph as _paragraph

from ..clock import chinese_date
from .fonts import cjk_font
from .qr import inline_image, inline_image_hex
from .seal import SEAL_RADIUS, stamp

TITLES = {"record": "档案查询证明", "no_record": "查无档案记录证明"}
CODE_FONT = "Courier-Bold"  # fixed width: the real code takes exactly the placeholder's room
# reportlab's line-start rules are Japanese ones and miss the full-width Chinese comma and friends
for _module in (_textsplit, _paragraph):
    _module.ALL_CANNOT_START += "".join(ch for ch in "，、；：！？）》」』" if ch not in _module.ALL_CANNOT_START)


class BindingError(ValueError):
    """The PDF does not carry its verification URL where the issuer put it (the file was altered)."""


@dataclass
class Content:
    """What a certificate states; names appear in the PDF only, never in the token."""

    kind: str
    number: str
    issue_date: date
    archive_name: str
    subject_names: list[str]
    category: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    place: str | None = None
    purpose: str | None = None
    records: list[tuple[str, str, str]] = field(default_factory=list)  # (档号, 题名, 日期 as record_date writes it)
    replaces: str | None = None  # the number of the certificate this one replaces


def record_date(year: int | None, month: int | None = None, day: int | None = None) -> str:
    """A catalogue date as precise as it is known, written the certificate's way: 1985年3月12日, 1985年3月, 1985年."""
    if not year:
        return "不详"
    if month and day:
        return chinese_date(date(year, month, day))
    return f"{year}年{month}月" if month else f"{year}年"


def token_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def placeholder_url(url: str) -> str:
    """The URL with its token replaced by as many "A" (what the digest is taken over)."""
    token = token_of(url)
    return url[: len(url) - len(token)] + "A" * len(token)


def verification_code(token: str) -> str:
    """The short code printed under the QR (the token's last 10 characters, from the signature)."""
    tail = token.upper()[-10:]
    return f"{tail[:5]}-{tail[5:]}"


def _places(url: str) -> list[bytes]:
    return [b"/Keywords (" + url.encode() + b")", inline_image_hex(url).encode(),
            b"(" + verification_code(token_of(url)).encode() + b")"]


def swap_url(pdf: bytes, old_url: str, new_url: str) -> bytes:
    """The PDF with one verification URL exchanged for another of the same length; BindingError if not found."""
    for old, new in zip(_places(old_url), _places(new_url)):
        if len(old) != len(new) or pdf.count(old) != 1:
            raise BindingError("verification URL not found exactly once")
        pdf = pdf.replace(old, new)
    return pdf


def document_digest(pdf: bytes, url: str) -> bytes:
    """SHA-256 of the PDF with its verification URL's token set to the placeholder."""
    return hashlib.sha256(swap_url(pdf, url, placeholder_url(url))).digest()


_REFS_KEY = b"/LantaiRecordRefs ("


def record_refs_of(pdf: bytes) -> tuple[str, ...] | None:
    """The 档号 of the PDF's record table, from the copy in its document information; None if absent or bad."""
    start = pdf.find(_REFS_KEY)
    if start < 0:
        return None
    end = pdf.find(b")", start)
    try:
        refs = json.loads(base64.b64decode(pdf[start + len(_REFS_KEY):end], validate=True).decode())
    except (binascii.Error, ValueError):
        return None
    return tuple(refs) if isinstance(refs, list) and all(isinstance(r, str) for r in refs) else None


def keywords_url(pdf: bytes) -> str | None:
    """The verification URL a Lantai PDF carries in its Keywords (read back without OCR)."""
    start = pdf.find(b"/Keywords (")
    if start < 0:
        return None
    end = pdf.find(b")", start)
    return pdf[start + len(b"/Keywords ("):end].decode("latin-1")


def _years(c: Content) -> str:
    if c.year_from and c.year_to and c.year_from != c.year_to:
        return f"{c.year_from}年至{c.year_to}年"
    year = c.year_from or c.year_to
    return f"{year}年" if year else ""


def statement(c: Content) -> list[str]:
    """The certificate's paragraphs: only what was asked (names, kind, years, place, purpose)."""
    names = "、".join(c.subject_names)
    scope = f"{_years(c)}{c.place or ''}{c.category or ''}档案"
    if c.kind == "record":
        text = [f"经查，本馆馆藏{scope}中有关于{names}的记载，共{len(c.records)}件，档号、题名及日期见下表。"]
    else:
        text = [f"经查，本馆馆藏{scope}中，未查到关于{names}的记载。"]
    if c.purpose:
        text.append(f"本证明应申请人要求出具，用于：{c.purpose}。")
    if c.replaces:
        text.append(f"本证明替代编号为 {c.replaces} 的证明，原证明作废。")
    text.append("本证明仅证明本馆馆藏档案的记载情况。特此证明。")
    return text


class _Title(Flowable):
    """The title, letter-spaced the way certificates are (as spacing, not spaces: it copies and searches whole)."""

    def __init__(self, width: float, text: str, font: str):
        super().__init__()
        self.width, self.height, self.text, self.font = width, 12 * mm, text, font

    def draw(self):
        self.canv.setFont(self.font, 24)
        self.canv.drawCentredString(self.width / 2, 2 * mm, self.text, charSpace=8)


class _Footer(Flowable):
    """QR with verification code on the left; archive name and date under the seal on the right."""

    def __init__(self, width: float, url: str, archive_name: str, issue_date: date, font: str):
        super().__init__()
        self.width, self.height = width, 62 * mm
        self.url, self.archive_name, self.issue_date, self.font = url, archive_name, issue_date, font

    def draw(self):
        c, qr = self.canv, 38 * mm
        c.addLiteral(inline_image(self.url, 0, 16 * mm, qr))
        c.setFont(self.font, 9)
        c.drawString(2 * mm, 12 * mm, f"扫描二维码核验真伪　查档日期：{chinese_date(self.issue_date)}")
        c.drawString(2 * mm, 7 * mm, "验证码")
        c.setFont(CODE_FONT, 10)
        c.drawString(13 * mm, 7 * mm, verification_code(token_of(self.url)))
        stamp(c, self.width - 6 * mm - SEAL_RADIUS, 36 * mm, self.archive_name, self.issue_date, self.font)


class _Info(PDFInfo):
    """The document information, with the record table's 档号 for machines (see record_refs_of)."""

    record_refs: tuple[str, ...] = ()

    def format(self, document):
        refs = base64.b64encode(json.dumps(list(self.record_refs), ensure_ascii=False).encode()).decode()
        return PDFDictionary({
            "Title": PDFString(self.title), "Author": PDFString(self.author),
            "CreationDate": PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter),
            "ModDate": PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter),
            "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
            "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
            "Trapped": PDFName(self.trapped), "LantaiRecordRefs": PDFString(refs)}).format(document)


class _Canvas(Canvas):
    """Pages stay uncompressed (so the URL can be swapped byte for byte); fonts are still compressed."""

    def __init__(self, *args, record_refs: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        info = _Info()
        info.__dict__.update(self._doc.info.__dict__)
        info.record_refs = tuple(record_refs)
        self._doc.info = info

    def save(self):
        self.setPageCompression(1)
        super().save()


def render(content: Content, url: str) -> bytes:
    """The certificate PDF for the content, carrying `url` in its QR, code and Keywords."""
    font = cjk_font()
    base = ParagraphStyle("body", fontName=font, fontSize=13, leading=24, wordWrap="CJK")
    buf = io.BytesIO()
    title = TITLES[content.kind]
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=22 * mm,
                            bottomMargin=18 * mm, pageCompression=0, title=f"{title} {content.number}",
                            author=content.archive_name, subject=title, creator="兰台 Lantai", keywords=url)
    story = [
        Paragraph(escape(content.archive_name), ParagraphStyle("h", parent=base, fontSize=16, alignment=TA_CENTER)),
        Spacer(1, 6 * mm),
        _Title(doc.width, title, font),
        Spacer(1, 4 * mm),
        Paragraph(f"编号：{content.number}", ParagraphStyle("n", parent=base, fontSize=11, alignment=TA_RIGHT)),
        Spacer(1, 4 * mm),
    ]
    story += [Paragraph(escape(p), ParagraphStyle("p", parent=base, firstLineIndent=26)) for p in statement(content)]
    if content.kind == "record":
        story += [Spacer(1, 5 * mm), _record_table(content.records, base, doc.width)]
    story += [Spacer(1, 10 * mm), KeepTogether(_Footer(doc.width, url, content.archive_name, content.issue_date, font))]
    doc.build(story, canvasmaker=partial(_Canvas, record_refs=tuple(r[0] for r in content.records)))
    return buf.getvalue()


def _record_table(records: list[tuple[str, str, str]], base: ParagraphStyle, width: float) -> Table:
    cell = ParagraphStyle("c", parent=base, fontSize=10, leading=14)
    head = ParagraphStyle("ch", parent=cell, alignment=TA_CENTER)
    rows = [[Paragraph(h, head) for h in ("序号", "档号", "题名", "日期")]]
    rows += [[Paragraph(str(i), head), Paragraph(escape(ref), cell), Paragraph(escape(title), cell),
              Paragraph(escape(when), cell)]
             for i, (ref, title, when) in enumerate(records, 1)]
    table = Table(rows, colWidths=[12 * mm, 48 * mm, width - 84 * mm, 24 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    return table
