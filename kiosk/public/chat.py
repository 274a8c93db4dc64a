"""The chat panel: the visitor talks to the dialogue engine (core.dialogue.answer), as on the bot.

The conversation lives in the encrypted session cookie, which a browser caps at about 4 KB: the oldest turns are
dropped to keep the chat within CHAT_BUDGET bytes (the engine keeps its own copy of the last turns in the state;
the screen shows those, and the last reply in full). A hand-off to staff carries channel "kiosk", this kiosk's
centre and, once the visitor has identified, the citizen, so the clerk's answer reaches the chat they bind.
"""
from __future__ import annotations

import json

from flask import current_app, redirect, render_template, request, session, url_for

from core.dialogue import answer
from core.dialogue.engine import MAX_TEXT

from .. import services_of
from . import bp
from .frame import kiosk_centre
from .visitor import current_visitor

CHAT_BUDGET = 1800  # bytes of JSON for the chat in the session cookie (the cookie's other keys need the rest)
REPLY_MAX = 400  # characters of the last reply kept in full
#: Phrases to tap instead of typing: the questions people ask most.
QUICK = ("查档要带什么材料", "证明多久能办好", "查档收费吗", "查父母的结婚档案", "服务中心几点上班", "怎么查办理进度",
         "电子证明有效吗", "转人工")
#: Where the touch screen does better than a typed conversation.
FLOWS = {"apply_certificate": ("/apply", "用触屏申请出证（更方便）"), "book_appointment": ("/book", "用触屏预约（更方便）")}


def _size(chat: dict) -> int:
    return len(json.dumps(chat, ensure_ascii=False, separators=(",", ":")).encode())


def fit(chat: dict, budget: int = CHAT_BUDGET) -> dict:
    """The chat cut to the budget: the oldest turns go first, then the last reply is shortened."""
    turns = chat["state"].setdefault("transcript", [])
    while _size(chat) > budget and len(turns) > 2:
        del turns[0]
    while _size(chat) > budget and len(chat["reply"]) > 60:
        chat["reply"] = chat["reply"][:len(chat["reply"]) * 3 // 4].rstrip() + "…"
    for turn in turns[:-1]:  # still too big (a long flow state): earlier turns are shown in short
        if _size(chat) <= budget:
            break
        turn["text"] = str(turn.get("text", ""))[:40]
    return chat


def _stored() -> dict | None:
    chat = session.get("chat")
    return chat if isinstance(chat, dict) and isinstance(chat.get("state"), dict) else None


@bp.get("/chat")
def chat():
    """The conversation so far, the last reply's buttons, quick phrases and the keyboard."""
    stored = _stored()
    turns, reply = [], None
    if stored:
        turns = [t for t in stored["state"].get("transcript", []) if isinstance(t, dict)]
        if turns and turns[-1].get("from") == "bot":
            turns = turns[:-1]  # shown in full below, from "reply"
        reply = stored
    return render_template("kiosk/chat.html", turns=turns, reply=reply, quick=QUICK, max_text=MAX_TEXT,
                           flow=FLOWS.get(reply.get("intent")) if reply else None)


@bp.post("/chat")
def chat_post():
    """Send one message (typed, a reply's button or a quick phrase) to the engine and keep its answer."""
    if request.form.get("reset"):
        session.pop("chat", None)
        return redirect(url_for("public.chat"))
    text = " ".join((request.form.get("text") or "").split())
    if not text:
        return redirect(url_for("public.chat"))
    stored = _stored() or {}
    visitor = current_visitor()
    centre = kiosk_centre()
    reply = answer(services_of(current_app), text[:MAX_TEXT], state=stored.get("state"), channel="kiosk",
                   citizen_id=visitor.citizen_id if visitor else None, centre_id=centre[0] if centre else None)
    action = reply.action or {}
    handoff = action.get("handoff_id") if action.get("type") == "handoff" else stored.get("handoff")
    text = reply.text if len(reply.text) <= REPLY_MAX else reply.text[:REPLY_MAX - 1] + "…"
    session["chat"] = fit({"state": reply.state, "reply": text, "intent": reply.intent,
                           "buttons": [[b.label, b.value] for b in reply.buttons],
                           "handoff": handoff, "handoff_now": action.get("type") == "handoff"})
    return redirect(url_for("public.chat") + "#end")
