"""The 申请出证 form in progress: kept under one key of the (encrypted) session, its steps, and each step's checks.

The draft holds what the visitor chose and typed, never their ID number or full name (core knows the applicant
from the citizen id). Its `token` is the pickup code reserved when the form began: filing the form twice with
one token files one application (core refuses the second), so a double tap on 提交 is harmless.
"""
from __future__ import annotations

import re

from flask import session

from core.applications import rules
from core.eligibility import RELATIONS, check_eligibility, normalise_category
from core.errors import InvalidInput

KEY = "apply"
STEPS = ("category", "relation", "subject", "papers", "purpose", "delivery", "confirm")
TITLES = {"category": "选择档案类别", "relation": "您与当事人的关系", "subject": "当事人、年份和地点",
          "papers": "核对证明材料", "purpose": "查档用途", "delivery": "取件方式", "confirm": "确认并提交"}
#: The draft field each step fills: a step is done once its field is there.
FILLS = {"category": "category", "relation": "relation", "subject": "year_from", "papers": "papers",
         "purpose": "purpose", "delivery": "delivery"}
#: What a changed answer makes stale: the papers follow category and relation.
STALE = {"category": ("relation", "papers"), "relation": ("papers",)}
NAME_FIELDS = 3  # the pinyin keyboard has no separator key: one field per person
OTHER = "其他"
_SPLIT = re.compile(r"[、，,；;\s]+")


def load() -> dict | None:
    """The draft in progress, or None."""
    return session.get(KEY)


def start(token: str, **prefill) -> dict:
    """Begin a new draft with its one-time token (a reserved pickup code) and any preselected answers."""
    draft = {"token": token, **{k: v for k, v in prefill.items() if v is not None}}
    session[KEY] = draft
    return draft


def answered(draft: dict) -> bool:
    """Whether the draft holds answers past the category (replacing one that holds less loses one tap at most)."""
    return any(field in draft for field in FILLS.values() if field != "category")


def update(draft: dict, **values) -> None:
    """Store answers; answers that depended on a changed one are dropped."""
    for field, value in values.items():
        if draft.get(field) != value:
            for stale in STALE.get(field, ()):
                draft.pop(stale, None)
        draft[field] = value
    session[KEY] = draft


def clear() -> None:
    """Forget the draft (submitted, cancelled)."""
    session.pop(KEY, None)


def first_missing(draft: dict) -> str:
    """The first step not done yet ("confirm" when all are)."""
    return next((step for step, field in FILLS.items() if field not in draft), "confirm")


def reachable(draft: dict, step: str) -> bool:
    """Whether every step before this one is done."""
    return STEPS.index(step) <= STEPS.index(first_missing(draft))


def previous(step: str) -> str | None:
    """The step before this one, or None for the first."""
    i = STEPS.index(step)
    return STEPS[i - 1] if i else None


def category(raw: str) -> str:
    """The category tapped (or preselected from a search)."""
    if not (raw or "").strip():
        raise InvalidInput("请点选要查的档案类别。")
    return normalise_category(raw)


def relation(draft: dict, raw: str) -> str:
    """The relation tapped, if it may obtain the draft's category; else the rule's reason."""
    if raw not in RELATIONS:
        raise InvalidInput("请点选您与档案当事人的关系。")
    rule = check_eligibility(draft["category"], raw)
    if not rule.allowed:
        raise InvalidInput(f"「{rule.relation_label}」不能申请{draft['category']}档案：{rule.reason}")
    return raw


def names(raw: list[str], *, self_applicant: bool) -> list[str]:
    """The subjects' names as typed (several in one field are split too); for 本人 the others only."""
    found = list(dict.fromkeys(n for value in raw for n in _SPLIT.split(value or "") if n))
    if not found and not self_applicant:
        raise InvalidInput("请填写档案当事人的姓名（至少一人）。")
    for n in found:
        if len(n) > rules.MAX_NAME:
            raise InvalidInput(f"姓名「{n[:10]}…」过长（最多{rules.MAX_NAME}个字）。")
    return found


def _year(raw: str, label: str, this_year: int) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        raise InvalidInput(f"{label}「{raw}」应为四位数字，如 1985。")
    year = int(raw)
    if not rules.EARLIEST_YEAR <= year <= this_year:
        raise InvalidInput(f"{label} {year} 不在 {rules.EARLIEST_YEAR}–{this_year} 之间，请核对。")
    return year


def years(raw_from: str, raw_to: str, this_year: int) -> tuple[int, int]:
    """(from, to) of the record's year or year range; one year alone is both."""
    year_from = _year(raw_from, "起始年份", this_year)
    year_to = _year(raw_to, "截止年份", this_year)
    if year_from is None and year_to is None:
        raise InvalidInput("请填写档案形成的年份（大概的年份即可，如 1985）。")
    year_from, year_to = year_from or year_to, year_to or year_from
    if year_from > year_to:
        raise InvalidInput(f"起始年份 {year_from} 晚于截止年份 {year_to}，请核对。")
    return year_from, year_to


def place(raw: str) -> str | None:
    """The place (optional)."""
    raw = (raw or "").strip()
    if len(raw) > rules.MAX_PLACE:
        raise InvalidInput(f"地点不能超过{rules.MAX_PLACE}个字。")
    return raw or None


def purpose(choice: str, other: str, choices: tuple[str, ...]) -> str:
    """A purpose tile, or the text typed under 其他."""
    if choice in choices:
        return choice
    if choice != OTHER:
        raise InvalidInput("请点选查档用途。")
    other = (other or "").strip()
    if len(other) < 2:
        raise InvalidInput("请在「其他用途」里写明用途（至少两个字），再点「填好了，用这个用途」。")
    if len(other) > rules.MAX_PURPOSE:
        raise InvalidInput(f"用途不能超过{rules.MAX_PURPOSE}个字。")
    return other
