"""/search /apply /book /status /cancel: each starts its flow in the dialogue engine (the words after it included).

The flows themselves (forms that ask only for what is missing, 返回/取消, confirmation) live in core.dialogue,
shared with the kiosk, so every command is the same small handler here.
"""
from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from ..conversation import talk

FLOW_COMMANDS = ("search", "apply", "book", "status", "cancel")


def router() -> Router:
    r = Router(name="flows")

    @r.message(Command(*FLOW_COMMANDS))
    async def flow(message: Message, command: CommandObject, bot: Bot, services, dialogue, state: FSMContext,
                   lang: str) -> None:
        await talk(bot=bot, services=services, dialogue=dialogue, state=state, lang=lang, chat_id=message.chat.id,
                   text=(command.args or "").strip(), command=command.command.lower())

    return r
