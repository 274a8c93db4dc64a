"""A shared location: the three nearest service centres, with distance and today's hours."""
from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.types import Message, ReplyKeyboardRemove

from ..views import nearest_text


def router() -> Router:
    r = Router(name="location")

    @r.message(F.location)
    async def nearest(message: Message, services, lang: str) -> None:
        where = message.location
        text = await asyncio.to_thread(nearest_text, services, where.latitude, where.longitude, lang)
        await message.answer(text, reply_markup=ReplyKeyboardRemove())

    return r
