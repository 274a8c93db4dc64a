"""Moving an application between states: only the legal moves, each audited and announced in one transaction."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from .. import audit, outbox
from ..errors import Conflict, InvalidInput
from ..identity import redact_id_numbers
from ..models import Application
from . import rules

ENTITY = "application"
TRANSITION_ACTION = "application.transition"
MAX_NOTE = 500


def _where(application: Application) -> str:
    if application.delivery == "electronic":
        return "电子证明已生成，凭取件码可查询它的核验网址。"
    centre = application.centre.name if application.centre else "服务中心"
    return f"请带身份证件和取件码到{centre}领取。"


def announcement(application: Application, to_status: str, note: str | None = None, papers: str = "") -> str:
    """The Chinese message that tells the applicant their application entered `to_status`."""
    due = application.due_date
    return rules.ANNOUNCEMENTS[to_status].format(
        code=application.pickup_code, note=note or "", due=f"{due.year}年{due.month}月{due.day}日",
        papers=papers or "身份证件", where=_where(application) if to_status == "issued" else "")


def record_transition(session: Session, application: Application, from_status: str | None, to_status: str, *,
                      actor: str, note: str | None = None, papers: str = "") -> None:
    """Write the audit line (who, when, from, to, note) and the applicant's message, in the caller's transaction."""
    entry = audit.append(session, actor=actor, action=TRANSITION_ACTION, entity=ENTITY, entity_id=application.id,
                         data={"from": from_status, "to": to_status, "note": note})
    outbox.enqueue(session, event_key=f"application:{application.id}:audit:{entry.id}", kind="application.status",
                   text=announcement(application, to_status, note, papers), citizen_id=application.citizen_id,
                   application_id=application.id, chat_id=application.chat_id,
                   payload={"status": to_status, "pickup_code": application.pickup_code})


def _moves_text(status: str) -> str:
    moves = rules.TRANSITIONS[status]
    return "、".join(rules.STATUS_LABELS[m] for m in sorted(moves)) if moves else "无（已办结）"


def transition(session: Session, application: Application, to_status: str, *, actor: str,
               note: str | None = None, reason: str | None = None) -> None:
    """Move the application to `to_status`; Conflict if that move is not allowed from where it is now."""
    if to_status not in rules.TRANSITIONS:
        raise InvalidInput(f"未知的申请状态「{to_status}」。")
    note = reason if to_status == "rejected" and reason else note  # a rejection's note is its reason
    # a note is kept for ever (the audit log is append-only) and sent to the applicant: never a full ID number
    note = redact_id_numbers(note.strip()) if isinstance(note, str) else None
    if to_status == "rejected" and not note:
        raise InvalidInput("不予受理时必须写明理由。")
    if to_status == "needs_info" and not note:
        raise InvalidInput("请写明需要申请人补充什么材料。")
    if note and len(note) > MAX_NOTE:
        raise InvalidInput(f"说明不能超过{MAX_NOTE}个字。")
    from_status = application.status
    if to_status not in rules.TRANSITIONS[from_status]:
        raise Conflict(f"申请目前「{rules.STATUS_LABELS[from_status]}」，不能改为「{rules.STATUS_LABELS[to_status]}」。"
                       f"可以改为：{_moves_text(from_status)}。")
    audit.lock_chain(session)  # before the application's row lock (see lock_chain)
    now = datetime.now(timezone.utc)
    values = {"status": to_status, "updated_at": now}
    if to_status == "rejected":
        values["reject_reason"] = note
    # conditional on the status we saw: of two clerks moving the same application at once, one wins
    moved = session.execute(update(Application).where(Application.id == application.id,
                                                      Application.status == from_status)
                            .values(**values).execution_options(synchronize_session=False)).rowcount
    if moved != 1:
        session.refresh(application)
        raise Conflict(f"申请刚被他人改为「{rules.STATUS_LABELS[application.status]}」，请刷新后再操作。")
    for key, value in values.items():
        set_committed_value(application, key, value)  # already written: no second UPDATE at flush
    record_transition(session, application, from_status, to_status, actor=actor, note=note)


def advance(session: Session, application: Application, to_status: str, *, actor: str, note: str | None = None,
            reason: str | None = None) -> None:
    """Move to `to_status`, first starting the review when that move is only possible from in_review.

    What a clerk means by "approve" or "ask for papers" on an application nobody has reviewed yet (or whose
    papers just came in): one audit line for the review, one for the move.
    """
    if (to_status not in rules.TRANSITIONS[application.status] and to_status in rules.TRANSITIONS["in_review"]
            and "in_review" in rules.TRANSITIONS[application.status]):
        transition(session, application, "in_review", actor=actor,
                   note="补充材料已收到" if application.status == "needs_info" else None)
    transition(session, application, to_status, actor=actor, note=note, reason=reason)
