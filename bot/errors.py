"""One error handler: a domain error's Chinese message goes to the user; anything else is a bug, logged."""
from __future__ import annotations

import logging
import traceback

from aiogram import Bot
from aiogram.types import ErrorEvent

from core.errors import LantaiError
from core.identity import redact_id_numbers

from .i18n import language_of, t

log = logging.getLogger("lantai.bot")


def _chat_and_user(event: ErrorEvent):
    update = event.update
    if update.message:
        return update.message.chat.id, update.message.from_user
    if update.callback_query:
        query = update.callback_query
        return (query.message.chat.id if query.message else query.from_user.id), query.from_user
    return None, None


async def on_error(event: ErrorEvent, bot: Bot) -> bool:
    """Tell the user what went wrong (domain errors) or apologise (bugs, which are logged without ID numbers)."""
    error = event.exception
    chat_id, user = _chat_and_user(event)
    if isinstance(error, LantaiError):
        text = redact_id_numbers(error.message)
    else:
        details = redact_id_numbers("".join(traceback.format_exception(error)))
        log.error("update %s failed: %s", event.update.update_id, details)
        text = t("internal_error", language_of(user.language_code if user else None))
    if chat_id is not None:
        try:
            await bot.send_message(chat_id, text)
        except Exception as e:  # the apology itself failing must not hide the first error
            log.warning("could not tell chat about an error: %s", redact_id_numbers(str(e)))
    return True
