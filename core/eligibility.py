"""Who may obtain which category of records, and with which papers (DOMAIN.md, "Opening and access").

One rule table, `RULES[(category, relation)]`, built from data: the papers each relation brings for records that
carry personal information (民生档案), the exceptions of particular categories, and the categories whose open
records anyone may use. Bot, kiosk and window all ask `check_eligibility`; nothing else decides this.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import InvalidInput
from .vocabulary import CATEGORIES, CATEGORY_VARIANTS, LIVELIHOOD_CATEGORIES, canonical

#: The applicant's relation to the person in the record, with the label a button shows.
RELATIONS: dict[str, str] = {
    "self": "本人",
    "agent": "委托代理人",
    "guardian": "监护人",
    "kin": "近亲属/继承人",
    "authority": "公检法机关",
    "lawyer": "律师",
    "other": "其他人",
}
#: One line under each button: when the relation applies.
RELATION_HINTS: dict[str, str] = {
    "self": "查自己的档案",
    "agent": "受当事人委托代查",
    "guardian": "为被监护人（未成年人等）查",
    "kin": "当事人已去世，由近亲属或继承人查",
    "authority": "法院、检察院、公安机关因公查档",
    "lawyer": "仅限诉讼案件，凭法院出具的证明",
    "other": "与当事人无上述关系",
}

_OWN_ID = "申请人本人的有效身份证件"
_OFFICIAL = ("单位介绍信（写明查档事项）", "经办人工作证")

#: Papers for records that carry personal information; None means the relation may not obtain them.
_PERSONAL: dict[str, tuple[str, ...] | None] = {
    "self": (_OWN_ID,),
    "agent": ("当事人（委托人）的身份证件", "代理人本人的有效身份证件", "载明查档事项的书面授权委托书"),
    "guardian": ("被监护人的身份证件或户口簿", "监护人本人的有效身份证件", "监护关系证明（户口簿、法院判决书或村居委会证明）"),
    "kin": (_OWN_ID, "当事人的死亡证明", "亲属关系或继承关系证明（户口簿、亲属关系证明、继承公证书等）"),
    "authority": _OFFICIAL,
    "lawyer": ("律师执业证", "律师事务所介绍信", "人民法院出具的调查令或立案证明（仅限诉讼案件）"),
    "other": None,
}
#: Where a category asks for more than the usual papers.
_EXCEPTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("婚姻登记", "agent"): ("当事人（委托人）的身份证件", "代理人本人的有效身份证件",
                        "经公证的授权委托书（婚姻档案须公证，写明查档事项）"),
}
#: Categories of non-personal records: open ones are for anyone with a valid ID (Archives Law Art. 28).
_OPEN_TO_ANYONE = frozenset(CATEGORIES) - LIVELIHOOD_CATEGORIES
_REFUSED = "{category}档案含有个人信息，只能由本人、委托代理人、监护人、近亲属/继承人（当事人去世后）或公检法机关查阅。"


@dataclass(frozen=True)
class Eligibility:
    """Whether a relation may obtain a category, the papers to bring, and why not when refused."""

    category: str
    relation: str
    allowed: bool
    papers: tuple[str, ...]
    reason: str | None = None

    @property
    def relation_label(self) -> str:
        return RELATIONS[self.relation]


def _rule(category: str, relation: str) -> Eligibility:
    if category in _OPEN_TO_ANYONE:
        papers = _OFFICIAL if relation == "authority" else (_OWN_ID,)
        return Eligibility(category, relation, True, papers)
    papers = _EXCEPTIONS.get((category, relation), _PERSONAL[relation])
    if papers is None:
        return Eligibility(category, relation, False, (), _REFUSED.format(category=category))
    return Eligibility(category, relation, True, papers)


#: The rule table: every (category, relation) pair answered.
RULES: dict[tuple[str, str], Eligibility] = {(c, r): _rule(c, r) for c in CATEGORIES for r in RELATIONS}


def normalise_category(category: str) -> str:
    """The canonical category for a name or a common variant (结婚登记 → 婚姻登记), else InvalidInput."""
    found = canonical(str(category or ""), CATEGORIES, CATEGORY_VARIANTS)
    if found is None:
        raise InvalidInput(f"档案类别「{category}」不在可申请的范围内。可选：{'、'.join(CATEGORIES)}。")
    return found


def normalise_relation(relation: str) -> str:
    """The relation key for a key or its Chinese label (委托代理人 → agent), else InvalidInput."""
    value = str(relation or "").strip()
    if value in RELATIONS:
        return value
    for key, label in RELATIONS.items():
        if value == label or value in label.split("/"):
            return key
    choices = "、".join(f"{label}（{key}）" for key, label in RELATIONS.items())
    raise InvalidInput(f"与当事人的关系「{relation}」无法识别。可选：{choices}。")


def check_eligibility(category: str, relation: str) -> Eligibility:
    """Say whether this relation may obtain records of this category, and which papers to bring."""
    return RULES[(normalise_category(category), normalise_relation(relation))]


def relation_choices() -> list[dict[str, str]]:
    """The relations as buttons: key, label and a one-line hint, in the order to show them."""
    return [{"key": k, "label": v, "hint": RELATION_HINTS[k]} for k, v in RELATIONS.items()]
