"""The archive's controlled vocabularies: categories, access flags, retention, classification.

One place for every list the catalogue, the search and the eligibility rules share.
"""
from __future__ import annotations

#: Canonical categories, livelihood (民生) first, most used first.
CATEGORIES: tuple[str, ...] = (
    "婚姻登记", "计划生育", "知青", "招工工龄", "学籍", "退伍安置",
    "工伤认定", "房地产", "林权", "公证", "收养", "文书",
)
LIVELIHOOD_CATEGORIES: frozenset[str] = frozenset(CATEGORIES) - {"文书"}

#: Variant spellings an archive's catalogue uses for a category (import side).
CATEGORY_VARIANTS: dict[str, str] = {
    "婚姻": "婚姻登记", "结婚登记": "婚姻登记", "离婚登记": "婚姻登记", "婚姻档案": "婚姻登记",
    "独生子女": "计划生育", "计生": "计划生育", "独生子女证": "计划生育",
    "知识青年": "知青", "上山下乡": "知青", "知青档案": "知青",
    "招工": "招工工龄", "工龄": "招工工龄", "招工招干": "招工工龄", "劳动工资": "招工工龄",
    "学历": "学籍", "学籍档案": "学籍", "学生学籍": "学籍",
    "复员退伍": "退伍安置", "兵役": "退伍安置", "退伍": "退伍安置", "退役安置": "退伍安置", "复退军人": "退伍安置",
    "工伤": "工伤认定",
    "土地": "房地产", "房产": "房地产", "房屋": "房地产", "不动产": "房地产", "土地确权": "房地产",
    "承包地确权": "房地产", "承包地": "房地产", "农民建房审批": "房地产", "农民建房": "房地产", "建房审批": "房地产",
    "林业": "林权", "林权证": "林权",
    "公证档案": "公证",
    "收养登记": "收养",
    "文书档案": "文书", "WS": "文书",
}

ACCESS_OPEN = "开放"
ACCESS_FLAGS: tuple[str, ...] = ("开放", "控制", "延期开放", "未审核")
ACCESS_VARIANTS: dict[str, str] = {"公开": "开放", "不开放": "控制", "限制": "控制", "延期": "延期开放", "待审核": "未审核"}

RETENTIONS: tuple[str, ...] = ("永久", "定期30年", "定期10年", "长期", "短期")
RETENTION_VARIANTS: dict[str, str] = {
    "Y": "永久", "D30": "定期30年", "D10": "定期10年", "30年": "定期30年", "10年": "定期10年",
    "C": "长期", "D": "短期",
}

CLASSIFICATIONS: tuple[str, ...] = ("绝密", "机密", "秘密", "非密")
CLASSIFICATION_VARIANTS: dict[str, str] = {"无": "非密", "公开": "非密", "内部": "非密"}


def canonical(value: str, allowed: tuple[str, ...], variants: dict[str, str]) -> str | None:
    """Return the canonical spelling of value, or None when it is not recognised."""
    v = value.strip()
    if v in allowed:
        return v
    return variants.get(v) or variants.get(v.upper())
