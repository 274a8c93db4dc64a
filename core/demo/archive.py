"""The invented archive and its fonds (全宗)."""

from __future__ import annotations

from .places import AREA_CODE, COUNTY, COUNTY_SHORT

ARCHIVE: dict = {
    "code": "LJDAG",
    "name": f"{COUNTY}档案馆",
    "address": f"{COUNTY}城关镇文昌路16号（县行政中心B座）",
    "phone": f"{AREA_CODE}-7321568",
}

# code, name, first year, last year, 文号 stem (after the county character)
_FONDS_TABLE: list[tuple[str, str, int, int, str]] = [
    ("X001", f"{COUNTY}人民政府办公室", 1950, 2023, "政"),
    ("X002", f"{COUNTY}民政局", 1950, 2023, "民"),
    ("X003", f"{COUNTY}教育局", 1950, 2023, "教"),
    ("X004", f"{COUNTY}劳动局", 1952, 2009, "劳"),
    ("X005", f"{COUNTY}人武部", 1950, 2023, "武"),
    ("X006", f"{COUNTY}知青办", 1962, 1981, "知青"),
    ("X007", f"{COUNTY}计划生育委员会", 1979, 2016, "计生"),
    ("X008", f"{COUNTY}房地产管理局", 1980, 2023, "房"),
    ("X009", f"{COUNTY}国土资源局", 1987, 2023, "国土"),
    ("X010", f"{COUNTY}林业局", 1950, 2023, "林"),
    ("X011", f"{COUNTY}公证处", 1980, 2023, "证"),
    ("X012", f"{COUNTY}人力资源和社会保障局", 2010, 2023, "人社"),
    ("X013", f"{COUNTY}农业局", 1950, 2023, "农"),
    ("X014", f"{COUNTY}财政局", 1950, 2023, "财"),
    ("X015", f"{COUNTY}卫生局", 1950, 2013, "卫"),
]

FONDS: list[dict] = [{"code": c, "name": n} for c, n, _, _, _ in _FONDS_TABLE]
FONDS_NAME: dict[str, str] = {c: n for c, n, _, _, _ in _FONDS_TABLE}
FONDS_YEARS: dict[str, tuple[int, int]] = {c: (a, b) for c, _, a, b, _ in _FONDS_TABLE}
_DOC_STEM: dict[str, str] = {c: s for c, _, _, _, s in _FONDS_TABLE}

GOV = "X001"
CIVIL = "X002"
EDU = "X003"
LABOUR = "X004"
PAFD = "X005"  # 人武部
YOUTH = "X006"
FAMPLAN = "X007"
HOUSING = "X008"
LAND = "X009"
FORESTRY = "X010"
NOTARY = "X011"
HRSS = "X012"
AGRI = "X013"
FINANCE = "X014"
HEALTH = "X015"


def county_government(year: int) -> str:
    """The county government's name in a year (人民委员会 1955-67, 革命委员会 1968-79)."""
    if 1955 <= year <= 1967:
        return f"{COUNTY}人民委员会"
    if 1968 <= year <= 1979:
        return f"{COUNTY}革命委员会"
    return f"{COUNTY}人民政府"


def labour_fonds(year: int) -> str:
    """劳动局 until 2009, then 人力资源和社会保障局."""
    return LABOUR if year < 2010 else HRSS


def doc_prefix(fonds_code: str, year: int, office: bool = False) -> str:
    """The 文号 prefix for a document issued by a fonds' agency, e.g. 临政发, 临劳字, 临革发."""
    if fonds_code == GOV:
        if 1968 <= year <= 1979:
            return f"{COUNTY_SHORT}革发"
        if 1955 <= year <= 1967:
            return f"{COUNTY_SHORT}人委字"
        return f"{COUNTY_SHORT}政办发" if office else f"{COUNTY_SHORT}政发"
    stem = _DOC_STEM[fonds_code]
    return f"{COUNTY_SHORT}{stem}{'字' if year < 1990 else '发'}"


def format_doc_no(prefix: str, year: int, number: int) -> str:
    """临政发〔1992〕15号; older 字-style numbers read 临劳字〔1985〕第32号."""
    if prefix.endswith("字") and year < 1995:
        return f"{prefix}〔{year}〕第{number}号"
    return f"{prefix}〔{year}〕{number}号"
