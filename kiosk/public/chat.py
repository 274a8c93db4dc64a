"""The chat panel: the visitor talks to the dialogue engine (core.dialogue.answer), as on the bot.

The conversation lives in the encrypted session cookie, which a browser caps at about 4 KB, so the chat keeps to
CHAT_BUDGET bytes. The newest reply is never cut: older turns are dropped or shortened first, and the engine's own
copy of the reply at the end of its transcript is stored once, as "reply". A reply too big for the cookie on its
own is shown in full in the answer to the POST itself, and the cookie keeps only a stub of it for the transcript.
A hand-off to staff carries channel "kiosk", this kiosk's centre and, once the visitor has identified, the
citizen, so the clerk's answer reaches the Telegram chat they bind.
"""
from __future__ import annotations

import json

from flask import current_app, redirect, render_template, request, session, url_for

from core.binding import chat_of_citizen
from core.dialogue import answer
from core.dialogue.engine import MAX_TEXT, transcript_text
from core.identity import redact_id_numbers

from .. import services_of
from . import bp
from .frame import kiosk_centre
from .visitor import current_visitor

CHAT_BUDGET = 1800  # bytes of JSON for the chat in the session cookie (the cookie's other keys need the rest)
STUB_CHARS = 80  # of a reply kept out of the cookie, the transcript keeps this much (staff see it in a hand-off)
#: Phrases to tap instead of typing: the questions people ask most.
QUICK = ("查档要带什么材料", "证明多久能办好", "查档收费吗", "查父母的结婚档案", "服务中心几点上班", "怎么查办理进度",
         "电子证明有效吗", "转人工")
#: Where the touch screen does better than a typed conversation.
FLOWS = {"apply_certificate": ("/apply", "用触屏申请出证（更方便）"), "book_appointment": ("/book", "用触屏预约（更方便）")}


def _size(chat: dict) -> int:
    return len(json.dumps(chat, ensure_ascii=False, separators=(",", ":")).encode())


def _last_bot(turns: list) -> dict | None:
    return turns[-1] if turns and isinstance(turns[-1], dict) and turns[-1].get("from") == "bot" else None


def fit(chat: dict, budget: int = CHAT_BUDGET) -> tuple[dict, bool]:
    """The chat cut to the budget, never its newest reply: older turns go first, then they are shortened.

    Returns (chat, whole): whole is False when the reply alone does not fit; the chat then holds a stub instead
    ("reply" None, "stub" True) and the caller shows the reply in full itself."""
    turns = chat["state"].setdefault("transcript", [])
    last = _last_bot(turns)
    if last is not None:  # the engine's copy of the reply: stored once, as "reply"
        last["text"], chat["dup"] = "", True
    while _size(chat) > budget and len(turns) > 2:
        del turns[0]
    for turn in turns:  # still too big: earlier turns are shown in short
        if _size(chat) <= budget:
            break
        if turn is not last:
            turn["text"] = str(turn.get("text", ""))[:40]
    if _size(chat) <= budget:
        return chat, True
    text = chat["reply"]
    chat.update(reply=None, stub=True, dup=False)
    if last is not None:
        last["text"] = redact_id_numbers(text)[:STUB_CHARS] + ("…" if len(text) > STUB_CHARS else "")
    return chat, False


def _stored() -> dict | None:
    chat = session.get("chat")
    if not (isinstance(chat, dict) and isinstance(chat.get("state"), dict)):
        return None
    state = {**chat["state"], "transcript": [dict(t) for t in chat["state"].get("transcript", [])
                                             if isinstance(t, dict)]}
    last = _last_bot(state["transcript"])
    if chat.get("dup") and last is not None and isinstance(chat.get("reply"), str):
        last["text"] = transcript_text(chat["reply"])  # as the engine keeps it
    return {**chat, "state": state}


def _bound(citizen_id: int) -> bool:
    with services_of(current_app).sessions() as s:
        return chat_of_citizen(s, citizen_id) is not None


def _page(stored: dict | None, full_reply: str | None = None):
    turns, reply, bound = [], None, False
    if stored:
        turns = stored["state"]["transcript"]
        reply = stored
        if full_reply is not None:
            reply = {**stored, "reply": full_reply, "stub": False}
        if turns and turns[-1].get("from") == "bot" and not reply.get("stub"):
            turns = turns[:-1]  # shown in full below, from "reply"
        visitor = current_visitor()
        if reply.get("handoff_now") and visitor and visitor.citizen_id == reply.get("handoff_citizen"):
            bound = _bound(visitor.citizen_id)
    return render_template("kiosk/chat.html", turns=turns, reply=reply, quick=QUICK, max_text=MAX_TEXT,
                           flow=FLOWS.get(reply.get("intent")) if reply else None, bound=bound)


@bp.get("/chat")
def chat():
    """The conversation so far, the last reply's buttons, quick phrases and the keyboard."""
    return _page(_stored())


@bp.post("/chat")
def chat_post():
    """Send one message (typed, a reply's button or a quick phrase) to the engine and show its whole answer."""
    if request.form.get("reset"):
        session.pop("chat", None)
        return redirect(url_for("public.chat"))
    text = " ".join((request.form.get("text") or "").split())
    if not text:
        return redirect(url_for("public.chat"))
    stored = _stored() or {}
    visitor = current_visitor()
    centre = kiosk_centre()
    citizen_id = visitor.citizen_id if visitor else None
    reply = answer(services_of(current_app), text[:MAX_TEXT], state=stored.get("state"), channel="kiosk",
                   citizen_id=citizen_id, centre_id=centre[0] if centre else None)
    action = reply.action or {}
    handoff_now = action.get("type") == "handoff"
    reply_text = reply.text
    if handoff_now:  # the engine's 「请留意消息」 promises a message; the card below says where it really goes
        reply_text = f"已转给工作人员（工单号 {action.get('handoff_id')}），他们会在工作时间内答复您。"
    chat, whole = fit({"state": reply.state, "reply": reply_text, "intent": reply.intent,
                       "buttons": [[b.label, b.value] for b in reply.buttons],
                       "handoff": action.get("handoff_id") if handoff_now else stored.get("handoff"),
                       "handoff_now": handoff_now, "handoff_citizen": citizen_id if handoff_now else None})
    session["chat"] = chat
    if whole:
        return redirect(url_for("public.chat") + "#end")
    return _page(_stored(), full_reply=reply_text)  # too big for the cookie: shown here, once, in full
