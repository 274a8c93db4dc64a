"""Multi-turn forms: ask only for what is missing, validate each answer, 「返回」 one step back, 「取消」 to abandon,
a summary and 「确认」 before submitting.

A form is data (FormSpec: fields with prompt/parse/needed); its progress lives in the conversation state as
{"form": name, "step": field|"confirm", "data": {...}, "history": [fields the user answered]}: JSON only, and an
ID number only as ciphertext (services.vault) with its masked form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from ..errors import InvalidInput, LantaiError
from ..identity import mask_id_number, mask_phone, normalise_id_number
from .normalise import normalise
from .reply import Button, buttons, fits
from .slots import centre_of
from .i18n import localise
from .texts import say

CONTROL: dict[str, tuple[str, ...]] = {
    "cancel": ("取消", "不办了", "算了", "退出", "不要了", "cancel", "quit", "stop"),
    "back": ("返回", "上一步", "返回上一步", "back"),
    "confirm": ("确认", "确定", "确认提交", "提交", "对", "是的", "没问题", "confirm", "yes", "ok"),
    "skip": ("跳过", "不填", "没有", "无", "skip", "none"),
}
_PUNCT = re.compile(r"[\s,，.。!！?？~～、]+")
_PHONE = re.compile(r"^\+?[\d\- ]{7,20}$")


def bare(text: str) -> str:
    """The message normalised, without spaces and punctuation (to compare with a list of whole-message words)."""
    return _PUNCT.sub("", normalise(text))


def control_word(text: str) -> str | None:
    """cancel / back / confirm / skip when the whole message is one of those words."""
    word = bare(text)
    return next((kind for kind, words in CONTROL.items() if word in words), None)


@dataclass
class FormCtx:
    """What a form needs besides the message: services, language, channel, bound citizen, today, centres."""

    services: object
    lang: str
    channel: str
    chat_id: int | None
    citizen: dict | None  # {"id", "name", "masked"} when the chat is bound to a verified citizen
    today: date
    centres: list[dict]
    centre_id: int | None = None  # the centre the channel stands in (a kiosk's): its hand-offs go to that queue


@dataclass
class Field:
    name: str
    prompt: Callable[[FormCtx, dict], tuple[str, list[Button]]]
    parse: Callable[[FormCtx, str, dict], object]  # raises InvalidInput with a Chinese message
    needed: Callable[[FormCtx, dict], bool] = lambda ctx, data: True
    optional: bool = False
    clears: tuple[str, ...] = ()  # answers that depend on this one: asked again when it changes


class Reopen(LantaiError):
    """Raised by a submit: the answer to `field` no longer holds (a slot just filled up); ask it again."""

    def __init__(self, message: str, field_name: str):
        super().__init__(message)
        self.field = field_name


@dataclass
class FormSpec:
    name: str
    intent: str
    fields: list[Field]
    summary: Callable[[FormCtx, dict], str]
    submit: Callable[[FormCtx, dict], tuple[str, dict]]  # → (text, action)
    prefill: Callable[[FormCtx, dict], dict] = lambda ctx, slots: {}

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass
class Turn:
    text: str
    buttons: list[Button] = field(default_factory=list)
    flow: dict | None = None
    action: dict | None = None
    invalid: bool = False  # the answer did not fit the question (the engine may see if it was another question)


def _ask(spec: FormSpec, ctx: FormCtx, flow: dict, prefix: str = "") -> Turn:
    data = flow["data"]
    for f in spec.fields:
        if f.name not in data and f.needed(ctx, data):
            flow["step"] = f.name
            text, btns = f.prompt(ctx, data)
            if f.optional:
                text += say("skip_hint", ctx.lang)
                btns = btns + buttons("跳过", lang=ctx.lang)
            return Turn(prefix + text, btns + _nav(flow, ctx.lang), flow)
    flow["step"] = "confirm"
    return Turn(prefix + spec.summary(ctx, data) + "\n" + say("confirm_hint", ctx.lang),
                buttons("确认", "返回", "取消", lang=ctx.lang), flow)


def _nav(flow: dict, lang: str = "zh") -> list[Button]:
    return buttons("返回", "取消", lang=lang) if flow["history"] else buttons("取消", lang=lang)


def start(spec: FormSpec, ctx: FormCtx, slots: dict, intro: str = "") -> Turn:
    """Begin a form with what the first message already said."""
    flow = {"form": spec.name, "step": None, "data": spec.prefill(ctx, slots), "history": []}
    return _ask(spec, ctx, flow, intro)


def reprompt(spec: FormSpec, ctx: FormCtx, flow: dict, prefix: str = "") -> Turn:
    """Ask the current question again (after answering a side question)."""
    return _ask(spec, ctx, flow, prefix)


def advance(spec: FormSpec, ctx: FormCtx, flow: dict, text: str) -> Turn:
    """Take the user's answer to the current step."""
    kind = control_word(text)
    if kind == "cancel":
        return Turn(say("cancelled_flow", ctx.lang), [], None)
    if kind == "back":
        return _back(spec, ctx, flow)
    if flow["step"] == "confirm":
        if kind != "confirm":
            return Turn(spec.summary(ctx, flow["data"]) + "\n" + say("confirm_hint", ctx.lang),
                        buttons("确认", "返回", "取消", lang=ctx.lang), flow, invalid=True)
        return _submit(spec, ctx, flow)
    f = spec.field(flow["step"])
    if kind == "skip" and f.optional:
        value = None
    else:
        try:
            value = f.parse(ctx, text, flow["data"])
        except InvalidInput as e:
            prompt, btns = f.prompt(ctx, flow["data"])
            return Turn(f"{localise(e.message, ctx.lang)}\n{prompt}", btns + _nav(flow, ctx.lang), flow, invalid=True)
    flow["data"][f.name] = value
    flow["history"].append(f.name)
    return _ask(spec, ctx, flow)


def _clear(spec: FormSpec, data: dict, name: str) -> None:
    data.pop(name, None)
    for dependent in spec.field(name).clears:
        data.pop(dependent, None)


def _back(spec: FormSpec, ctx: FormCtx, flow: dict) -> Turn:
    if flow["history"]:
        name = flow["history"].pop()
    else:  # nothing answered yet: step back into what the first message said (a prefilled centre …)
        names = [f.name for f in spec.fields]
        upto = names.index(flow["step"]) if flow["step"] in names else len(names)
        name = next((n for n in reversed(names[:upto]) if n in flow["data"]), None)
        if name is None:
            return _ask(spec, ctx, flow, say("first_step", ctx.lang) + "\n")
    _clear(spec, flow["data"], name)
    return _ask(spec, ctx, flow)


def _submit(spec: FormSpec, ctx: FormCtx, flow: dict) -> Turn:
    try:
        text, action = spec.submit(ctx, flow["data"])
    except Reopen as e:
        _clear(spec, flow["data"], e.field)
        if e.field in flow["history"]:
            flow["history"].remove(e.field)
        return _ask(spec, ctx, flow, localise(e.message, ctx.lang) + "\n")
    except LantaiError as e:
        return Turn(f"{localise(e.message, ctx.lang)}\n{say('confirm_hint', ctx.lang)}",
                    buttons("确认", "返回", "取消", lang=ctx.lang), flow, invalid=True)
    return Turn(text, [], None, action)


# ---- fields several forms share

def ask_name(ctx: FormCtx, data: dict) -> tuple[str, list[Button]]:
    return say("ask_name", ctx.lang), []


def parse_name(ctx: FormCtx, text: str, data: dict) -> str:
    name = _PUNCT.sub("", text.strip())
    if not 2 <= len(name) <= 30 or any(c.isdigit() for c in name):
        raise InvalidInput(say("bad_name", ctx.lang))
    return name


def ask_id(ctx: FormCtx, data: dict) -> tuple[str, list[Button]]:
    return say("ask_id", ctx.lang), []


def parse_id(ctx: FormCtx, text: str, data: dict) -> dict:
    number = normalise_id_number(text)  # InvalidIdNumber carries the Chinese reason (check character …)
    return {"cipher": ctx.services.vault.encrypt(number), "masked": mask_id_number(number)}


def ask_phone(ctx: FormCtx, data: dict) -> tuple[str, list[Button]]:
    return say("ask_phone", ctx.lang), []


def parse_phone(ctx: FormCtx, text: str, data: dict) -> str:
    phone = text.strip().replace(" ", "")
    if not _PHONE.match(phone):
        raise InvalidInput(say("bad_phone", ctx.lang))
    return phone


def shown_phone(phone: str | None, lang: str = "zh") -> str:
    return mask_phone(phone) or say("not_filled", lang)


def ask_centre(ctx: FormCtx, data: dict) -> tuple[str, list[Button]]:
    return say("ask_centre", ctx.lang), [Button(c["name"], fits(c["name"], c["code"])) for c in ctx.centres[:20]]


def parse_centre(ctx: FormCtx, text: str, data: dict) -> dict:
    centre = centre_of(normalise(text), ctx.centres)
    if centre is None:
        centre = next((c for c in ctx.centres if text.strip().upper() in (c["code"], str(c["id"]))), None)
    if centre is None:
        raise InvalidInput(say("bad_centre", ctx.lang))
    return {"id": centre["id"], "name": centre["name"]}


def applicant_of(ctx: FormCtx, data: dict) -> tuple[str, str]:
    """(name, masked ID) of the applicant: the bound citizen, or what the form collected."""
    if ctx.citizen:
        return ctx.citizen["name"], ctx.citizen["masked"]
    return data["applicant_name"], data["id_number"]["masked"]


def unbound(ctx: FormCtx, data: dict) -> bool:
    return ctx.citizen is None
