"""Citizens: find or register a person by ID number without ever storing the number in clear."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import audit
from .errors import InvalidInput, NotFound
from .identity import mask_name, normalise_id_number
from .models import Citizen
from .search.text import fold_name
from .staff import require_role
from .vault import Vault


#: Who may correct a citizen's registered name (a window clerk sends the citizen to them).
RENAME_ROLES = ("archivist", "admin")
RENAME_ACTION = "citizen.rename"
MAX_NAME = 30


def _checked_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("请输入姓名。")
    if len(name) > MAX_NAME:
        raise InvalidInput("姓名过长，请核对。")
    return name


def identify_citizen(session: Session, vault: Vault, *, name: str, id_number: str, phone: str | None = None) -> Citizen:
    """Return the citizen with this ID number, registering them on first sight."""
    name = _checked_name(name)
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


def find_citizen(session: Session, vault: Vault, id_number: str) -> Citizen:
    """The citizen registered with this ID number; NotFound if nobody is."""
    citizen = session.scalar(select(Citizen).where(Citizen.id_hash == vault.lookup_hash(id_number)))
    if citizen is None:
        raise NotFound("没有以该身份证号码登记的申请人。")
    return citizen


def correct_citizen_name(session: Session, citizen_id: int, new_name: str, actor: str, reason: str) -> Citizen:
    """Correct the registered name of a citizen (an archivist or administrator, with a reason; audited).

    For a name mistyped at the first identification, which would otherwise lock the person out: every later
    identification is compared with the registered name. The audit line keeps both names masked only.
    """
    kind, _, username = (actor or "").partition(":")
    if kind != "staff" or not username:
        raise InvalidInput("只有工作人员可以更正申请人姓名。")
    require_role(session, username, RENAME_ROLES, action="更正申请人姓名")
    new_name = _checked_name(new_name)
    reason = audit.written_reason(reason, missing="更正姓名须写明理由（如：首次登记时录入错误，已核对身份证）。",
                                  too_long="理由不能超过200个字。")
    citizen = session.get(Citizen, citizen_id)
    if citizen is None:
        raise NotFound("没有这位申请人。")
    if citizen.name == new_name:
        raise InvalidInput("新姓名与登记的姓名相同，无需更正。")
    audit.append(session, actor=actor, action=RENAME_ACTION, entity="citizen", entity_id=citizen.id,
                 data={"old": mask_name(citizen.name), "new": mask_name(new_name), "reason": reason})
    citizen.name = new_name
    session.flush()
    return citizen
