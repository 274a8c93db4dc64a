"""办事指南: the FAQ as large topic buttons with readable answers, and who may apply for what with which papers.

The answers are the dialogue engine's own (core/dialogue/data/faq.json plus a deployment's <data dir>/faq.json),
and the who-may-apply pages read core/eligibility.py, so the kiosk says what the bot and the window say. They are
written for a conversation (「告诉我…」, 「回复「开证明」」); on this page of buttons page_wording() says instead which
button to tap.
"""
from __future__ import annotations

import re

from flask import abort, current_app, render_template

from core.dialogue.faq import faq_index
from core.eligibility import RELATION_HINTS, RELATIONS, check_eligibility
from core.vocabulary import CATEGORIES, LIVELIHOOD_CATEGORIES

from .. import services_of
from . import bp
from .search import apply_link

#: Topic sections and the FAQ entries in each, in the order a visitor looks for them; entries a deployment adds
#: (or that are not listed here) appear under 其他问题.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("办理须知", ("papers", "papers_self", "id_original", "hukou", "fee", "how_long", "booking_needed", "pickup",
              "online", "remote", "elderly", "copy")),
    ("替别人查", ("agent", "agent_notary", "parents_marriage", "kin", "guardian", "not_self", "lawyer", "authority")),
    ("各类档案", ("marriage_cert_lost", "divorce", "work_age", "one_child", "school", "military", "zhiqing",
              "property", "which_records", "open_records", "not_transferred")),
    ("证明与核验", ("what_cert", "electronic", "verify", "no_record", "courier")),
    ("进度与预约", ("status_how", "cancel_how")),
)


#: Conversation phrases in the FAQ answers and what the guide page says instead (the page's buttons: 申请出证,
#: 预约办理, 谁能查、带什么, 还有问题，问一问).
PAGE_WORDING: tuple[tuple[str, str], ...] = (
    (r"告诉我档案类别和您与当事人的关系，我可以列出准确的材料。",
     "各类档案、不同关系要带哪些材料，请点下面的「谁能查、带什么」查看。"),
    (r"在这里就能申请出具证明：回复「开证明」，按提示填写即可",
     "在这台自助机上就能申请出具证明：点下面的「申请出证」，按提示填写即可"),
    (r"需要的话，回复「开证明」即可申请。", "需要的话，点下面的「申请出证」即可申请。"),
    (r"回复「预约」即可选服务中心和时段", "点下面的「预约办理」即可选服务中心和时段"),
    (r"回复「查进度」或直接发送取件码即可", "在首页点「取件打印」，输入取件码即可"),
    (r"回复「取消预约」并发送取消码即可取消", "点下面的「还有问题，问一问」，输入「取消预约」和取消码即可取消"),
    (r"也可以转人工，", "也可以点下面的「还有问题，问一问」转人工，"),
    (r"请说明", "申请时请写明"),
    (r"回复「([^」]+)」", r"在「问一问」里输入「\1」"),  # any other: the chat understands the same words
)


def page_wording(answer: str) -> str:
    """An FAQ answer as a page with buttons says it: which button to tap instead of what to reply."""
    for pattern, replacement in PAGE_WORDING:
        answer = re.sub(pattern, replacement, answer)
    return answer


def _entries() -> dict:
    return faq_index(services_of(current_app).settings.data_dir).entries


def _sections(entries: dict) -> list[tuple[str, list]]:
    listed = {i for _, ids in SECTIONS for i in ids}
    out = [(title, [entries[i] for i in ids if i in entries]) for title, ids in SECTIONS]
    rest = [e for i, e in entries.items() if i not in listed]
    return [(title, items) for title, items in out + [("其他问题", rest)] if items]


@bp.get("/guide")
def guide():
    """The guide's front page: topic buttons by section, and the way to the who-may-apply pages."""
    return render_template("kiosk/guide.html", sections=_sections(_entries()), entry=None, categories=CATEGORIES)


@bp.get("/guide/<entry_id>")
def guide_entry(entry_id: str):
    """One question answered in full, with the way on (search, apply, ask)."""
    entries = _entries()
    entry = entries.get(entry_id)
    if entry is None:
        abort(404)
    section = next((items for _, items in _sections(entries) if entry in items), [])
    return render_template("kiosk/guide.html", entry=entry, answer=page_wording(entry.answer), related=[e for e in section if e.id != entry.id][:6],
                           apply_url=apply_link(entry.category), sections=None, categories=CATEGORIES)


@bp.get("/guide/who")
def guide_who():
    """Who may apply: pick the kind of record."""
    return render_template("kiosk/guide_who.html", categories=CATEGORIES, category=None,
                           livelihood=LIVELIHOOD_CATEGORIES)


@bp.get("/guide/who/<category>")
def guide_who_category(category: str):
    """For one kind of record: each relation, whether it may apply, and the papers to bring."""
    if category not in CATEGORIES:
        abort(404)
    rows = []
    for key, label in RELATIONS.items():
        rule = check_eligibility(category, key)
        rows.append({"label": label, "hint": RELATION_HINTS[key], "allowed": rule.allowed, "papers": rule.papers,
                     "reason": rule.reason})
    return render_template("kiosk/guide_who.html", categories=CATEGORIES, category=category, rows=rows,
                           livelihood=LIVELIHOOD_CATEGORIES, apply_url=apply_link(category))
