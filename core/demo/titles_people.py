"""Builders for the person-centred livelihood categories:
婚姻登记, 计划生育, 知青, 招工工龄, 学籍, 退伍安置."""

from __future__ import annotations

from .archive import CIVIL, EDU, FAMPLAN, FONDS_NAME, PAFD, YOUTH, doc_prefix, labour_fonds
from .places import COUNTY, SCHOOLS, township_government
from .titles import ROSTER_MODES, Built, Ctx, T, built

# ---------------------------------------------------------------- 婚姻登记
_MARRY = [
    T(1950, 1979, 3, "none", "{p}、{q}结婚登记申请书"),
    T(1950, 1985, 2, "none", "{gov}{p}、{q}结婚登记审批表"),
    T(1950, 2023, 2, "none", "{p}、{q}结婚证存根"),
    T(1950, 2023, 2, "none", "{p}、{q}结婚登记档案"),
    T(1950, 2023, 1.5, "none", "男方{p}、女方{q}结婚登记材料"),
    T(1980, 2023, 4, "none", "{p}、{q}结婚登记申请书及审查处理表"),
    T(1980, 2023, 3, "none", "{p}与{q}结婚登记审查处理表"),
    T(1986, 2003, 1.5, "none", "{p}、{q}结婚登记申请书、婚前健康检查证明及审查处理表"),
    T(2003, 2023, 4, "none", "{p}、{q}申请结婚登记声明书及结婚证存根"),
]
_DIVORCE = [
    T(1950, 2023, 2, "none", "{p}、{q}离婚登记档案"),
    T(1950, 2023, 1, "none", "{p}、{q}离婚证存根"),
    T(1980, 2023, 3, "none", "{p}、{q}离婚登记申请书及离婚协议书"),
    T(1980, 2003, 2, "none", "{p}、{q}自愿离婚登记审查处理表"),
    T(2004, 2023, 2, "none", "{p}与{q}离婚登记审查处理表及离婚协议书"),
    T(2021, 2023, 2, "none", "{p}、{q}离婚登记申请受理回执单及离婚协议书"),
]
_REISSUE = [
    T(1960, 2003, 2, "none", "{p}、{q}补发结婚证明书材料"),
    T(1990, 2023, 3, "none", "{p}、{q}申请补领结婚证审查处理表"),
    T(2004, 2023, 2, "none", "{p}、{q}补领结婚证申请书及审查处理表"),
]
_REMARRY = [
    T(1980, 2023, 1, "none", "{p}、{q}复婚登记审查处理表"),
    T(1980, 2023, 1, "none", "{p}、{q}恢复结婚登记申请书"),
]


def marriage(c: Ctx, year: int) -> Built:
    rng = c.rng
    r = rng.random()
    divorce = 0.03 if year < 1980 else 0.08 if year < 2000 else 0.14
    if r < divorce:
        table, g_age, b_age = _DIVORCE, rng.randint(24, 55), None
    elif r < divorce + 0.04 and year >= 1960:
        table, g_age, b_age = _REISSUE, rng.randint(28, 72), None
    elif r < divorce + 0.055 and year >= 1980:
        table, g_age, b_age = _REMARRY, rng.randint(28, 55), None
    else:  # first marriage: legal ages 20/18 (1950 law), 22/20 (1981 law)
        g_min, b_min = (20, 18) if year < 1981 else (22, 20)
        table = _MARRY
        g_age = int(rng.triangular(g_min, g_min + 14, g_min + 3))
        b_age = max(b_min, g_age - rng.randint(0, 6))
    if b_age is None:
        b_age = max(18, g_age - rng.randint(-2, 6))
    groom = c.name(year - g_age, True)
    bride = c.name(year - b_age, False)
    t, title, _, place, town = c.render(table, year, (20, 30), p=groom, q=bride)
    by_town = place is not None or (year < 1980 and c.chance(0.6)) or (year < 2004 and c.chance(0.25))
    if by_town:
        creator, place = township_government(town, year), town
    else:
        creator = FONDS_NAME[CIVIL]
        if place is None and c.chance(0.5):
            place = town
    return Built(title, [groom, bride], place, CIVIL, creator, None, False)


# ---------------------------------------------------------------- 计划生育
_FAMPLAN = [
    T(1979, 2015, 4, "couple", "{p}、{q}夫妇领取《独生子女父母光荣证》审批表"),
    T(1979, 2015, 2, "couple", "{p}、{q}夫妇独生子女父母光荣证存根"),
    T(1984, 2015, 2, "couple", "关于同意{p}、{q}夫妇再生育一个子女的批复", True),
    T(1984, 2015, 2, "couple", "{p}、{q}夫妇生育第二个子女申请审批表"),
    T(1979, 2016, 2, "one_f", "{p}节育手术登记表"),
    T(1979, 2016, 1, "couple", "{p}、{q}夫妇计划外生育处理决定书", True),
    T(1979, 2016, 2, "roster", "{town}{year}年独生子女父母光荣证发放花名册"),
    T(2004, 2016, 2, "roster", "{town}{year}年度农村部分计划生育家庭奖励扶助对象花名册", False, (60, 72)),
    T(1985, 2016, 1.5, "one_m", "{p}独生子女父母奖励费领取登记表"),
    T(1979, 2016, 1.5, "couple", "{p}、{q}夫妇计划生育情况证明"),
    T(2014, 2016, 2, "couple", "{p}、{q}夫妇单独两孩再生育审批表"),
]


def family_planning(c: Ctx, year: int) -> Built:
    t, title, persons, place, town = c.render(_FAMPLAN, year, (23, 40))
    if not t.doc and (place is not None or c.chance(0.3)):
        creator, place = township_government(town, year), place or town
    else:
        creator = FONDS_NAME[FAMPLAN]
    prefix = doc_prefix(FAMPLAN, year) if t.doc else None
    return Built(title, persons, place, FAMPLAN, creator, prefix, t.mode in ROSTER_MODES)


# ---------------------------------------------------------------- 知青
_YOUTH = [
    T(1962, 1978, 4, "roster", "{town}{year}年下乡知识青年花名册"),
    T(1962, 1978, 3, "named", "{p}等{n}名知识青年到{town}{village}插队落户登记表"),
    T(1962, 1978, 3, "one", "{p}知识青年上山下乡登记表"),
    T(1973, 1981, 2, "named", "关于同意{p}等{n}人病退、困退返城的批复", True, (20, 30)),
    T(1973, 1981, 3, "one", "{p}病退回城审批表", False, (20, 30)),
    T(1970, 1981, 2, "one", "{p}知识青年招工（调）登记表", False, (18, 28)),
    T(1977, 1981, 2, "one", "{p}下乡知识青年回城证明材料", False, (20, 30)),
    T(1964, 1980, 1, "none", "{town}{village}知青点{year}年知青安置经费使用情况"),
    T(1968, 1979, 2, "named", "{town}{village}知青点{p}等{n}人知识青年登记表"),
    T(1962, 1981, 1.5, "one", "{p}知识青年档案材料", False, (17, 28)),
]


def youth(c: Ctx, year: int) -> Built:
    t, title, persons, place, town = c.render(_YOUTH, year, (16, 20))
    if place is not None and not t.doc and c.chance(0.25):
        creator = township_government(town, year)
    else:
        creator = FONDS_NAME[YOUTH]
    prefix = doc_prefix(YOUTH, year) if t.doc else None
    return Built(title, persons, place, YOUTH, creator, prefix, t.mode in ROSTER_MODES)


# ---------------------------------------------------------------- 招工工龄
_LABOUR = [
    T(1952, 2009, 3, "one", "关于同意{p}同志招工转正的批复", True),
    T(1952, 2009, 3, "one", "{p}招工登记表"),
    T(1952, 2009, 2, "one", "{p}招工审批表（{unit}）"),
    T(1983, 2009, 2, "named", "{unit}{year}年招收{p}等{n}名合同制工人花名册"),
    T(1952, 2009, 2, "roster", "{unit}{year}年新招工人花名册"),
    T(1978, 2023, 3, "one", "{p}工龄认定审批表", False, (40, 60)),
    T(1952, 2000, 2, "one", "{p}职工转正定级审批表"),
    T(1970, 1995, 2, "named", "关于{p}等{n}人转为全民所有制固定工的通知", True),
    T(1952, 2009, 1.5, "one", "{p}职工调动介绍信存根", False, (20, 50)),
    T(1978, 2009, 2, "one", "{p}连续工龄计算审批表", False, (35, 60)),
    T(1952, 2009, 1.5, "roster", "{unit}{year}年职工花名册", False, (18, 60)),
    T(1978, 2023, 1.5, "named", "关于{unit}{p}等{n}人退休的批复", True, (50, 60)),
    T(1996, 2023, 2, "one", "{p}视同缴费年限认定表", False, (45, 60)),
    T(2010, 2023, 1, "one", "{p}职工档案工龄核定表", False, (40, 60)),
]


def labour(c: Ctx, year: int) -> Built:
    t, title, persons, place, _ = c.render(_LABOUR, year, (17, 25))
    fonds = labour_fonds(year)
    return built(t, title, persons, place, fonds, year)


# ---------------------------------------------------------------- 学籍
_SCHOOL = [
    T(1952, 2023, 4, "roster", "{school}{year}届{level}毕业生学籍登记表"),
    T(1952, 2023, 3, "roster", "{school}{year}届{level}毕业生名册"),
    T(1952, 2023, 3, "named", "{school}{year}届{level}毕业生{p}等{n}人成绩登记表"),
    T(1952, 2023, 2, "roster", "{school}{year}届{level}毕业证书存根"),
    T(1952, 2023, 2, "one", "{school}学生{p}学籍卡"),
    T(1952, 2023, 2, "roster", "{school}{year}年新生入学登记表", False, (-1, -1)),
    T(1952, 2023, 2, "one", "{p}{level}毕业证书验印登记表"),
    T(1952, 2023, 1.5, "one", "{p}转学证明存根"),
    T(1977, 2023, 2, "roster", "{year}年{county}高考录取新生名册", False, (17, 20)),
    T(1952, 1965, 1, "roster", "{year}年{county}高等学校招生录取新生名册", False, (17, 20)),
    T(1980, 2023, 1.5, "roster", "{year}年{county}初中毕业升学考试成绩册", False, (14, 16)),
]
_GRAD_AGE = {"小学": (11, 13), "初中": (14, 16), "高中": (17, 19), "职高": (17, 19),
             "中师": (18, 20), "中专": (18, 20)}
_ENTRY_AGE = {"小学": (6, 7), "初中": (12, 13), "高中": (15, 16), "职高": (15, 16),
              "中师": (15, 17), "中专": (15, 17)}


def school(c: Ctx, year: int) -> Built:
    name, levels = c.pick(SCHOOLS)
    level = c.pick(levels)
    t = c.choose(_SCHOOL, year)
    ages = _ENTRY_AGE[level] if t.ages == (-1, -1) else t.ages or _GRAD_AGE[level]
    persons = c.persons_for(t._replace(ages=ages), year, ages)
    title = t.text.format(school=name, level=level, year=year, county=COUNTY,
                          p=persons[0] if persons else "", n=len(persons))
    return Built(title, persons, None, EDU, FONDS_NAME[EDU], None, t.mode in ROSTER_MODES)


# ---------------------------------------------------------------- 退伍安置
_VETERAN = [
    T(1954, 2023, 4, "one_m", "{p}退伍军人安置登记表", False, None, CIVIL),
    T(1954, 2010, 2, "one_m", "{p}退伍义务兵安置介绍信存根", False, None, CIVIL),
    T(1954, 2023, 2, "roster_m", "{year}年度退伍军人安置花名册", False, None, CIVIL),
    T(1954, 2023, 2, "named_m", "关于{p}等{n}名退伍军人安置工作的通知", True, None, CIVIL),
    T(1954, 2023, 3, "one_m", "{p}应征入伍登记表", False, (17, 22), PAFD),
    T(1954, 2023, 2, "roster_m", "{year}年{town}应征入伍青年花名册", False, (17, 22), PAFD),
    T(1954, 1980, 2, "one_m", "{p}复员军人登记表", False, (22, 35), CIVIL),
    T(1954, 2023, 1, "one_m", "{p}伤残军人抚恤证明", False, (22, 60), CIVIL),
    T(1984, 2023, 2, "one_m", "{p}兵役登记表", False, (18, 22), PAFD),
    T(1954, 2023, 1.5, "one_m", "关于{p}同志退出现役安置的批复", True, None, CIVIL),
    T(2011, 2023, 2, "one_m", "{p}自主就业退役士兵一次性经济补助发放表", False, None, CIVIL),
]


def veteran(c: Ctx, year: int) -> Built:
    t, title, persons, place, _ = c.render(_VETERAN, year, (20, 26))
    fonds = t.who or CIVIL
    return built(t, title, persons, place, fonds, year)
