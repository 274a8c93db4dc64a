"""Who may change an appointment: the booker (cancel code, or their ID number) and the centre's staff.

The cancel code is a bearer secret handed to the booker at booking time: a keyed MAC of the appointment id
(Vault.tag), so it is never stored, cannot be guessed from the id, and changes with the deployment's identity key.
"""
from __future__ import annotations

import hmac

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InvalidInput, PermissionDenied
from ..models import Appointment, Citizen, StaffUser
from ..vault import Vault

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L look-alikes to misread at the window
CODE_LENGTH = 10  # ≈ 2^49.5 codes


def cancel_code(vault: Vault, appointment_id: int) -> str:
    """The appointment's cancel code, e.g. K7QM3XPAJD."""
    n = int.from_bytes(vault.tag(f"appointment:{appointment_id}"), "big")
    chars = []
    for _ in range(CODE_LENGTH):
        n, i = divmod(n, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[i])
    return "".join(chars)


def code_matches(vault: Vault, appointment_id: int, code: str | None) -> bool:
    """True when the code given (case, spaces and dashes ignored) is this appointment's cancel code."""
    given = "".join(ch for ch in str(code or "") if ch.isalnum()).upper()
    return hmac.compare_digest(given.encode(), cancel_code(vault, appointment_id).encode())


def staff_member(session: Session, username: str, centre_id: int) -> StaffUser:
    """The active staff account allowed to act at this centre (clerks only at their own centre)."""
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None or not user.active:
        raise PermissionDenied("没有这个工作人员账号，或账号已停用。")
    if user.role == "clerk" and user.centre_id != centre_id:
        raise PermissionDenied("窗口人员只能处理本服务中心的预约。")
    return user


def authorise(session: Session, vault: Vault, appointment: Appointment, *, code: str | None = None,
              id_number: str | None = None, staff: str | None = None) -> str:
    """Return the actor ("staff:<name>" or "citizen:<id>") allowed to change this appointment, or refuse."""
    if staff:
        return f"staff:{staff_member(session, staff, appointment.centre_id).username}"
    if code:
        if code_matches(vault, appointment.id, code):
            return f"citizen:{appointment.citizen_id}"
        raise PermissionDenied("取消码不正确。")
    if id_number:
        citizen = session.get(Citizen, appointment.citizen_id)
        if hmac.compare_digest(vault.lookup_hash(str(id_number)), citizen.id_hash):
            return f"citizen:{appointment.citizen_id}"
        raise PermissionDenied("身份证号码与预约人不符。")
    raise InvalidInput("请提供预约时给出的取消码，或预约人的身份证号码。")
