"""The applicant's full ID number and phone, for staff who ask for them: every view is written to the audit log."""
from __future__ import annotations

from .. import audit
from ..bootstrap import Services
from ..citizens import reveal_id_number
from ..errors import PermissionDenied
from ..staff import find_staff
from .queries import get_application

PII_ACTION = "pii.view"


def reveal_applicant(services: Services, application_id: int, *, staff: str) -> dict:
    """The applicant's name, full ID number and phone; audited in the transaction that reads them.

    `staff` is the username of an active account; a clerk of another centre gets NotFound, as for the application.
    The audit line names the citizen and the application, never the numbers themselves.
    """
    with services.sessions.begin() as s:
        user = find_staff(s, staff)
        if user is None:
            raise PermissionDenied("工作人员账号不存在或已停用。")
        application = get_application(s, application_id, staff=user)
        citizen = application.citizen
        revealed = {"name": citizen.name, "id_number": reveal_id_number(citizen, services.vault),
                    "phone": services.vault.decrypt(citizen.phone_cipher) if citizen.phone_cipher else None}
        audit.append(s, actor=f"staff:{user.username}", action=PII_ACTION, entity="citizen", entity_id=citizen.id,
                     data={"application_id": application.id,
                           "fields": ["id_number", "phone"] if revealed["phone"] else ["id_number"]})
    return revealed
