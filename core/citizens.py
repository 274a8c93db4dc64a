"""Citizens: find or register a person by ID number without ever storing the number in clear."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .errors import InvalidInput
from .identity import normalise_id_number
from .models import Citizen
from .search.text import fold_name
from .vault import Vault


def identify_citizen(session: Session, vault: Vault, *, name: str, id_number: str, phone: str | None = None) -> Citizen:
    """Return the citizen with this ID number, registering them on first sight."""
    name = (name or "").strip()
    if not name:
        raise InvalidInput("请输入姓名。")
    if len(name) > 30:
        raise InvalidInput("姓名过长，请核对。")
    id_hash, cipher, masked = vault.seal_id_number(normalise_id_number(id_number))
    citizen = session.scalar(select(Citizen).where(Citizen.id_hash == id_hash))
    if citizen is None:
        try:
            with session.begin_nested():  # two first visits of the same person at once: one insert wins
                citizen = Citizen(id_hash=id_hash, id_cipher=cipher, id_masked=masked, name=name)
                session.add(citizen)
        except IntegrityError:
            citizen = session.scalar(select(Citizen).where(Citizen.id_hash == id_hash))
    if fold_name(citizen.name) != fold_name(name):
        # neither silently filed under the registered name nor renamed by whoever knows the number
        raise InvalidInput("姓名与该身份证号码此前登记的姓名不一致，请核对；如确需更正，请到窗口办理。",
                           code="name_mismatch")
    if phone:
        citizen.phone_cipher = vault.encrypt(phone.strip())
    session.flush()
    return citizen


def reveal_id_number(citizen: Citizen, vault: Vault) -> str:
    """The full ID number, for authorised staff views only (callers audit the view)."""
    return vault.decrypt(citizen.id_cipher)
