"""Middlewares: each handler learns the user's language (`lang`); users who flood the bot are slowed down politely;
one user's messages are handled one at a time, in the order they came.
"""
from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject

from .i18n import language_of, t

LANG_KEY = "lang"


class LanguageMiddleware(BaseMiddleware):
    """`lang` for handlers: the /lang choice kept in FSM data, else the Telegram client's language."""

    async def __call__(self, handler: Callable[[TelegramObject, dict], Awaitable[Any]], event: TelegramObject,
                       data: dict[str, Any]) -> Any:
        state = data.get("state")
        chosen = (await state.get_data()).get(LANG_KEY) if state else None
        user = getattr(event, "from_user", None)
        data["lang"] = language_of(user.language_code if user else None, chosen)
        return await handler(event, data)


class RateLimitMiddleware(BaseMiddleware):
    """Drop a user's messages beyond the rate; the first one over it gets a polite answer, the rest silence."""

    def __init__(self, limiter):
        self.limiter = limiter

    async def __call__(self, handler: Callable[[TelegramObject, dict], Awaitable[Any]], event: TelegramObject,
                       data: dict[str, Any]) -> Any:
        user = getattr(event, "from_user", None)
        if user is None:
            return await handler(event, data)
        count = await self.limiter.hit(user.id)
        limit = self.limiter.rate.limit
        if count <= limit:
            return await handler(event, data)
        lang = data.get("lang", "zh")
        if isinstance(event, CallbackQuery):
            await event.answer(t("rate_limited_short", lang))
        elif isinstance(event, Message) and count == limit + 1:
            await event.answer(t("rate_limited", lang))
        return None


class OneAtATime(BaseMiddleware):
    """Handle a user's updates in arrival order, never two at once: each turn reads and writes the dialogue state.

    Polling hands updates to concurrent tasks, so without this a quick second message could be answered from the
    state before the first one's turn was saved. (Across webhook instances the load balancer should keep a user
    on one instance; Telegram delivers one chat's updates in order.)
    """

    def __init__(self):
        self._locks: dict[int, asyncio.Lock] = {}

    async def __call__(self, handler: Callable[[TelegramObject, dict], Awaitable[Any]], event: TelegramObject,
                       data: dict[str, Any]) -> Any:
        user = getattr(event, "from_user", None)
        if user is None:
            return await handler(event, data)
        lock = self._locks.setdefault(user.id, asyncio.Lock())
        try:
            async with lock:
                return await handler(event, data)
        finally:
            if not lock.locked() and self._locks.get(user.id) is lock:
                del self._locks[user.id]
