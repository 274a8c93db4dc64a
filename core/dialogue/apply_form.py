"""The 查档申请 form: category, relation (with the eligibility rules), people in the record, years, place, purpose,
applicant, delivery; a summary, then core.applications.submit_application."""
from __future__ import annotations

import re

from ..applications import submit_application
from ..citizens import reveal_id_number
from ..eligibility import RELATIONS, check_eligibility, normalise_category, normalise_relation
from ..errors import InvalidInput
from ..models import Citizen
from ..search.synonyms import CATEGORY_SYNONYMS
from ..search.understand import understand
from ..vocabulary import CATEGORIES
from . import forms
from .explain import RELATION_KEYS, explain, papers_text, unique_relation
from .forms import Field, FormCtx, FormSpec
from .normalise import normalise
from .i18n import category_label, localise, relation_label
from .reply import Button, buttons
from .slots import relation_of
from .texts import say

PURPOSES = ("房产过户", "办理退休/养老", "继承", "补领证件", "出国/移民")
_NAMES = re.compile(r"[、，,；;\s和跟与]+")


class _NoLexicon:
    def is_person(self, name: str) -> bool:
        return False

    def places(self) -> frozenset[str]:
        return frozenset()


def _category(ctx, data):
    return say("ask_category", ctx.lang), [Button(category_label(c, ctx.lang), c) for c in CATEGORIES]


def parse_category(ctx, text, data) -> str:
    try:
        return normalise_category(text.strip())
    except InvalidInput:
        pass
    t = normalise(text)
    word = next((w for w in sorted(CATEGORY_SYNONYMS, key=len, reverse=True) if w in t), None)
    if word is None:
        raise InvalidInput(say("bad_category", ctx.lang))
    return CATEGORY_SYNONYMS[word]


def _relation(ctx, data):
    return (say("ask_relation", ctx.lang, category=category_label(data["category"], ctx.lang)),
            [Button(relation_label(key, ctx.lang), label) for key, label in RELATIONS.items()])


def parse_relation(ctx, text, data) -> str:
    try:
        key = normalise_relation(text.strip())
    except InvalidInput:
        slot = relation_of(normalise(text))
        key = unique_relation(slot)
        if key is None and slot in RELATION_KEYS:  # 父母 …: agent or next of kin, depending
            raise InvalidInput(explain(data["category"], slot, ctx.lang) + "\n" + say("pick_relation", ctx.lang)) \
                from None
        if key is None:
            raise InvalidInput(say("bad_relation", ctx.lang)) from None
    e = check_eligibility(data["category"], key)
    if not e.allowed:
        raise InvalidInput(say("refused_relation", ctx.lang, reason=localise(e.reason, ctx.lang)))
    return key


def _subjects(ctx, data):
    return say("ask_subjects", ctx.lang), []


def parse_subjects(ctx, text, data) -> list[str]:
    names = [n for n in _NAMES.split(text.strip()) if n]
    if not names or len(names) > 10 or any(not 2 <= len(n) <= 30 or any(c.isdigit() for c in n) for n in names):
        raise InvalidInput(say("bad_subjects", ctx.lang))
    return list(dict.fromkeys(names))


def _years(ctx, data):
    return say("ask_years", ctx.lang), []


def parse_years(ctx, text, data) -> list[int]:
    years = understand(normalise(text), _NoLexicon()).years
    if years is None and re.fullmatch(r"\s*(19|20)\d{2}\s*", text):
        years = (int(text), int(text))
    if years is None:
        raise InvalidInput(say("bad_years", ctx.lang))
    if years[0] < 1900 or years[1] > ctx.today.year:
        raise InvalidInput(say("years_range", ctx.lang, year=ctx.today.year))
    return list(years)


def _place(ctx, data):
    return say("ask_place", ctx.lang), []


def parse_place(ctx, text, data) -> str:
    place = text.strip()
    if len(place) > 50:
        raise InvalidInput(say("bad_place", ctx.lang))
    return place


def _purpose(ctx, data):
    return say("ask_purpose", ctx.lang), buttons(*PURPOSES, lang=ctx.lang)


def parse_purpose(ctx, text, data) -> str:
    purpose = text.strip()
    if not 2 <= len(purpose) <= 200:
        raise InvalidInput(say("bad_purpose", ctx.lang))
    return purpose


def _delivery(ctx, data):
    return say("ask_delivery", ctx.lang), buttons("到服务中心领取", "电子证明", lang=ctx.lang)


def parse_delivery(ctx, text, data) -> str:
    t = normalise(text)
    if "电子" in t or "electronic" in t or "网上" in t:
        return "electronic"
    if any(w in t for w in ("领取", "服务中心", "自取", "窗口", "pickup")):
        return "pickup"
    raise InvalidInput(say("bad_delivery", ctx.lang))


FIELDS = [
    Field("category", _category, parse_category, clears=("relation",)),
    Field("relation", _relation, parse_relation),
    Field("subject_names", _subjects, parse_subjects),
    Field("years", _years, parse_years),
    Field("place", _place, parse_place, optional=True),
    Field("purpose", _purpose, parse_purpose),
    Field("applicant_name", forms.ask_name, forms.parse_name, needed=forms.unbound),
    Field("id_number", forms.ask_id, forms.parse_id, needed=forms.unbound),
    Field("phone", forms.ask_phone, forms.parse_phone, needed=forms.unbound, optional=True),
    Field("delivery", _delivery, parse_delivery, clears=("centre",)),
    Field("centre", forms.ask_centre, forms.parse_centre, needed=lambda ctx, d: d.get("delivery") == "pickup"),
]


def prefill(ctx: FormCtx, slots: dict) -> dict:
    data: dict = {}
    if slots.get("category"):
        data["category"] = slots["category"]
        key = unique_relation(slots.get("relation"))
        if key and check_eligibility(data["category"], key).allowed:
            data["relation"] = key
    if slots.get("persons"):
        data["subject_names"] = list(slots["persons"])[:10]
    if slots.get("year") and 1900 <= slots["year"][0] and slots["year"][1] <= ctx.today.year:
        data["years"] = list(slots["year"])
    if slots.get("place"):
        data["place"] = slots["place"]
    return data


def summary(ctx: FormCtx, data: dict) -> str:
    lang = ctx.lang
    name, masked = forms.applicant_of(ctx, data)
    y0, y1 = data["years"]
    delivery = (say("pickup_at", lang, centre=data["centre"]["name"]) if data["delivery"] == "pickup"
                else say("electronic", lang))
    return "\n".join(filter(None, [
        say("apply_summary", lang, category=category_label(data["category"], lang),
            relation=relation_label(data["relation"], lang), subjects="、".join(data["subject_names"]),
            years=f"{y0}" + (f"–{y1}" if y1 != y0 else ""), place=data.get("place") or say("not_filled", lang),
            purpose=data["purpose"], name=name, masked=masked),
        say("summary_phone", lang, phone=forms.shown_phone(data.get("phone"), lang)) if not ctx.citizen else "",
        say("summary_delivery", lang, delivery=delivery),
        papers_text(data["category"], data["relation"], lang, "papers_at_window"),
    ]))


def submit(ctx: FormCtx, data: dict) -> tuple[str, dict]:
    services = ctx.services
    if ctx.citizen:
        with services.sessions() as s:
            citizen = s.get(Citizen, ctx.citizen["id"])
            applicant = {"name": citizen.name, "id_number": reveal_id_number(citizen, services.vault)}
    else:
        applicant = {"name": data["applicant_name"], "id_number": services.vault.decrypt(data["id_number"]["cipher"]),
                     "phone": data.get("phone")}
    delivery = {"type": data["delivery"], "centre_id": (data.get("centre") or {}).get("id")}
    application = submit_application(
        services, channel=ctx.channel, applicant=applicant, relation=data["relation"],
        subject_names=data["subject_names"], category=data["category"], year_from=data["years"][0],
        year_to=data["years"][1], place=data.get("place"), purpose=data["purpose"], delivery=delivery,
        chat_id=ctx.chat_id)
    due = application.due_date
    text = (say("submitted", ctx.lang, code=application.pickup_code, month=due.month, day=due.day, due=due) + "\n"
            + papers_text(application.category, application.relation, ctx.lang, "papers_at_pickup"))
    return text, {"type": "submitted", "application_id": application.id, "pickup_code": application.pickup_code}


SPEC = FormSpec("apply", "apply_certificate", FIELDS, summary, submit, prefill)
