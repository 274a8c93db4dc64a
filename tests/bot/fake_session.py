"""A Bot API session that records what the bot sends instead of calling Telegram."""
from __future__ import annotations

from datetime import datetime, timezone

from aiogram.client.session.base import BaseSession
from aiogram.methods import (EditMessageReplyMarkup, EditMessageText, SendDocument, SendMessage, TelegramMethod)
from aiogram.types import Chat, Document, Message

MESSAGE_METHODS = (SendMessage, SendDocument, EditMessageText, EditMessageReplyMarkup)


class RecordingSession(BaseSession):
    def __init__(self):
        super().__init__()
        self.sent: list[TelegramMethod] = []
        self.fail_with: Exception | None = None  # raised (once) by the next send

    async def make_request(self, bot, method, timeout=None):
        if self.fail_with is not None and isinstance(method, (SendMessage, SendDocument)):
            error, self.fail_with = self.fail_with, None
            raise error
        self.sent.append(method)
        if isinstance(method, MESSAGE_METHODS):
            message_id = getattr(method, "message_id", None) or len(self.sent)
            extra = {}
            if isinstance(method, SendDocument):
                extra["document"] = Document(file_id="F", file_unique_id="U", file_name=method.document.filename)
                extra["caption"] = method.caption
            return Message(message_id=message_id, date=datetime.now(timezone.utc),
                           chat=Chat(id=method.chat_id, type="private"), text=getattr(method, "text", None), **extra)
        return True

    async def stream_content(self, url, headers=None, timeout=30, chunk_size=65536, raise_for_status=True):
        yield b""

    async def close(self):
        pass

    def texts(self) -> list[str]:
        return [m.text for m in self.sent if isinstance(m, SendMessage)]
