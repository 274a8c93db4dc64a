"""Binding a Telegram chat to a citizen whose identity a kiosk or window verified.

The kiosk shows a one-time code as a QR / deep link (`https://t.me/<bot>?start=bind_<code>`); the bot redeems it
with `bind_chat`. Only a keyed hash of the code is stored; a code works once, within ten minutes. A bound chat
receives the citizen's notifications (also the ones that waited for a chat) and their certificate PDFs.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from .clock import as_utc
from .errors import Conflict, NotFound
from .models import Application, Certificate, Citizen, OutboxMessage
from .models.dialogue import BindingCode, ChatBinding

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: the code may be typed from a slip
CODE_LENGTH = 12  # 31^12 ≈ 2^59, and each code lives ten minutes
CODE_TTL = timedelta(minutes=10)
DEEP_LINK_PREFIX = "bind_"


def _now() -> datetime:
    return datetime.now(timezone.utc)




def _hash(services, code: str) -> str:
    return services.vault.tag(f"binding:{code}").hex()


def normalise_code(code: str) -> str:
    """The code as issued: upper case, without `bind_`, spaces or dashes."""
    code = str(code or "").strip()
    if code.lower().startswith(DEEP_LINK_PREFIX):
        code = code[len(DEEP_LINK_PREFIX):]
    return "".join(ch for ch in code if ch.isalnum()).upper()


def create_binding_code(services, citizen_id: int, *, now: datetime | None = None) -> str:
    """A new one-time code for this citizen, valid for ten minutes (the kiosk shows it as a QR)."""
    now = now or _now()
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with services.sessions.begin() as s:
        if s.get(Citizen, citizen_id) is None:
            raise NotFound("没有这位市民的记录。")
        s.add(BindingCode(code_hash=_hash(services, code), citizen_id=citizen_id, created_at=now,
                          expires_at=now + CODE_TTL))
    return code


def deep_link(bot_username: str, code: str) -> str:
    """The link a kiosk QR carries: opening it starts the bot with the code."""
    return f"https://t.me/{bot_username}?start={DEEP_LINK_PREFIX}{code}"


def bind_chat(services, code: str, chat_id: int, language: str | None = None, *,
              now: datetime | None = None) -> Citizen:
    """Redeem a binding code: this chat now belongs to the code's citizen and gets their waiting messages."""
    now = as_utc(now or _now())
    code = normalise_code(code)
    if not code:
        raise NotFound("绑定码无效，请在自助机或窗口重新生成二维码后再扫码。")
    with services.sessions.begin() as s:
        row = s.scalar(select(BindingCode).where(BindingCode.code_hash == _hash(services, code)))
        if row is None:
            raise NotFound("绑定码无效，请在自助机或窗口重新生成二维码后再扫码。", code="binding_unknown")
        if row.used_at is not None:
            raise Conflict("这个绑定码已经用过了。如需绑定新的聊天，请在自助机或窗口重新生成二维码。",
                           code="binding_used")
        if as_utc(row.expires_at) <= now:
            raise Conflict("绑定码已过期（有效期10分钟），请在自助机或窗口重新生成二维码。", code="binding_expired")
        # of two chats redeeming one code at once, only one turns it used
        taken = s.execute(update(BindingCode).where(BindingCode.id == row.id, BindingCode.used_at.is_(None))
                          .values(used_at=now, chat_id=chat_id)).rowcount
        if taken != 1:
            raise Conflict("这个绑定码已经用过了。如需绑定新的聊天，请在自助机或窗口重新生成二维码。",
                           code="binding_used")
        binding = s.get(ChatBinding, chat_id)
        if binding is None:
            s.add(ChatBinding(chat_id=chat_id, citizen_id=row.citizen_id, bound_at=now, language=language))
        else:
            binding.citizen_id, binding.bound_at, binding.language = row.citizen_id, now, language
        _route_to_chat(s, row.citizen_id, chat_id)
        citizen = s.get(Citizen, row.citizen_id)
    return citizen


def _route_to_chat(session, citizen_id: int, chat_id: int) -> None:
    """Messages that waited for a chat go to this one, and so do the next ones about open applications."""
    session.execute(update(OutboxMessage).where(
        OutboxMessage.citizen_id == citizen_id, OutboxMessage.chat_id.is_(None), OutboxMessage.sent_at.is_(None),
        OutboxMessage.failed_at.is_(None)).values(chat_id=chat_id))
    session.execute(update(Application).where(Application.citizen_id == citizen_id, Application.chat_id.is_(None))
                    .values(chat_id=chat_id))


def unbind_chat(services, chat_id: int) -> bool:
    """Forget the chat's binding and stop sending it the citizen's messages; False when it was not bound."""
    with services.sessions.begin() as s:
        binding = s.get(ChatBinding, chat_id)
        if binding is None:
            return False
        mine = (OutboxMessage.citizen_id == binding.citizen_id, OutboxMessage.chat_id == chat_id,
                OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))
        s.execute(update(OutboxMessage).where(*mine).values(chat_id=None))
        s.execute(update(Application).where(Application.citizen_id == binding.citizen_id,
                                            Application.chat_id == chat_id).values(chat_id=None))
        s.delete(binding)
    return True


def follow_application(services, application_id: int, chat_id: int) -> None:
    """Send an application's messages (waiting and future) to the chat it was made from, unless one is set."""
    with services.sessions.begin() as s:
        s.execute(update(Application).where(Application.id == application_id, Application.chat_id.is_(None))
                  .values(chat_id=chat_id))
        s.execute(update(OutboxMessage).where(OutboxMessage.application_id == application_id,
                                              OutboxMessage.chat_id.is_(None), OutboxMessage.sent_at.is_(None),
                                              OutboxMessage.failed_at.is_(None)).values(chat_id=chat_id))


def follow_appointment(services, appointment_id: int, chat_id: int) -> None:
    """Send a visit's notices (the booking notice that waits, the reminder) to the chat that booked it."""
    with services.sessions.begin() as s:
        s.execute(update(OutboxMessage).where(
            OutboxMessage.event_key.like(f"appointment:{appointment_id}:%"), OutboxMessage.chat_id.is_(None),
            OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None)).values(chat_id=chat_id))


def chat_of_citizen(session, citizen_id: int) -> int | None:
    """The Telegram chat bound to the citizen most recently, or None: where their news and answers go."""
    return session.scalar(select(ChatBinding.chat_id).where(ChatBinding.citizen_id == citizen_id)
                          .order_by(ChatBinding.bound_at.desc()).limit(1))


def citizen_for_chat(services, chat_id: int) -> Citizen | None:
    """The citizen this chat is bound to, if any."""
    with services.sessions() as s:
        binding = s.get(ChatBinding, chat_id)
        return s.get(Citizen, binding.citizen_id) if binding else None


def certificate_for_chat(services, application_id: int | None, chat_id: int) -> tuple[str, bytes] | None:
    """(file name, PDF) of the application's current certificate, if this chat is bound to its applicant."""
    if application_id is None:
        return None
    with services.sessions() as s:
        application = s.get(Application, application_id)
        binding = s.get(ChatBinding, chat_id)
        if application is None or binding is None or binding.citizen_id != application.citizen_id:
            return None
        cert = s.scalar(select(Certificate).where(Certificate.application_id == application_id,
                                                  Certificate.status == "valid")
                        .order_by(Certificate.id.desc()).limit(1))
        return (f"{cert.number}.pdf", cert.pdf) if cert else None
