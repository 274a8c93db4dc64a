"""Builder for 文书 (administrative documents of the county's agencies)."""

from __future__ import annotations

import itertools
from functools import lru_cache

from .archive import FONDS_NAME, FONDS_YEARS, GOV, county_government, doc_prefix
from .titles import Built, Ctx, T

# (first year, last year, topic) — the county government's concerns by era.
_GOV_TOPICS: list[tuple[int, int, str]] = [
    (1950, 1953, "土地改革"), (1950, 1956, "互助合作"), (1953, 1965, "粮食统购统销"),
    (1950, 1960, "扫除文盲"), (1952, 2023, "爱国卫生运动"), (1950, 2023, "农业生产"),
    (1950, 2023, "防汛抗旱"), (1950, 2023, "冬修水利"), (1964, 1978, "农业学大寨"),
    (1950, 2023, "春耕生产"), (1979, 1985, "家庭联产承包责任制"), (1979, 2023, "计划生育"),
    (1984, 2000, "乡镇企业"), (1985, 2005, "减轻农民负担"), (1994, 2010, "普及九年义务教育"),
    (2000, 2006, "农村税费改革"), (2003, 2012, "新型农村合作医疗"), (2006, 2015, "社会主义新农村建设"),
    (2014, 2020, "精准扶贫"), (2016, 2023, "河长制"), (2013, 2023, "美丽乡村建设"),
    (2020, 2022, "新冠肺炎疫情防控"), (1950, 2023, "森林防火"), (1950, 2023, "征兵"),
    (1986, 2023, "安全生产"), (1986, 2023, "普法教育"), (1995, 2023, "档案工作"),
    (1950, 2023, "财政预算"), (1999, 2023, "城乡居民最低生活保障"), (2021, 2023, "乡村振兴"),
    (1953, 1953, "第一次全国人口普查"), (1964, 1964, "第二次全国人口普查"),
    (1982, 1982, "第三次全国人口普查"), (1990, 1990, "第四次全国人口普查"),
    (2000, 2000, "第五次全国人口普查"), (2010, 2010, "第六次全国人口普查"),
    (2020, 2020, "第七次全国人口普查"),
]
_ALL = (1950, 2023)
_AGENCY_TOPICS: dict[str, list[tuple[int, int, str]]] = {
    "X002": [(*_ALL, "救灾救济"), (*_ALL, "优抚安置"), (*_ALL, "五保供养"), (1956, 2023, "殡葬改革"),
             (*_ALL, "社会福利院管理"), (1999, 2023, "城乡最低生活保障"),
             (1988, 2023, "村民委员会换届选举"), (*_ALL, "婚姻登记管理")],
    "X003": [(*_ALL, "中小学教学"), (1950, 1990, "扫盲"), (1960, 2000, "民办教师"),
             (1986, 2010, "普及九年义务教育"), (1990, 2023, "中小学校舍危房改造"),
             (1977, 2023, "高考"), (1986, 2023, "教师职称评定"), (*_ALL, "中小学学籍管理")],
    "X004": [(*_ALL, "劳动就业"), (*_ALL, "劳动工资"), (*_ALL, "劳动保护"), (*_ALL, "招工"),
             (1986, 2009, "劳动合同制"), (1991, 2009, "养老保险"), (1995, 2005, "下岗职工再就业")],
    "X005": [(*_ALL, "征兵"), (*_ALL, "民兵整组"), (1984, 2023, "兵役登记"),
             (*_ALL, "国防教育"), (*_ALL, "民兵训练")],
    "X006": [(*_ALL, "知识青年安置"), (*_ALL, "知青点建设"), (*_ALL, "知青招工"), (1973, 1981, "知青返城")],
    "X007": [(*_ALL, "计划生育"), (*_ALL, "独生子女奖励"), (*_ALL, "人口统计"),
             (1990, 2023, "流动人口计划生育管理")],
    "X008": [(*_ALL, "公房管理"), (1988, 2000, "城镇住房制度改革"), (*_ALL, "房屋产权登记"),
             (1998, 2023, "房地产市场管理")],
    "X009": [(*_ALL, "土地利用总体规划"), (*_ALL, "耕地保护"), (*_ALL, "建设用地审批"), (*_ALL, "地籍调查")],
    "X010": [(*_ALL, "植树造林"), (*_ALL, "森林防火"), (*_ALL, "木材采伐"), (1981, 2023, "林权登记"),
             (*_ALL, "封山育林"), (1999, 2023, "退耕还林")],
    "X011": [(*_ALL, "公证业务"), (*_ALL, "法律服务")],
    "X012": [(*_ALL, "就业创业"), (*_ALL, "社会保险"), (*_ALL, "职称评审"), (*_ALL, "劳动保障监察"),
             (*_ALL, "事业单位公开招聘")],
    "X013": [(*_ALL, "农业生产"), (*_ALL, "病虫害防治"), (*_ALL, "良种推广"), (*_ALL, "水稻生产"),
             (*_ALL, "农业技术推广"), (*_ALL, "农机管理")],
    "X014": [(*_ALL, "财政预算"), (1950, 2005, "农业税征收"), (*_ALL, "财务检查"), (*_ALL, "国有资产管理")],
    "X015": [(*_ALL, "爱国卫生运动"), (1955, 1985, "血吸虫病防治"), (1965, 1985, "合作医疗"),
             (*_ALL, "卫生防疫"), (1968, 1985, "赤脚医生培训"), (2003, 2013, "新型农村合作医疗")],
}
_MATTERS = [
    "修建中心小学校舍", "设立农贸市场", "调整村级行政区划", "修建小型水库", "修建乡村公路",
    "建设敬老院", "新建卫生院门诊楼", "建设集镇自来水工程", "兴办茶叶加工厂", "修建防洪堤",
]
_STATUS = ["任职", "免职", "退休", "工作调动", "职务任免"]

_ADMIN = [
    T(1950, 2023, 3, "none", "{org}关于印发{year}年{topic}工作要点的通知", True),
    T(1950, 2023, 3, "none", "{org}关于{topic}工作情况的报告", True),
    T(1950, 2023, 2, "none", "{org}关于同意{town}{matter}的批复", True),
    T(1950, 2023, 2, "none", "{org}{year}年工作总结"),
    T(1950, 2023, 2, "none", "{org}关于召开全县{topic}工作会议的通知", True),
    T(1950, 2023, 1.5, "none", "{org}关于表彰{year}年度{topic}先进集体和先进个人的决定", True),
    T(1950, 2023, 1, "few", "{org}关于{p}等同志职务任免的通知", True, (28, 55)),
    T(1950, 2023, 1, "one", "关于{p}同志{status}的通知", True, (25, 60)),
    T(1980, 2023, 1.5, "none", "{org}{year}年第{seq}次{meeting}纪要"),
    T(1950, 2023, 2, "none", "关于转发{upper}《关于{topic}的通知》的通知", True),
    T(1950, 2023, 1.5, "none", "{org}关于{town}{year}年{topic}情况的调查报告"),
    T(1950, 2023, 1.5, "none", "{org}关于成立{county}{topic}工作领导小组的通知", True),
    T(1950, 2023, 1, "none", "{org}大事记（{year}年）"),
    T(1950, 2023, 1.5, "none", "{org}关于下达{year}年{topic}任务的通知", True),
    T(1950, 2023, 1, "none", "{org}关于{topic}有关问题的请示", True),
]


def _upper(year: int) -> str:
    if year < 1968:
        return "专员公署"
    if year < 1980:
        return "地区革命委员会"
    if year < 2000:
        return "地区行政公署"
    return "市人民政府"


@lru_cache(maxsize=None)
def _issuers(year: int) -> tuple[list[str], list[float]]:
    codes, weights = [], []
    for code, (lo, hi) in FONDS_YEARS.items():
        if lo <= year <= hi:
            codes.append(code)
            weights.append(6.0 if code == GOV else 0.45)
    return codes, list(itertools.accumulate(weights))


@lru_cache(maxsize=None)
def _topics(code: str, year: int) -> list[str]:
    table = _GOV_TOPICS if code == GOV else _AGENCY_TOPICS[code]
    return [t for lo, hi, t in table if lo <= year <= hi]


def admin(c: Ctx, year: int) -> Built:
    rng = c.rng
    codes, cum = _issuers(year)
    code = rng.choices(codes, cum_weights=cum)[0]
    office = False
    if code == GOV:
        office = rng.random() < 0.3
        org = county_government(year) + ("办公室" if office else "")
        meeting = "常务会议" if rng.random() < 0.7 else "县长办公会议"
    else:
        org = FONDS_NAME[code]
        meeting = "局务会议" if org.endswith("局") else "办公会议"
    t, title, persons, place, _ = c.render(
        _ADMIN, year, (28, 55), org=org, topic=c.pick(_topics(code, year)), matter=c.pick(_MATTERS),
        status=c.pick(_STATUS), upper=_upper(year), meeting=meeting, seq=rng.randint(1, 30),
    )
    prefix = doc_prefix(code, year, office) if t.doc else None
    return Built(title, persons, place, code, org, prefix, False)
