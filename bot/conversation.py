"""One turn of the conversation: ask the dialogue engine (in a thread), keep its state in FSM data, show its reply.

The engine (`core.dialogue.answer` by default; the Dispatcher's `dialogue` workflow data) is channel-agnostic: it
returns text, buttons and a JSON state. The bot keeps that state per user in FSM storage (memory, or Redis so a
conversation survives a restart and is shared by webhook instances), and turns buttons into inline keyboards.
"""
from __future__ import annotations

import asyncio

from aiogram import Bot
from aiogram.fsm.context import FSMContext

from core import binding

from .keyboards import BUTTON_KEYS, choices, location_request

DIALOGUE_KEY = "dialogue"
TEXT_LIMIT = 4096  # Telegram's limit for one message


def default_dialogue():
    """The real engine, imported when first needed (the bot runs without it only in tests that pass a stub)."""
    from core.dialogue import answer

    return answer


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Cut a long reply at line breaks into messages Telegram accepts."""
    parts, current = [], ""
    for line in (text or "").split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current or "…")
    return parts


async def send_long(bot: Bot, chat_id: int, text: str, reply_markup=None) -> None:
    """Send text in as many messages as it needs; the keyboard goes with the last one."""
    parts = split_text(text)
    for i, part in enumerate(parts):
        await bot.send_message(chat_id, part, reply_markup=reply_markup if i == len(parts) - 1 else None)


async def _follow(services, action: dict | None, chat_id: int) -> None:
    """Make sure what was just filed from this chat reports back to it."""
    kind = (action or {}).get("type")
    if kind == "submitted" and action.get("application_id"):
        await asyncio.to_thread(binding.follow_application, services, int(action["application_id"]), chat_id)
    elif kind == "booked" and action.get("appointment_id"):
        await asyncio.to_thread(binding.follow_appointment, services, int(action["appointment_id"]), chat_id)


async def talk(*, bot: Bot, services, dialogue, state: FSMContext, lang: str, chat_id: int, text: str,
               command: str | None = None) -> None:
    """Pass one message (or a command) to the dialogue engine and send its reply to the chat."""
    data = await state.get_data()
    citizen = await asyncio.to_thread(binding.citizen_for_chat, services, chat_id)
    reply = await asyncio.to_thread(dialogue, services, text, state=data.get(DIALOGUE_KEY), channel="bot",
                                    lang=lang, citizen_id=citizen.id if citizen else None, chat_id=chat_id,
                                    command=command)
    keys = dict(data.get(BUTTON_KEYS) or {})
    wants_location = reply.request_location or (reply.action or {}).get("type") == "ask_location"
    markup = location_request(lang) if wants_location else choices(reply.buttons, keys)
    await state.update_data({DIALOGUE_KEY: reply.state, BUTTON_KEYS: keys})
    await send_long(bot, chat_id, reply.text, markup)
    await _follow(services, reply.action, chat_id)  # after the reply, so the official notice comes second


async def reset(state: FSMContext) -> None:
    """Forget the conversation (keeps the language choice)."""
    await state.update_data({DIALOGUE_KEY: None, BUTTON_KEYS: {}})
