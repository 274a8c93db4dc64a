"""Eligibility in words: who may obtain a category of records and with which papers, for the relation a citizen
names (查我父母的结婚档案 → only as their agent, or as next of kin after their death). The rules themselves are
core.eligibility's."""
from __future__ import annotations

from ..eligibility import RELATIONS, check_eligibility
from .i18n import category_label, localise, paper, relation_label
from .texts import say

#: Relation slot → the eligibility relations it may stand for, in the order to explain them.
RELATION_KEYS: dict[str, tuple[str, ...]] = {
    "本人": ("self",), "委托": ("agent",), "监护": ("guardian",), "已故亲属": ("kin",), "律师": ("lawyer",),
    "机关": ("authority",), "父母": ("agent", "kin"), "配偶": ("agent", "kin"), "兄弟姐妹": ("agent", "kin"),
    "祖父母": ("agent", "kin"), "子女": ("guardian", "agent", "kin"),
}
#: Relations where the asker is family of the person in the record: agent or next of kin, depending.
KIN_RELATIONS = frozenset({"父母", "配偶", "兄弟姐妹", "祖父母", "子女"})
#: How to call the person in the record, for each kin relation.
WHO: dict[str, str] = {"父母": "父母", "配偶": "配偶", "兄弟姐妹": "兄弟姐妹", "祖父母": "祖辈", "子女": "子女"}
_WHEN: dict[str, str] = {"agent": "{who}健在的，须由{who}委托您代办", "kin": "{who}已去世的，您作为近亲属/继承人办理",
                         "guardian": "{who}未成年或无民事行为能力的，您作为监护人办理"}
WHO_EN: dict[str, str] = {"父母": "your parents", "配偶": "your spouse", "兄弟姐妹": "your siblings",
                          "祖父母": "your grandparents", "子女": "your children"}
_WHEN_EN: dict[str, str] = {"agent": "if the person in the record is alive, they must authorise you as their agent",
                            "kin": "if the person in the record has died, you apply as next of kin / heir",
                            "guardian": "if the person in the record is a minor or lacks legal capacity, you apply "
                                        "as guardian"}


def unique_relation(relation_slot: str | None) -> str | None:
    """The eligibility relation when the slot leaves no choice (本人 → self), else None."""
    keys = RELATION_KEYS.get(relation_slot or "")
    return keys[0] if keys and len(keys) == 1 else None


def papers_text(category: str, relation: str, lang: str = "zh", key: str = "papers") -> str:
    """「请带：① … ② …」 (key: papers, papers_at_window, papers_at_pickup) or the reason it is refused."""
    e = check_eligibility(category, relation)
    if not e.allowed:
        return localise(e.reason or "", lang)
    return say(key, lang, papers=("; " if lang == "en" else "；").join(f"{i}. {paper(p, lang)}" for i, p in enumerate(e.papers, 1)))


def explain(category: str | None, relation_slot: str | None, lang: str = "zh") -> str | None:
    """Who may obtain this category for this relation, and the papers; None when there is nothing to explain."""
    keys = RELATION_KEYS.get(relation_slot or "")
    if not keys or not category:
        return None
    en = lang == "en"
    if len(keys) == 1:
        if en:
            return (f"Applying as {relation_label(keys[0], lang)} for {category_label(category, lang)} records: "
                    f"{papers_text(category, keys[0], lang)}")
        return f"以{RELATIONS[keys[0]]}身份办理{category}档案，{papers_text(category, keys[0])}"
    if en:
        who = WHO_EN[relation_slot]
        lines = [f"{category_label(category, lang)} records hold personal information: records of {who} cannot "
                 f"simply be looked up for them. You can apply only:"]
        lines += [f"{'①②③'[i - 1]} {_WHEN_EN[key]} ({relation_label(key, lang)}). "
                  f"{papers_text(category, key, lang)}" for i, key in enumerate(keys, 1)]
        return "\n".join(lines)
    who = WHO[relation_slot]
    lines = [f"{category}档案含有个人信息，{who}的档案不能直接替查，只有以下情况可以办理："]
    for i, key in enumerate(keys, 1):
        lines.append(f"{'①②③'[i - 1]} {_WHEN[key].format(who=who)}（{RELATIONS[key]}），{papers_text(category, key)}")
    return "\n".join(lines)
