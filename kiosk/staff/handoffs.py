"""Hand-offs: questions the bot or the kiosk chat passed to a person, with the conversation, and the answer form.

The answer reaches the citizen's Telegram chat through the outbox (core.dialogue.answer_handoff): the chat the
question came from, else the chat bound to the citizen; without either it waits until the citizen binds one.
Clerks see their own centre's hand-offs and those of no centre (the bot's); another centre's is a 404.
"""
from __future__ import annotations

from datetime import datetime

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select

from core.binding import chat_of_citizen
from core.clock import as_local
from core.dialogue import answer_handoff, list_handoffs
from core.dialogue.handoff import MAX_ANSWER
from core.errors import LantaiError
from core.identity import mask_name, redact_id_numbers
from core.models import ChatBinding, Citizen, Handoff, ServiceCentre
from core.staff import centre_scope

from .. import services_of
from . import bp
from .auth import staff_required

TABS = {"open": "待回复", "answered": "已回复"}
CHANNEL_LABELS = {"bot": "机器人", "kiosk": "自助机", "web": "网页"}
SPEAKERS = {"citizen": "市民", "bot": "机器人"}


def _local(iso, tz: str) -> str:
    """An ISO time (a transcript's comes from the client's state, so it may be anything) as local MM-DD HH:MM."""
    try:
        return f"{as_local(datetime.fromisoformat(iso), tz):%m-%d %H:%M}"
    except (TypeError, ValueError):
        return ""


def _people(session, rows: list[dict]) -> tuple[dict, dict, set]:
    """Centre names, citizens (masked name, masked ID) and the citizens with a bound chat, for these rows."""
    centres = {i: n for i, n in session.execute(select(ServiceCentre.id, ServiceCentre.name))}
    ids = {r["citizen_id"] for r in rows if r["citizen_id"]}
    if not ids:
        return centres, {}, set()
    found = session.scalars(select(Citizen).where(Citizen.id.in_(ids)))
    citizens = {c.id: (mask_name(c.name), c.id_masked) for c in found}
    bound = set(session.scalars(select(ChatBinding.citizen_id).where(ChatBinding.citizen_id.in_(ids))))
    return centres, citizens, bound


def _view(row: dict, tz: str, centres: dict, citizens: dict, bound: set) -> dict:
    who = citizens.get(row["citizen_id"])
    return dict(row, channel_label=CHANNEL_LABELS.get(row["channel"], row["channel"]),
                centre=centres.get(row["centre_id"]) if row["centre_id"] else None,
                citizen=who, reachable=row["chat_id"] is not None or row["citizen_id"] in bound,
                question=redact_id_numbers(row["question"]), answer=redact_id_numbers(row["answer"] or ""),
                created=_local(row["created_at"], tz), answered=_local(row["answered_at"], tz),
                lines=[{"mine": t.get("from") == "citizen", "who": SPEAKERS.get(t.get("from"), t.get("from") or ""),
                        "text": redact_id_numbers(str(t.get("text") or "")), "at": _local(t.get("at"), tz)}
                       for t in row["transcript"] or []])


def _counts(scope: int | None) -> dict[str, int]:
    query = select(Handoff.status, func.count()).group_by(Handoff.status)
    if scope is not None:
        query = query.where(or_(Handoff.centre_id == scope, Handoff.centre_id.is_(None)))
    with services_of(current_app).sessions() as s:
        found = {status: n for status, n in s.execute(query)}
    return {tab: found.get(tab, 0) for tab in TABS}


def _page(tab: str, drafts: dict | None = None, errors: dict | None = None, status: int = 200):
    services = services_of(current_app)
    tz = services.settings.timezone
    scope = centre_scope(current_user)
    rows = list_handoffs(services, status=tab, limit=100, centre_id=scope, newest_first=tab == "answered")
    with services.sessions() as s:
        people = _people(s, rows)
    counts = _counts(scope)
    return render_template("staff/handoffs.html", tab=tab, tabs=TABS, counts=counts, max_answer=MAX_ANSWER,
                           items=[_view(r, tz, *people) for r in rows], drafts=drafts or {},
                           errors=errors or {}), status


@bp.get("/handoffs")
@staff_required()
def handoffs():
    """The hand-off queue (待回复) or the answered ones (已回复)."""
    tab = request.args.get("tab", "open")
    return _page(tab if tab in TABS else "open")


@bp.post("/handoffs/<int:handoff_id>/answer")
@staff_required()
def handoff_answer(handoff_id: int):
    """Answer a hand-off; the answer goes to the citizen's chat through the outbox."""
    services = services_of(current_app)
    with services.sessions() as s:
        h = s.get(Handoff, handoff_id)
        scope = centre_scope(current_user)
        if h is None or (scope is not None and h.centre_id is not None and h.centre_id != scope):
            abort(404)
    text = request.form.get("answer", "")
    try:
        row = answer_handoff(services, handoff_id, text=text, staff=current_user.actor)
    except LantaiError as e:
        if e.status != 400:
            flash(e.message, "error")
            return redirect(url_for("staff.handoffs"))
        return _page("open", drafts={handoff_id: text}, errors={handoff_id: e.message}, status=400)
    with services.sessions() as s:
        bound = row["citizen_id"] is not None and chat_of_citizen(s, row["citizen_id"]) is not None
    if row["chat_id"] is not None or bound:
        flash(f"已回复工单 {handoff_id}，回复将发送到市民的 Telegram 聊天。", "success")
    elif row["citizen_id"] is not None:
        flash(f"已回复工单 {handoff_id}。市民尚未绑定手机聊天：绑定后即可收到这条回复。", "warning")
    else:
        flash(f"已回复工单 {handoff_id}。这位市民没有留下联系方式，回复只保存在系统中。", "warning")
    return redirect(url_for("staff.handoffs"))
