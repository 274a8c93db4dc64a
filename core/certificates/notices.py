"""What the applicant hears when their certificate is revoked or reissued, and the line in the application's history.

Both are written in the caller's transaction, next to the change: an audit line on the application (so
GET /api/applications/<pickup_code> lists it in `history`, with the note) and an outbox row for the chat that
follows the application. A reissue is one event (the old certificate's revocation is part of it), not two.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from .. import audit, outbox
from ..models import Application, Certificate

ENTITY = "application"  # core.applications.workflow.ENTITY: the history of an application is read from it


def _where(application: Application) -> str:
    if application.delivery == "electronic":
        return "凭取件码可查询新证明的核验网址。"
    centre = application.centre.name if application.centre else "服务中心"
    return f"请带身份证件和取件码到{centre}领取新证明。"


def _tell(session: Session, application: Application, *, actor: str, action: str, note: str, event_key: str,
          kind: str, text: str, payload: dict) -> None:
    audit.append(session, actor=actor, action=action, entity=ENTITY, entity_id=application.id,
                 data={"note": note, **{k: v for k, v in payload.items() if k != "status"}})
    outbox.enqueue(session, event_key=event_key, kind=kind, text=text, citizen_id=application.citizen_id,
                   application_id=application.id, chat_id=application.chat_id,
                   payload={"pickup_code": application.pickup_code, **payload})


def revoked(session: Session, certificate: Certificate, *, reason: str, actor: str) -> None:
    """「证明 LT-… 已撤销：原因」 in the application's history, and the applicant told."""
    application = session.get(Application, certificate.application_id) if certificate.application_id else None
    if application is None:
        return  # issued without an application: nobody to tell, no history to write in
    number = certificate.number
    _tell(session, application, actor=actor, action="certificate.revoke", note=f"证明 {number} 已撤销：{reason}",
          event_key=f"certificate:{number}:revoked", kind="certificate.revoked",
          text=(f"您的查档申请（取件码 {application.pickup_code}）所出具的证明 {number} 已撤销：{reason}。"
                f"该证明不再有效，请勿再使用；如有疑问请咨询窗口工作人员。"),
          payload={"certificate": number, "reason": reason})


def reissued(session: Session, application: Application, new: Certificate, old: Certificate, *, actor: str) -> None:
    """「已重新出具证明 LT-…，原证明 LT-… 作废」 in the application's history, and the applicant told.

    The payload's "status": "issued" is what makes the bot attach the new PDF for a chat bound to the applicant
    (bot/notifier.py), as for the first certificate.
    """
    note = f"已重新出具证明 {new.number}，原证明 {old.number} 作废"
    _tell(session, application, actor=actor, action="certificate.reissue", note=note,
          event_key=f"certificate:{new.number}:reissued", kind="certificate.reissued",
          text=f"您的查档申请（取件码 {application.pickup_code}）{note}，请以新证明为准。{_where(application)}",
          payload={"status": "issued", "certificate": new.number, "replaces": old.number})
