"""Whole flows through the Dispatcher with the real dialogue engine, and the notifier delivering what they announce."""
import asyncio
from datetime import datetime, timedelta

import pytest
from aiogram.exceptions import TelegramForbiddenError, TelegramNetworkError
from aiogram.methods import SendMessage
from sqlalchemy import select, update

from bot.notifier import Notifier
from core import binding
from core.appointments import book_appointment
from core.appointments.reminders import enqueue_reminders
from core.dialogue import answer
from core.models import Application, OutboxMessage
from tests.bot.driver import ChatDriver
from tests.bot.scripts import APPLY, BOOK, WRONG_ID_STEP, converse
from tests.core.application_factories import move, submit
from tests.core.appointment_factories import TZ, applicant, make_centre, next_open_day
from tests.core.certificate_factories import issue, make_records


@pytest.fixture
def chat(services):
    driver = ChatDriver(services, chat_id=901, dialogue=answer)
    yield driver
    driver.close()


def deliver(chat: ChatDriver) -> list[str]:
    """One notifier round; what it sent (texts and document captions)."""
    before = len(chat.session.sent)
    chat.run(Notifier(chat.bot, chat.services).deliver_once())
    return [getattr(m, "text", None) or getattr(m, "caption", "") for m in chat.session.sent[before:]]


def issue_certificate(services, application_id: int) -> None:
    move(services, application_id, "in_review", "approved")
    make_records(services)
    with services.sessions() as s:
        issue(services, application=s.get(Application, application_id))
    move(services, application_id, "issued")


def test_apply_with_a_wrong_then_a_right_id_number_then_follow_it(services, chat):
    replies = converse(chat, APPLY)
    [wrong] = replies[WRONG_ID_STEP]
    assert "校验位不符" in wrong and "身份证号码" in wrong
    [done] = replies[-1]
    assert "申请已提交" in done and "取件码" in done
    [notice] = deliver(chat)  # the official notice follows from the outbox, to this chat
    code = notice.split("取件码 ")[1].split("，")[0]
    assert code in done and "申请人本人的有效身份证件" in notice
    assert deliver(chat) == []  # sent once
    chat.say("/status")
    [status] = chat.say(code.lower())
    assert "已提交" in status


def test_book_a_visit_with_buttons_and_get_its_notice(services, chat):
    make_centre(services, "C01")
    make_centre(services, "C02", name="河上镇便民服务中心")
    [[ask], *_, [booked]] = converse(chat, BOOK, centre="河上镇")  # centre, day and slot pressed as buttons
    assert "服务中心" in ask
    assert "预约成功" in booked and "取消码" in booked
    [notice] = deliver(chat)
    assert notice.startswith("预约成功：河上镇便民服务中心") and "请带身份证原件" in notice


def test_a_bound_chat_sees_its_applications_and_receives_the_certificate_pdf(services, chat):
    centre = make_centre(services)
    application = submit(services, centre.id, chat_id=None)  # applied at the kiosk
    code = binding.create_binding_code(services, application.citizen_id)
    [reply] = chat.say(f"/start bind_{code}")
    assert reply.startswith("绑定成功！张*")
    [waiting] = deliver(chat)
    assert "您的查档申请已提交" in waiting
    [mine] = chat.say("/status")  # no pickup code needed: the engine knows who is talking
    assert application.pickup_code in mine
    issue_certificate(services, application.id)
    deliver(chat)
    [document] = chat.documents()
    assert document.chat_id == 901 and document.document.filename.startswith("LT-")
    assert document.document.data.startswith(b"%PDF") and "查档证明" in document.caption
    assert chat.say(f"/start bind_{code}") == ["这个绑定码已经用过了。如需绑定新的聊天，请在自助机或窗口重新生成二维码。"]
    assert chat.say("/start bind_XXXXXXXXXXXX")[0].startswith("绑定码无效")


def test_issued_to_a_chat_that_is_not_bound_is_a_message_without_the_pdf(services, chat):
    centre = make_centre(services)
    application = submit(services, centre.id, chat_id=901)  # applied from this chat, never verified
    issue_certificate(services, application.id)
    sent = deliver(chat)
    assert any("已出具" in text for text in sent) and chat.documents() == []


def test_a_bound_citizen_is_reminded_the_day_before_a_visit(services, chat):
    centre = make_centre(services)
    day = next_open_day(services, centre, datetime.now(TZ).date() + timedelta(days=2))
    appointment = book_appointment(services, centre_id=centre.id, starts_at=f"{day}T09:00", channel="kiosk",
                                   applicant=applicant(1))
    binding.bind_chat(services, binding.create_binding_code(services, appointment.citizen_id), 901)
    assert enqueue_reminders(services, day) == 1
    sent = deliver(chat)
    assert any(text.startswith("温馨提醒：您预约了明天") and "09:00–09:30" in text for text in sent)
    enqueue_reminders(services, day)
    assert deliver(chat) == []  # never twice


def test_a_failed_send_is_retried_and_a_blocked_chat_is_given_up(services, chat):
    centre = make_centre(services)
    submit(services, centre.id, chat_id=901)
    chat.session.fail_with = TelegramNetworkError(method=SendMessage(chat_id=901, text="x"), message="timeout")
    assert deliver(chat) == []
    with services.sessions.begin() as s:
        row = s.scalar(select(OutboxMessage))
        assert row.sent_at is None and row.failed_at is None and row.next_attempt_at is not None
        s.execute(update(OutboxMessage).values(next_attempt_at=None))  # the back-off has passed
    assert "已提交" in deliver(chat)[0]
    submit(services, centre.id, chat_id=901, purpose="另一件事")
    chat.session.fail_with = TelegramForbiddenError(method=SendMessage(chat_id=901, text="x"),
                                                    message="bot was blocked by the user")
    deliver(chat)
    with services.sessions() as s:
        last = s.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
        assert last.failed_at is not None and "blocked" in last.last_error


def test_the_notifier_loop_keeps_going_after_a_bad_round(services, chat, monkeypatch):
    rounds = []

    async def flaky(self):
        rounds.append(1)
        if len(rounds) == 1:
            raise RuntimeError("database went away")
        if len(rounds) == 3:
            raise asyncio.CancelledError
        return 0

    monkeypatch.setattr(Notifier, "deliver_once", flaky)
    monkeypatch.setattr(Notifier, "queue_reminders", lambda self: asyncio.sleep(0))
    with pytest.raises(asyncio.CancelledError):
        chat.run(Notifier(chat.bot, services, interval=0).run())
    assert len(rounds) == 3
