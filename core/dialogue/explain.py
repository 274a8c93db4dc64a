"""Eligibility in words: who may obtain a category of records and with which papers, for the relation a citizen
names (查我父母的结婚档案 → only as their agent, or as next of kin after their death). The rules themselves are
core.eligibility's."""
from __future__ import annotations

from ..eligibility import check_eligibility
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
#: How to call the person in the record, for each kin relation (the sentences are in texts.py: explain_*).
WHO: dict[str, tuple[str, str]] = {"父母": ("父母", "your parents"), "配偶": ("配偶", "your spouse"),
                                   "兄弟姐妹": ("兄弟姐妹", "your siblings"), "祖父母": ("祖辈", "your grandparents"),
                                   "子女": ("子女", "your children")}


def unique_relation(relation_slot: str | None) -> str | None:
    """The eligibility relation when the slot leaves no choice (本人 → self), else None."""
    keys = RELATION_KEYS.get(relation_slot or "")
    return keys[0] if keys and len(keys) == 1 else None


def papers_text(category: str, relation: str, lang: str = "zh", key: str = "papers") -> str:
    """「请带：① … ② …」 (key: papers, papers_at_window, papers_at_pickup) or the reason it is refused."""
    e = check_eligibility(category, relation)
    if not e.allowed:
        return localise(e.reason or "", lang)
    sep = "; " if lang == "en" else "；"
    return say(key, lang, papers=sep.join(f"{i}. {paper(p, lang)}" for i, p in enumerate(e.papers, 1)))


def explain(category: str | None, relation_slot: str | None, lang: str = "zh") -> str | None:
    """Who may obtain this category for this relation, and the papers; None when there is nothing to explain."""
    keys = RELATION_KEYS.get(relation_slot or "")
    if not keys or not category:
        return None
    label = category_label(category, lang)
    if len(keys) == 1:
        return say("explain_one", lang, relation=relation_label(keys[0], lang), category=label,
                   papers=papers_text(category, keys[0], lang))
    who = WHO[relation_slot][1 if lang == "en" else 0]
    lines = [say("explain_many", lang, category=label, who=who)]
    lines += [say("explain_way", lang, n="①②③"[i - 1], when=say(f"explain_{key}", lang, who=who),
                  relation=relation_label(key, lang), papers=papers_text(category, key, lang))
              for i, key in enumerate(keys, 1)]
    return "\n".join(lines)
