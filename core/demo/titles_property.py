"""Builders for 工伤认定, 房地产, 林权, 公证, 收养."""

from __future__ import annotations

from .archive import CIVIL, FONDS_NAME, FORESTRY, HOUSING, LAND, NOTARY, doc_prefix, labour_fonds
from .places import township_government
from .titles import ROSTER_MODES, Built, Ctx, T, built

# ---------------------------------------------------------------- 工伤认定
_INJURY = [
    T(1990, 2023, 4, "one", "{unit}职工{p}工伤认定申请表"),
    T(2004, 2023, 3, "one", "关于{p}工伤认定的决定", True),
    T(1996, 2003, 2, "one", "关于认定{p}为工伤的结论通知", True),
    T(1990, 2023, 3, "one", "{p}劳动能力鉴定结论书"),
    T(1990, 2023, 2, "one", "{p}工伤事故调查报告"),
    T(1990, 2023, 2, "one", "{unit}关于{p}因工受伤的报告"),
    T(1990, 2023, 1, "one", "{p}因工死亡待遇核定表", False, (25, 60)),
    T(2004, 2023, 2, "one", "{p}工伤职工停工留薪期确认表"),
]


def injury(c: Ctx, year: int) -> Built:
    t, title, persons, place, _ = c.render(_INJURY, year, (20, 58))
    fonds = labour_fonds(year)
    return built(t, title, persons, place, fonds, year, roster=False)


# ---------------------------------------------------------------- 房地产 / 土地
_PROPERTY = [
    T(1980, 2023, 4, "one", "{p}房屋所有权登记申请书", False, None, HOUSING),
    T(1980, 2023, 3, "one", "{p}房屋所有权证存根（{town}{street}{num}号）", False, None, HOUSING),
    T(1980, 2023, 2, "two", "{p}、{q}房屋买卖契约及过户登记材料", False, None, HOUSING),
    T(1995, 2023, 2, "one", "{p}房屋拆迁补偿安置协议书", False, None, HOUSING),
    T(1994, 2000, 2, "couple", "{p}、{q}夫妇房改售房审批表", False, None, HOUSING),
    T(2000, 2023, 2, "one", "{p}商品房预售合同备案登记表", False, (25, 50), HOUSING),
    T(1980, 1986, 3, "one", "{p}{town}{village}社员建房用地审批表", False, None, HOUSING),
    T(1987, 2023, 3, "one", "{p}{town}{village}宅基地使用权审批表", False, None, LAND),
    T(1987, 2023, 3, "one", "{p}农村村民建房用地审批表", False, None, LAND),
    T(1990, 2023, 2, "one", "{p}国有土地使用证存根", False, None, LAND),
    T(2013, 2023, 2, "roster", "{town}{village}农村土地承包经营权确权登记花名册", False, None, LAND),
    T(1987, 2023, 1, "none", "关于{town}{village}集体土地征收补偿方案的批复", True, None, LAND),
]


def property_(c: Ctx, year: int) -> Built:
    t, title, persons, place, _ = c.render(_PROPERTY, year, (25, 65))
    fonds = t.who or HOUSING
    return built(t, title, persons, place, fonds, year)


# ---------------------------------------------------------------- 林权
_FOREST = [
    T(1981, 2023, 4, "one", "{p}林权证存根"),
    T(1981, 1985, 4, "roster", "{town}{village}林业“三定”山林权属登记表"),
    T(1981, 1986, 3, "one", "{p}自留山使用证登记表"),
    T(1981, 1995, 2, "one", "{p}责任山承包合同书"),
    T(2006, 2013, 4, "roster", "{town}{village}集体林权制度改革确权登记表"),
    T(1981, 2023, 2, "one", "{p}林木采伐许可证存根"),
    T(1981, 2023, 1, "none", "关于{town}{village}与{village2}山林权属纠纷的处理决定", True),
    T(2000, 2023, 2, "one", "{p}林权登记申请表"),
    T(2008, 2023, 1.5, "two", "{p}、{q}林地承包经营权流转合同"),
]


def forest(c: Ctx, year: int) -> Built:
    t, title, persons, place, town = c.render(_FOREST, year, (25, 65))
    if place is None and c.chance(0.6):
        place = town
    prefix = doc_prefix(FORESTRY, year) if t.doc else None
    creator = FONDS_NAME[FORESTRY]
    if t.mode in ROSTER_MODES and c.chance(0.4):
        creator = township_government(town, year)
    return Built(title, persons, place, FORESTRY, creator, prefix, t.mode in ROSTER_MODES)


# ---------------------------------------------------------------- 公证
_NOTARY = [
    T(1980, 2023, 4, "one", "{p}继承公证书", False, (30, 70)),
    T(1980, 2023, 3, "one", "{p}委托书公证书"),
    T(1980, 2023, 2, "one", "{p}出生公证书", False, (18, 35)),
    T(1980, 2023, 3, "one", "{p}亲属关系公证书"),
    T(1985, 2023, 2, "one", "{p}学历公证书", False, (18, 30)),
    T(1995, 2023, 2, "couple", "{p}、{q}婚前财产约定协议公证书", False, (22, 35)),
    T(1985, 2023, 2, "one", "{p}房屋赠与合同公证书"),
    T(1980, 2023, 2, "one", "{p}未受刑事处分公证书", False, (18, 40)),
    T(1980, 2023, 2, "one", "{p}遗嘱公证书", False, (55, 85)),
    T(1990, 2023, 1, "couple", "{p}、{q}离婚协议书公证书", False, (25, 55)),
]


def notary(c: Ctx, year: int) -> Built:
    t, title, persons, place, _ = c.render(_NOTARY, year, (25, 60))
    return Built(title, persons, place, NOTARY, FONDS_NAME[NOTARY], None, False)


# ---------------------------------------------------------------- 收养
_ADOPT = [
    T(1992, 2023, 4, "family", "{p}、{q}夫妇收养{k}登记申请书及审查处理表"),
    T(1992, 2023, 3, "couple", "{p}、{q}收养登记证存根"),
    T(1992, 2023, 2, "family", "{p}、{q}与{k}解除收养关系登记材料"),
    T(1992, 2023, 2, "family", "关于{p}、{q}收养{k}的登记审查表"),
    T(1992, 2023, 2, "child", "{county}社会福利院儿童{k}被收养材料"),
    T(1992, 2023, 2, "pchild", "{p}收养{k}登记档案"),
    T(1992, 2023, 1.5, "couple", "{p}、{q}夫妇收养查找不到生父母的弃婴登记材料"),
]


def adoption(c: Ctx, year: int) -> Built:
    t, title, persons, place, town = c.render(_ADOPT, year, (30, 50))
    if place is None and c.chance(0.5):
        place = town
    return Built(title, persons, place, CIVIL, FONDS_NAME[CIVIL], None, False)
