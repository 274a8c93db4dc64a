"""Keyboards: the dialogue's choices as inline buttons, the language choice, the location request.

A button's value goes back to the dialogue as the next message. Telegram allows 64 bytes of callback data, so a
value travels in the data itself ("v:" + value, up to 62 bytes); a longer one is replaced by a short key, and the
key → value map is kept in the user's FSM data (`BUTTON_KEYS`), bounded to the latest ones.
"""
from __future__ import annotations

import hashlib

from aiogram.types import (InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup)

from .i18n import t

CALLBACK_LIMIT = 64
VALUE_PREFIX, KEY_PREFIX, LANG_PREFIX = "v:", "k:", "lang:"
BUTTON_KEYS = "button_keys"
MAX_KEYS = 64


def callback_data(value: str, keys: dict[str, str]) -> str:
    """The callback data for a button value; long values are stored in `keys` under a short key."""
    data = VALUE_PREFIX + value
    if len(data.encode()) <= CALLBACK_LIMIT:
        return data
    key = hashlib.sha256(value.encode()).hexdigest()[:16]
    keys[key] = value
    while len(keys) > MAX_KEYS:
        keys.pop(next(iter(keys)))
    return KEY_PREFIX + key


def value_of(data: str, keys: dict[str, str]) -> str | None:
    """The button value behind callback data, or None when it is unknown (an old keyboard)."""
    if data.startswith(VALUE_PREFIX):
        return data[len(VALUE_PREFIX):]
    if data.startswith(KEY_PREFIX):
        return keys.get(data[len(KEY_PREFIX):])
    return None


def _per_row(labels: list[str]) -> int:
    longest = max(len(label) for label in labels)
    return 3 if longest <= 6 else 2 if longest <= 12 else 1


def choices(buttons, keys: dict[str, str]) -> InlineKeyboardMarkup | None:
    """Inline keyboard for the dialogue's buttons (objects with .label and .value), or None without any."""
    if not buttons:
        return None
    width = _per_row([b.label for b in buttons])
    cells = [InlineKeyboardButton(text=b.label[:64], callback_data=callback_data(b.value, keys)) for b in buttons]
    return InlineKeyboardMarkup(inline_keyboard=[cells[i:i + width] for i in range(0, len(cells), width)])


def languages() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[
        InlineKeyboardButton(text="中文", callback_data=LANG_PREFIX + "zh"),
        InlineKeyboardButton(text="English", callback_data=LANG_PREFIX + "en")]])


def location_request(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text=t("share_location", lang), request_location=True)]],
                               resize_keyboard=True, one_time_keyboard=True)
