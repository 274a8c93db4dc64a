"""查档案: search the catalogue as the public sees it (DESIGN.md "Privacy by audience"), results as large cards.

The query is posted and kept in the encrypted session (not in the URL), so it stays out of access logs and
browser history, and Back after the idle wipe shows an empty search. Identified visitors see the same public
results, with a 申请出证 button that opens /apply with the category and years filled in.
"""
from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import current_app, redirect, render_template, request, session, url_for

from core.search.summary import restricted_by_category, years_text
from core.errors import InvalidInput
from core.search.service import MAX_QUERY

from .. import services_of
from . import bp
from .visitor import current_visitor

LIMIT = 10
#: Quick picks for what people come for most (DOMAIN.md: livelihood records), each in words the catalogue's titles
#: use: every one finds records in the demo archive (tests/kiosk/test_kiosk_search.py), 「文件」 for instance none.
CHIPS = ("婚姻登记", "知青 上山下乡", "招工 工龄", "学籍 毕业生", "退伍 安置", "房产 土地", "独生子女", "1980年代 通知")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def apply_link(category: str | None, year_from: int | str | None = None, year_to: int | str | None = None,
               ref: str | None = None) -> str:
    """/apply with what a result already says filled in: category, years (year_from, year_to when a range) and
    the 档号 of an open record."""
    if year_to == year_from:
        year_to = None
    args = {k: v for k, v in (("category", category), ("year_from", year_from), ("year_to", year_to), ("ref", ref))
            if v}
    return "/apply" + ("?" + urlencode(args) if args else "")


def _year_of(date: str | None) -> str | None:
    m = _YEAR.search(date or "")
    return m.group(1) if m else None


def _cards(result: dict) -> list[dict]:
    return [{**hit, "year": _year_of(hit.get("date")),
             "apply": apply_link(hit.get("category"), _year_of(hit.get("date")), ref=hit.get("ref"))}
            for hit in result["hits"]]


def _counts(result: dict) -> list[dict]:
    """Restricted records as one line per category, most first, each with a link to apply for them."""
    lines = [{"category": line["category"], "count": line["count"], "years": years_text(line["years"]),
              "apply": apply_link(line["category"], line["years"][0] if line["years"] else None,
                                  line["years"][-1] if line["years"] else None)}
             for line in restricted_by_category(result["restricted"])]
    return sorted(lines, key=lambda line: -line["count"])


@bp.get("/search")
def search():
    """The search screen: the box, quick picks, and the results of the last query of this visit."""
    query = session.get("search_q") or ""
    result, error = None, session.pop("search_error", None)
    if query and not error:
        try:
            result = services_of(current_app).search.search(query, audience="public", limit=LIMIT)
        except InvalidInput as e:
            error = e.message
    return render_template("kiosk/search.html", query=query, error=error, result=result,
                           cards=_cards(result) if result else [], counts=_counts(result) if result else [],
                           chips=CHIPS, identified=current_visitor() is not None,
                           identify_url=url_for("public.identify"))


@bp.post("/search")
def search_post():
    """Take the query (typed or a quick pick) and show its results."""
    query = " ".join((request.form.get("q") or "").split())[:MAX_QUERY]
    if not query:
        session.pop("search_q", None)
        session["search_error"] = "请先输入要查找的内容，例如：1985年 张伟 结婚登记"
    else:
        session["search_q"] = query
    return redirect(url_for("public.search"))
