"""POST /api/ask: one message to the dialogue engine (the kiosk's chat), with the state from the previous reply.

The state travels through the client, so the engine treats it as untrusted: it never carries who the user is
(there is no citizen_id on this endpoint) and an ID number in it is only ciphertext.
"""
from __future__ import annotations

from flask import current_app, request

from core.dialogue import answer
from core.dialogue.engine import MAX_TEXT
from core.errors import InvalidInput

from .. import services_of
from . import bp


@bp.post("/ask")
def ask():
    """Answer one message: {"text", "state"?, "lang"?} → {"intent", "slots", "reply", "buttons", "state", "action"}."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidInput("请求体应为 JSON 对象（Content-Type: application/json）。")
    text, state, lang = body.get("text"), body.get("state"), body.get("lang") or "zh"
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("请输入内容（text）。", code="missing_text")
    if len(text) > MAX_TEXT:
        raise InvalidInput(f"内容太长，请控制在{MAX_TEXT}字以内。", code="text_too_long")
    if state is not None and not isinstance(state, dict):
        raise InvalidInput("state 应为上一次回复中的 state 对象。", code="bad_state")
    if lang not in ("zh", "en"):
        raise InvalidInput("lang 应为 zh 或 en。")
    reply = answer(services_of(current_app), text, state=state, channel="kiosk", lang=lang)
    return {"intent": reply.intent, "slots": reply.slots, "reply": reply.text,
            "buttons": [{"label": b.label, "value": b.value} for b in reply.buttons], "state": reply.state,
            "action": reply.action, "request_location": reply.request_location}
