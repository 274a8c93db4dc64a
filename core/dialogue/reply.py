"""What the engine answers: the reply text, buttons to offer, the conversation state to keep, what happened."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

MAX_BUTTON_VALUE = 60  # bytes of UTF-8: Telegram's callback data limit is 64


@dataclass
class Button:
    """A choice to offer; `value` is sent back as the next message text."""

    label: str
    value: str

    def __post_init__(self):
        if len(self.value.encode()) > MAX_BUTTON_VALUE:
            raise ValueError(f"button value longer than {MAX_BUTTON_VALUE} bytes: {self.value!r}")


@dataclass
class Reply:
    """One turn of the engine. `state` is JSON-serialisable and goes back to the engine with the next message."""

    intent: str
    slots: dict
    text: str
    buttons: list[Button] = field(default_factory=list)
    state: dict = field(default_factory=dict)
    action: dict | None = None
    request_location: bool = False

    def as_dict(self) -> dict:
        """The reply as JSON-ready data (for the API and the CLI)."""
        return asdict(self)


def fits(value: str, fallback: str) -> str:
    """The value if it fits in a button, else the (shorter) fallback: a long centre name → its code."""
    return value if len(value.encode()) <= MAX_BUTTON_VALUE else fallback


def buttons(*pairs, lang: str = "zh") -> list[Button]:
    """Buttons from labels (value = label) or (label, value) pairs; the labels in English when lang is en."""
    from .texts import label

    return [Button(label(p, lang), p) if isinstance(p, str) else Button(label(p[0], lang), p[1]) for p in pairs]
