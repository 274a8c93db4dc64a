"""Parse and validate one catalogue row: column names, dates, vocabularies, lengths."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date, datetime

from ..vocabulary import (
    ACCESS_FLAGS, ACCESS_VARIANTS, CATEGORIES, CATEGORY_VARIANTS, CLASSIFICATIONS, CLASSIFICATION_VARIANTS,
    RETENTIONS, RETENTION_VARIANTS, canonical,
)

#: field → accepted column headers (Chinese as archives export them, then English aliases).
COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("档号", "ref"),
    "title": ("题名", "title"),
    "date": ("日期", "date", "形成日期", "文件日期"),
    "creator": ("责任者", "creator"),
    "retention": ("保管期限", "retention"),
    "access": ("开放标识", "access", "开放状态"),
    "category": ("类别", "category", "档案类别"),
    "persons": ("人名", "persons"),
    "place": ("地点", "place"),
    "fonds_code": ("全宗号", "fonds_code"),
    "fonds": ("全宗名称", "fonds", "全宗名"),
    "doc_no": ("文号", "doc_no"),
    "classification": ("密级", "classification"),
    "pages": ("页数", "pages"),
    "note": ("备注", "note"),
}
REQUIRED = ("ref", "title", "date")
IGNORED_HEADERS = frozenset({"序号", "no", "#", "id"})
LABELS = {f: names[0] for f, names in COLUMNS.items()}
_HEADER_INDEX = {name.lower(): f for f, names in COLUMNS.items() for name in names}
_MAX_LEN = {"ref": 64, "title": 1000, "creator": 200, "place": 100, "fonds_code": 32, "fonds": 200,
            "doc_no": 100, "note": 2000}
_PERSON_SEPARATORS = re.compile(r"[、，,；;]+")
_SPACES = re.compile(r"\s+")
_DATE_PATTERNS = (
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})"),
    re.compile(r"(?P<y>\d{4})"),
    re.compile(r"(?P<y>\d{4})[-./](?P<m>\d{1,2})(?:[-./](?P<d>\d{1,2}))?"),
    re.compile(r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?)?"),
)
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2})?$")
DATE_HINT = "应写作 19850312、1985-03-12、1985.3.12、1985年3月12日、1985-03 或 1985"


def header_field(header: object) -> str | None:
    """Map a column header (Chinese or English, any width or case) to its field name."""
    h = _SPACES.sub("", unicodedata.normalize("NFKC", str(header or ""))).strip("*").lower()
    h = re.sub(r"[(（].*?[)）]$", "", h)  # 日期(YYYYMMDD) → 日期
    return _HEADER_INDEX.get(h)


def is_ignored_header(header: object) -> bool:
    """Headers such as 序号 that carry no catalogue data."""
    return str(header or "").strip().lower() in IGNORED_HEADERS or not str(header or "").strip()


@dataclass
class RecordData:
    """A validated catalogue row, ready to write."""

    ref: str
    title: str
    date_year: int
    date_month: int | None = None
    date_day: int | None = None
    creator: str | None = None
    retention: str | None = None
    access: str = "未审核"
    category: str | None = None
    persons: list[str] = field(default_factory=list)
    place: str | None = None
    fonds_code: str | None = None
    fonds_name: str | None = None
    doc_no: str | None = None
    classification: str | None = None
    pages: int | None = None
    note: str | None = None

    def values(self) -> dict[str, object]:
        """The fields as a plain dict (a shallow copy; dataclasses.asdict deep-copies and is slow)."""
        return {name: getattr(self, name) for name in _FIELD_NAMES}

    def content_hash(self) -> str:
        """A digest of every field: equal digests mean re-importing the row changes nothing."""
        blob = json.dumps(self.values(), ensure_ascii=False, sort_keys=True)
        return hashlib.md5(blob.encode(), usedforsecurity=False).hexdigest()


_FIELD_NAMES = tuple(f.name for f in fields(RecordData))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_date(value: object) -> tuple[int, int | None, int | None]:
    """Parse a full or partial catalogue date; raises ValueError with a Chinese reason."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        y, m, d = value.year, value.month, value.day
    else:
        s = _TIME_SUFFIX.sub("", unicodedata.normalize("NFKC", _text(value)).strip()).replace(" ", "")
        if not s:
            raise ValueError("日期不能为空")
        match = next((m for p in _DATE_PATTERNS if (m := p.fullmatch(s))), None)
        if match is None:
            raise ValueError(f"日期「{s}」无法识别，{DATE_HINT}")
        parts = match.groupdict()
        y = int(parts["y"])
        m = int(parts["m"]) if parts.get("m") else None
        d = int(parts["d"]) if parts.get("d") and m else None
        m, d = (m or None), (d or None)  # 19850000, 1985-03-00: catalogues write 00 for "not known"
        try:
            date(y, m or 1, d or 1)
        except ValueError:
            raise ValueError(f"日期「{s}」不存在") from None
    if y < 1600:
        raise ValueError(f"日期年份 {y} 不合理")
    if date(y, m or 1, d or 1) > date.today():
        raise ValueError("日期晚于今天")
    return y, m, d


def split_persons(text: str) -> list[str]:
    """Split a 人名 cell on 、，,；; and spaces; single characters between spaces are register padding
    (王　芳 is one name), so they are joined back."""
    names: list[str] = []
    for part in _PERSON_SEPARATORS.split(text):
        pieces = part.split()
        names += pieces if all(len(p) >= 2 for p in pieces) else ["".join(pieces)]
    return names


def _vocab(value: str, label: str, allowed: tuple[str, ...], variants: dict[str, str]) -> str:
    result = canonical(value, allowed, variants)
    if result is None:
        raise ValueError(f"{label}「{value}」不在可用值内（{'、'.join(allowed)}）")
    return result


def parse_row(raw: dict[str, object]) -> tuple[RecordData | None, list[tuple[str, str]]]:
    """Validate one row given as {field: cell}; return the record or the (field, reason) problems."""
    text = {f: _text(raw.get(f)) for f in COLUMNS}
    problems: list[tuple[str, str]] = []
    for f in REQUIRED:
        if not text[f]:
            problems.append((f, f"{LABELS[f]}不能为空"))
    for f, limit in _MAX_LEN.items():
        if len(text[f]) > limit:
            problems.append((f, f"{LABELS[f]}超过{limit}个字符"))
    ref = unicodedata.normalize("NFKC", text["ref"]).replace("•", "·")
    if ref and re.search(r"\s", ref):
        problems.append(("ref", "档号中不能有空格"))
    y = m = d = None
    if text["date"] or isinstance(raw.get("date"), (date, datetime)):
        try:
            y, m, d = parse_date(raw.get("date"))
        except ValueError as e:
            problems.append(("date", str(e)))
    checks = {
        "retention": ("保管期限", RETENTIONS, RETENTION_VARIANTS),
        "access": ("开放标识", ACCESS_FLAGS, ACCESS_VARIANTS),
        "category": ("类别", CATEGORIES, CATEGORY_VARIANTS),
        "classification": ("密级", CLASSIFICATIONS, CLASSIFICATION_VARIANTS),
    }
    vocab: dict[str, str | None] = {}
    for f, (label, allowed, variants) in checks.items():
        vocab[f] = None
        if text[f]:
            try:
                vocab[f] = _vocab(text[f], label, allowed, variants)
            except ValueError as e:
                problems.append((f, str(e)))
    pages = None
    if text["pages"]:
        digits = unicodedata.normalize("NFKC", text["pages"])
        if digits.isascii() and digits.isdigit() and 0 < int(digits) < 100000:
            pages = int(digits)
        else:
            problems.append(("pages", f"页数「{text['pages']}」应为正整数"))
    persons_raw = raw.get("persons")
    persons = list(dict.fromkeys(n for n in (
        persons_raw if isinstance(persons_raw, list) else split_persons(text["persons"])) if n))
    if any(len(n) > 30 for n in persons):
        problems.append(("persons", "人名过长（每个人名不超过30个字符，多人请用顿号分隔）"))
    if vocab["access"] == "开放" and vocab["classification"] in ("绝密", "机密", "秘密"):
        problems.append(("access", f"{vocab['classification']}档案不能标为开放"))
    if problems:
        return None, problems
    fonds_code = text["fonds_code"] or (ref.split("-", 1)[0] if "-" in ref else "") or None
    if fonds_code and len(fonds_code) > _MAX_LEN["fonds_code"]:
        return None, [("fonds_code", f"全宗号「{fonds_code[:40]}」超过{_MAX_LEN['fonds_code']}个字符")]
    return RecordData(
        ref=ref, title=text["title"], date_year=y, date_month=m, date_day=d,
        creator=text["creator"] or None, retention=vocab["retention"], access=vocab["access"] or "未审核",
        category=vocab["category"], persons=persons, place=text["place"] or None,
        fonds_code=fonds_code, fonds_name=text["fonds"] or None, doc_no=text["doc_no"] or None,
        classification=vocab["classification"], pages=pages, note=text["note"] or None,
    ), []
