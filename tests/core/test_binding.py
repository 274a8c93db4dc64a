"""One-time binding codes: a chat bound to a verified citizen gets their waiting and future messages."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from core import binding
from core.citizens import identify_citizen
from core.errors import Conflict, NotFound
from core.models import BindingCode, OutboxMessage
from core.outbox import enqueue
from tests.core.application_factories import submit
from tests.core.appointment_factories import id_number, make_centre


def citizen(services, i=1, name="张伟") -> int:
    with services.sessions.begin() as s:
        return identify_citizen(s, services.vault, name=name, id_number=id_number(i)).id


def test_a_code_binds_the_chat_once_and_only_its_hash_is_stored(services):
    cid = citizen(services)
    code = binding.create_binding_code(services, cid)
    assert len(code) == binding.CODE_LENGTH and code.isalnum()
    with services.sessions() as s:
        [row] = s.scalars(select(BindingCode))
        assert code not in row.code_hash and len(row.code_hash) == 64
    bound = binding.bind_chat(services, f"bind_{code}", 555, "zh")
    assert bound.id == cid and binding.citizen_for_chat(services, 555).name == "张伟"
    with pytest.raises(Conflict, match="已经用过"):
        binding.bind_chat(services, code, 556)
    assert binding.citizen_for_chat(services, 556) is None


def test_expired_and_unknown_codes_are_refused_in_chinese(services):
    cid = citizen(services)
    code = binding.create_binding_code(services, cid)
    with services.sessions.begin() as s:
        row = s.scalar(select(BindingCode))
        later = row.expires_at + timedelta(seconds=1)
    with pytest.raises(Conflict, match="已过期（有效期10分钟）"):
        binding.bind_chat(services, code, 555, now=later)
    with pytest.raises(NotFound, match="绑定码无效"):
        binding.bind_chat(services, "ABCDEFGHJKMN", 555)
    with pytest.raises(NotFound, match="绑定码无效"):
        binding.bind_chat(services, "bind_", 555)


def test_binding_delivers_the_messages_that_waited_for_a_chat(services):
    centre = make_centre(services)
    application = submit(services, centre.id, chat_id=None)  # applied at a kiosk: nobody to tell yet
    with services.sessions.begin() as s:
        other = identify_citizen(s, services.vault, name="李娜", id_number=id_number(2))
        enqueue(s, event_key="other", kind="x", text="别人的消息", citizen_id=other.id)
    code = binding.create_binding_code(services, application.citizen_id)
    binding.bind_chat(services, code, 555)
    with services.sessions() as s:
        rows = {r.text[:4]: r.chat_id for r in s.scalars(select(OutboxMessage))}
    assert rows == {"您的查档": 555, "别人的消": None}
    later = submit(services, centre.id, chat_id=None, purpose="第二份")  # applied at a kiosk again, after binding
    with services.sessions() as s:
        assert s.get(type(application), application.id).chat_id == 555
        assert {r.chat_id for r in s.scalars(select(OutboxMessage).where(
            OutboxMessage.application_id == later.id))} == {555}


def test_unbinding_stops_the_messages(services):
    centre = make_centre(services)
    application = submit(services, centre.id, chat_id=None)
    binding.bind_chat(services, binding.create_binding_code(services, application.citizen_id), 555)
    assert binding.unbind_chat(services, 555) is True
    assert binding.citizen_for_chat(services, 555) is None and binding.unbind_chat(services, 555) is False
    with services.sessions() as s:
        assert s.get(type(application), application.id).chat_id is None
        assert {r.chat_id for r in s.scalars(select(OutboxMessage))} == {None}


def test_the_certificate_goes_only_to_a_chat_bound_to_the_applicant(services):
    from tests.core.application_factories import move
    from tests.core.certificate_factories import issue, make_records

    centre = make_centre(services)
    application = submit(services, centre.id, chat_id=777)
    move(services, application.id, "in_review", "approved")
    make_records(services)
    with services.sessions() as s:
        cert = issue(services, application=s.get(type(application), application.id))
    assert binding.certificate_for_chat(services, application.id, 777) is None  # typed an ID number: not verified
    binding.bind_chat(services, binding.create_binding_code(services, application.citizen_id), 777)
    name, pdf = binding.certificate_for_chat(services, application.id, 777)
    assert name == f"{cert.number}.pdf" and pdf.startswith(b"%PDF")
    assert binding.certificate_for_chat(services, application.id, 778) is None
