"""Drive a real Dispatcher with updates, as Telegram would send them, and read what the bot sent back."""
from __future__ import annotations

import asyncio
import itertools
from datetime import datetime, timezone

from aiogram import Bot
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import SendDocument, SendMessage
from aiogram.types import CallbackQuery, Chat, Location, Message, Update, User

from bot.app import create_dispatcher
from tests.bot import stub_dialogue
from tests.bot.fake_session import RecordingSession

_ids = itertools.count(1)


class ChatDriver:
    """One user in one private chat with a bot built by create_dispatcher (one event loop for its lifetime)."""

    def __init__(self, services, *, chat_id: int = 7, language_code: str = "zh-hans", dialogue=stub_dialogue.answer,
                 storage=None, limiter=None, token: str = "42:TEST"):
        self.services, self.chat_id, self.language_code = services, chat_id, language_code
        self.loop = asyncio.new_event_loop()
        self.session = RecordingSession()
        self.bot = Bot(token, session=self.session)
        self.dp = create_dispatcher(services, storage, dialogue=dialogue, limiter=limiter)

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def close(self) -> None:
        self.run(self.dp.storage.close())
        self.loop.close()

    # -- what the user does ----------------------------------------------------------------------------------
    def _user(self) -> User:
        return User(id=self.chat_id, is_bot=False, first_name="市民", language_code=self.language_code)

    def _feed(self, **update) -> list:
        before = len(self.session.sent)
        self.run(self.dp.feed_update(self.bot, Update(update_id=next(_ids), **update)))
        return self.session.sent[before:]

    def _message(self, **content) -> Message:
        return Message(message_id=next(_ids), date=datetime.now(timezone.utc),
                       chat=Chat(id=self.chat_id, type="private"), from_user=self._user(), **content)

    def say(self, text: str) -> list[str]:
        """Send a message; the texts the bot answered with."""
        return texts(self._feed(message=self._message(text=text)))

    def say_together(self, *messages: str) -> list[str]:
        """Send several messages at once, as polling hands them to concurrent tasks; all the texts answered."""
        before = len(self.session.sent)
        updates = [Update(update_id=next(_ids), message=self._message(text=text)) for text in messages]

        async def together():
            await asyncio.gather(*(self.dp.feed_update(self.bot, u) for u in updates))

        self.run(together())
        return texts(self.session.sent[before:])

    def share_location(self, lat: float, lon: float) -> list[str]:
        return texts(self._feed(message=self._message(location=Location(latitude=lat, longitude=lon))))

    def press(self, label: str) -> list[str]:
        """Press the button with this label on the latest keyboard the bot sent."""
        keyboard = self.last_keyboard()
        data = dict(keyboard)[label]
        message = Message(message_id=self.last_keyboard_message_id, date=datetime.now(timezone.utc),
                          chat=Chat(id=self.chat_id, type="private"), text="…")
        query = CallbackQuery(id=str(next(_ids)), from_user=self._user(), chat_instance="1", message=message,
                              data=data)
        return texts(self._feed(callback_query=query))

    def press_data(self, data: str) -> list:
        message = Message(message_id=1, date=datetime.now(timezone.utc), chat=Chat(id=self.chat_id, type="private"),
                          text="…")
        return self._feed(callback_query=CallbackQuery(id=str(next(_ids)), from_user=self._user(), chat_instance="1",
                                                       message=message, data=data))

    def data(self) -> dict:
        """What the bot keeps for this user in FSM storage."""
        key = StorageKey(bot_id=self.bot.id, chat_id=self.chat_id, user_id=self.chat_id)
        return self.run(self.dp.storage.get_data(key))

    # -- what the bot sent -----------------------------------------------------------------------------------
    def last_keyboard(self) -> list[tuple[str, str]]:
        for i in range(len(self.session.sent) - 1, -1, -1):
            method = self.session.sent[i]
            markup = getattr(method, "reply_markup", None)
            if isinstance(method, SendMessage) and markup is not None and hasattr(markup, "inline_keyboard"):
                self.last_keyboard_message_id = i + 1
                return [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row]
        raise AssertionError("the bot sent no inline keyboard")

    def last_buttons(self) -> list[str]:
        return [label for label, _ in self.last_keyboard()]

    says, presses = say, press  # the names the conversation scripts use

    def documents(self) -> list[SendDocument]:
        return [m for m in self.session.sent if isinstance(m, SendDocument)]


def texts(methods) -> list[str]:
    return [m.text for m in methods if isinstance(m, SendMessage)]
