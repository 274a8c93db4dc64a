"""Free text and button presses go to the dialogue engine; anything else gets a pointer to words."""
from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from ..conversation import talk
from ..i18n import t
from ..keyboards import BUTTON_KEYS, KEY_PREFIX, VALUE_PREFIX, value_of


def router() -> Router:
    r = Router(name="dialogue")

    @r.message(F.text)
    async def text(message: Message, bot: Bot, services, dialogue, state: FSMContext, lang: str) -> None:
        await talk(bot=bot, services=services, dialogue=dialogue, state=state, lang=lang, chat_id=message.chat.id,
                   text=message.text)

    @r.callback_query(F.data.startswith(VALUE_PREFIX) | F.data.startswith(KEY_PREFIX))
    async def button(query: CallbackQuery, bot: Bot, services, dialogue, state: FSMContext, lang: str) -> None:
        value = value_of(query.data, (await state.get_data()).get(BUTTON_KEYS) or {})
        if value is None or query.message is None:
            await query.answer(t("button_expired", lang), show_alert=True)
            return
        await query.answer()
        chat_id = query.message.chat.id
        # the choice is made: take the keyboard away so an old button cannot be pressed twice
        await bot.edit_message_reply_markup(chat_id=chat_id, message_id=query.message.message_id, reply_markup=None)
        await talk(bot=bot, services=services, dialogue=dialogue, state=state, lang=lang, chat_id=chat_id,
                   text=value)

    @r.message()
    async def other(message: Message, lang: str) -> None:
        await message.answer(t("not_text", lang))

    return r
