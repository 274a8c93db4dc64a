"""办事指南: the FAQ as large topic buttons with readable answers, and who may apply for what with which papers.

The answers are the dialogue engine's own (core/dialogue/data/faq.json plus a deployment's <data dir>/faq.json),
and the who-may-apply pages read core/eligibility.py, so the kiosk says what the bot and the window say.
"""
from __future__ import annotations

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
    return render_template("kiosk/guide.html", entry=entry, related=[e for e in section if e.id != entry.id][:6],
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
