"""/start (with `bind_<code>` deep links), /help, /lang, /centres, /unbind."""
from __future__ import annotations

import asyncio

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from core import binding
from core.identity import mask_name

from ..conversation import reset
from ..i18n import LANGUAGES, t
from ..keyboards import LANG_PREFIX, languages
from ..middlewares import LANG_KEY
from ..views import centres_text


def router() -> Router:
    r = Router(name="start")

    @r.message(CommandStart())
    async def start(message: Message, command: CommandObject, services, state: FSMContext, lang: str) -> None:
        await reset(state)
        args = (command.args or "").strip()
        if args.lower().startswith(binding.DEEP_LINK_PREFIX):
            citizen = await asyncio.to_thread(binding.bind_chat, services, args, message.chat.id, lang)
            await message.answer(t("bound", lang, name=mask_name(citizen.name)))
            return
        await message.answer(t("welcome", lang))

    @r.message(Command("help"))
    async def help_(message: Message, lang: str) -> None:
        await message.answer(t("help", lang))

    @r.message(Command("centres"))
    async def centres(message: Message, services) -> None:
        await message.answer(await asyncio.to_thread(centres_text, services))

    @r.message(Command("unbind"))
    async def unbind(message: Message, services, lang: str) -> None:
        done = await asyncio.to_thread(binding.unbind_chat, services, message.chat.id)
        await message.answer(t("unbound" if done else "not_bound", lang))

    @r.message(Command("lang"))
    async def lang_(message: Message, command: CommandObject, state: FSMContext) -> None:
        choice = (command.args or "").strip().lower()[:2]
        if choice in LANGUAGES:
            await state.update_data({LANG_KEY: choice})
            await message.answer(t("lang_set", choice))
        else:
            await message.answer(f"{t('lang_choose', 'zh')} / {t('lang_choose', 'en')}", reply_markup=languages())

    @r.callback_query(F.data.startswith(LANG_PREFIX))
    async def lang_chosen(query: CallbackQuery, state: FSMContext, bot: Bot) -> None:
        choice = query.data[len(LANG_PREFIX):]
        if choice not in LANGUAGES:
            await query.answer()
            return
        await state.update_data({LANG_KEY: choice})
        await query.answer()
        if query.message:
            await bot.edit_message_text(t("lang_set", choice), chat_id=query.message.chat.id,
                                        message_id=query.message.message_id)

    return r
