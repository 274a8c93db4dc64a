"""The ID-card reader adapter: how the kiosk learns who stands in front of it.

A second-generation ID card reader (GA 467) gives the name and the ID number printed on the chip; until a reader
is attached, the visitor types both on the on-screen keyboards (`typed`). The kiosk asks a reader through the
`IdCardReader` interface and never cares which one it has; the setting `kiosk_id_reader`
(LANTAI_KIOSK_ID_READER) picks the implementation. A hardware reader adds a class here and a name in READERS.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol

from core.errors import ConfigError, InvalidInput
from core.identity import normalise_id_number


@dataclass(frozen=True)
class CardData:
    """What a card (or the visitor's typing) gives: the holder's name and the ID number, checked."""

    name: str
    id_number: str

    def __repr__(self) -> str:  # never let an ID number reach a log through a repr
        return "CardData(<redacted>)"


class IdCardReader(Protocol):
    """An ID-card source. `typed` says whether the visitor types (the screen then shows the keyboards)."""

    name: str
    typed: bool

    def read(self, form: Mapping[str, str]) -> CardData:
        """Read the card (a hardware reader) or the typed form; InvalidIdNumber/InvalidInput say what is wrong."""
        ...


class TypedEntry:
    """No reader attached: name and number are typed on the on-screen keyboards and checked like a card's."""

    name = "typed"
    typed = True

    def read(self, form: Mapping[str, str]) -> CardData:
        """Check the typed name and ID number (GB 11643 check character) and return them."""
        name = "".join((form.get("name") or "").split())
        id_number = normalise_id_number(form.get("id_number") or "")
        if not name:
            raise InvalidInput("请输入姓名。", code="missing_name")
        if len(name) < 2 or len(name) > 30 or any(ch.isdigit() for ch in name):
            raise InvalidInput("姓名应为2到30个字，不含数字，请核对。", code="bad_name")
        return CardData(name=name, id_number=id_number)


READERS: dict[str, type] = {"typed": TypedEntry}


def id_card_reader(name: str) -> IdCardReader:
    """The reader adapter named by the setting kiosk_id_reader; ConfigError for a name we do not know."""
    try:
        return READERS[name]()
    except KeyError:
        raise ConfigError(f"LANTAI_KIOSK_ID_READER 设置为「{name}」，没有这种身份证读卡方式；"
                          f"可选：{'、'.join(READERS)}。") from None
