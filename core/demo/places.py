"""Geography of the invented 临江县: townships, villages, schools, work units, streets.

Everything here is static data; the generators pick from it with a seeded RNG.
"""

from __future__ import annotations

COUNTY = "临江县"
COUNTY_SHORT = "临"  # first character, used in 文号 such as 临政发〔1992〕15号
AREA_CODE = "0795"

# Township -> villages (or 社区 for the urban 街道).  Order is stable: the
# generators index into these lists, so changing the order changes the data.
_TOWNSHIP_VILLAGES: dict[str, list[str]] = {
    "城关镇": ["东关村", "西关村", "南门村", "北郊村", "塔下村", "桥头村"],
    "河上镇": ["河上村", "沙洲村", "渡口村", "杨柳村", "湾里村", "新塘村"],
    "石桥乡": ["石桥村", "坪上村", "岭下村", "梅子坑村", "上店村"],
    "白沙镇": ["白沙村", "沙坪村", "洲头村", "枫树村", "下湾村", "陈家村"],
    "青龙镇": ["青龙村", "龙口村", "田心村", "石门村", "大坪村", "竹山村"],
    "柳溪乡": ["柳溪村", "溪口村", "上源村", "茶园村", "黄土岭村"],
    "马头镇": ["马头村", "码头村", "新街村", "五里村", "何家村", "横塘村"],
    "古城镇": ["古城村", "城头村", "老屋村", "西岸村", "高田村"],
    "清水乡": ["清水村", "水口村", "松林村", "坳上村", "长坑村"],
    "龙潭乡": ["龙潭村", "潭头村", "桃源村", "上坪村", "李家村"],
    "高桥镇": ["高桥村", "桥东村", "桥西村", "樟树村", "刘家村", "新屋村"],
    "东门街道": ["东门社区", "江滨社区", "文昌社区", "柴市社区"],
    "梅岭乡": ["梅岭村", "岭上村", "竹坑村", "大源村", "杉木村"],
}

TOWNSHIPS: list[str] = list(_TOWNSHIP_VILLAGES)
VILLAGES: dict[str, list[str]] = {t: list(v) for t, v in _TOWNSHIP_VILLAGES.items()}
ALL_VILLAGES: list[str] = [v for vs in _TOWNSHIP_VILLAGES.values() for v in vs]


def township_base(township: str) -> str:
    """城关镇 -> 城关, 石桥乡 -> 石桥, 东门街道 -> 东门."""
    for suffix in ("街道", "镇", "乡"):
        if township.endswith(suffix):
            return township[: -len(suffix)]
    return township


def township_government(township: str, year: int) -> str:
    """Name of a township's government in a given year (人民公社 1958-1983)."""
    if township.endswith("街道"):
        return f"{township}办事处"
    if 1958 <= year <= 1983:
        return f"{township_base(township)}人民公社"
    return f"{township}人民政府"


# Main streets per township, used in addresses (centres, 房地产 titles).
STREETS: dict[str, list[str]] = {
    "城关镇": ["人民路", "解放路", "中山路", "建设路", "滨江路", "文化路", "新华街"],
    "河上镇": ["河滨路", "老街", "新华路"],
    "石桥乡": ["石桥街", "府前路"],
    "白沙镇": ["白沙大道", "沙洲路", "老街"],
    "青龙镇": ["青龙大道", "振兴路"],
    "柳溪乡": ["柳溪街", "溪东路"],
    "马头镇": ["码头街", "马头大道", "新街"],
    "古城镇": ["古城路", "南街", "北街"],
    "清水乡": ["清水街", "迎宾路"],
    "龙潭乡": ["龙潭街", "政府路"],
    "高桥镇": ["高桥大道", "桥东路", "樟树街"],
    "东门街道": ["东门路", "江滨路", "文昌路", "柴市街"],
    "梅岭乡": ["梅岭街", "府前路"],
}

# (name, graduating levels) — 学籍 records are filed by school and 届.
SCHOOLS: list[tuple[str, tuple[str, ...]]] = [
    ("临江县第一中学", ("初中", "高中")),
    ("临江县第二中学", ("初中", "高中")),
    ("城关中学", ("初中", "高中")),
    ("河上中学", ("初中", "高中")),
    ("石桥中学", ("初中",)),
    ("白沙中学", ("初中", "高中")),
    ("青龙中学", ("初中",)),
    ("马头中学", ("初中", "高中")),
    ("古城中学", ("初中",)),
    ("高桥中学", ("初中",)),
    ("柳溪中学", ("初中",)),
    ("临江县职业中学", ("职高",)),
    ("临江师范学校", ("中师",)),
    ("临江县卫生学校", ("中专",)),
    ("城关小学", ("小学",)),
    ("临江县实验小学", ("小学",)),
    ("河上中心小学", ("小学",)),
    ("白沙中心小学", ("小学",)),
]
SCHOOL_NAMES: list[str] = [s for s, _ in SCHOOLS]

# State/collective enterprises and institutions named in 招工 / 工伤 titles.
WORK_UNITS: list[str] = [
    "临江县农机厂", "临江县化肥厂", "临江县棉纺厂", "临江县水泥厂", "临江县酒厂",
    "临江县造纸厂", "临江县茶厂", "临江县印刷厂", "临江县电厂", "临江县机械厂",
    "临江县供销合作社", "临江县食品公司", "临江县百货公司", "临江县粮食局粮油加工厂",
    "临江县汽车运输公司", "临江县人民医院", "临江县中医院", "临江县自来水公司",
    "城关镇综合厂", "白沙镇砖瓦厂", "河上镇竹木加工厂", "临江县林场", "青龙镇农械厂",
]

# Rough real-looking coordinates (latitude, longitude) of each township seat.
TOWNSHIP_COORDS: dict[str, tuple[float, float]] = {
    "城关镇": (27.9312, 115.4127),
    "河上镇": (27.9876, 115.5243),
    "石桥乡": (27.8421, 115.3318),
    "白沙镇": (28.0534, 115.3762),
    "青龙镇": (27.8735, 115.5698),
    "柳溪乡": (28.1023, 115.4589),
    "马头镇": (27.9642, 115.2817),
    "古城镇": (27.7968, 115.4475),
    "清水乡": (28.0812, 115.2634),
    "龙潭乡": (27.7584, 115.3221),
    "高桥镇": (28.0127, 115.6135),
    "东门街道": (27.9359, 115.4236),
    "梅岭乡": (27.8157, 115.6042),
}

_COMMUNES = [f"{township_base(t)}人民公社" for t in TOWNSHIPS if not t.endswith("街道")]
_STREET_NAMES = sorted({s for ss in STREETS.values() for s in ss})

# Everything that may appear as a place word in titles/creators; the search
# engine loads this into its segmenter dictionary.
PLACES: list[str] = list(
    dict.fromkeys(
        [COUNTY] + TOWNSHIPS + ALL_VILLAGES + SCHOOL_NAMES + WORK_UNITS + _COMMUNES + _STREET_NAMES
    )
)
