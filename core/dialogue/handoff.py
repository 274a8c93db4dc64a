"""Hand-off to staff: the citizen's question with the conversation goes to the `handoff` queue; staff answer it,
and the answer reaches a Telegram chat through the outbox (event handoff:<id>)."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import or_, select

from ..errors import Conflict, InvalidInput, NotFound
from ..identity import redact_id_numbers
from ..models import Handoff
from ..outbox import enqueue

STATUSES = ("open", "answered", "closed")
MAX_TRANSCRIPT = 20
MAX_ANSWER = 1000


def create_handoff(services, *, question: str, transcript: list[dict], channel: str, chat_id: int | None = None,
                   citizen_id: int | None = None, centre_id: int | None = None) -> int:
    """Queue a question for staff, with the last turns of the conversation (ID numbers masked); returns its id."""
    lines = [{"from": t.get("from"), "text": redact_id_numbers(str(t.get("text", "")))[:500], "at": t.get("at")}
             for t in transcript[-MAX_TRANSCRIPT:]]
    with services.sessions.begin() as s:
        row = Handoff(channel=channel[:8], chat_id=chat_id, citizen_id=citizen_id, centre_id=centre_id,
                      question=redact_id_numbers(question)[:1000] or "（未说明）", transcript=lines, status="open")
        s.add(row)
        s.flush()
        return row.id


def _row(h: Handoff) -> dict:
    return {"id": h.id, "status": h.status, "channel": h.channel, "chat_id": h.chat_id, "question": h.question,
            "transcript": h.transcript, "created_at": h.created_at.isoformat() if h.created_at else None,
            "answered_by": h.answered_by, "answer": h.answer, "citizen_id": h.citizen_id, "centre_id": h.centre_id,
            "answered_at": h.answered_at.isoformat() if h.answered_at else None}


def list_handoffs(services, *, status: str | None = "open", limit: int = 50, centre_id: int | None = None,
                  newest_first: bool = False) -> list[dict]:
    """The staff queue, oldest first (all statuses when status is None).

    With `centre_id` (a clerk's centre): that centre's hand-offs and those of no centre (the bot's).
    """
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"状态应为 {' / '.join(STATUSES)} 之一。")
    order = (Handoff.created_at.desc(), Handoff.id.desc()) if newest_first else (Handoff.created_at, Handoff.id)
    query = select(Handoff).order_by(*order).limit(limit)
    if centre_id is not None:
        query = query.where(or_(Handoff.centre_id == centre_id, Handoff.centre_id.is_(None)))
    with services.sessions() as s:
        return [_row(h) for h in s.scalars(query.where(Handoff.status == status) if status else query)]


def answer_handoff(services, handoff_id: int, *, text: str, staff: str) -> dict:
    """Record a staff answer; a chat that asked hears it through the outbox."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput("请填写回复内容。")
    if len(text) > MAX_ANSWER:
        raise InvalidInput(f"回复不能超过{MAX_ANSWER}个字。")
    with services.sessions.begin() as s:
        h = s.get(Handoff, handoff_id)
        if h is None:
            raise NotFound(f"没有编号为 {handoff_id} 的转人工工单。")
        if h.status != "open":
            raise Conflict(f"工单 {handoff_id} 已处理过（{h.status}）。", code="handoff_closed")
        h.status, h.answer, h.answered_by = "answered", text, staff
        h.answered_at = datetime.now(timezone.utc)
        if h.chat_id is not None or h.citizen_id is not None:
            enqueue(s, event_key=f"handoff:{h.id}", kind="handoff_answer", chat_id=h.chat_id, citizen_id=h.citizen_id,
                    text=f"工作人员回复您的问题「{h.question[:40]}」：\n{text}", payload={"handoff_id": h.id})
        return _row(h)
