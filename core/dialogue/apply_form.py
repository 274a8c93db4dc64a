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
from .reply import Button
from .slots import relation_of

PURPOSES = ("房产过户", "办理退休/养老", "继承", "补领证件", "出国/移民")
_NAMES = re.compile(r"[、，,；;\s和跟与]+")


class _NoLexicon:
    def is_person(self, name: str) -> bool:
        return False

    def places(self) -> frozenset[str]:
        return frozenset()


def _category(ctx, data):
    return "请选择要申请的档案类别：", [Button(c, c) for c in CATEGORIES]


def parse_category(ctx, text, data) -> str:
    try:
        return normalise_category(text.strip())
    except InvalidInput:
        pass
    t = normalise(text)
    word = next((w for w in sorted(CATEGORY_SYNONYMS, key=len, reverse=True) if w in t), None)
    if word is None:
        raise InvalidInput("没有听懂是哪类档案，请从下面选一个。")
    return CATEGORY_SYNONYMS[word]


def _relation(ctx, data):
    return (f"您和档案上的当事人是什么关系？（查{data['category']}档案）",
            [Button(label, label) for key, label in RELATIONS.items()])


def parse_relation(ctx, text, data) -> str:
    try:
        key = normalise_relation(text.strip())
    except InvalidInput:
        slot = relation_of(normalise(text))
        key = unique_relation(slot)
        if key is None and slot in RELATION_KEYS:  # 父母 …: agent or next of kin, depending
            raise InvalidInput(explain(data["category"], slot) + "\n请选择您的身份。") from None
        if key is None:
            raise InvalidInput("没有听懂您和当事人的关系。") from None
    e = check_eligibility(data["category"], key)
    if not e.allowed:
        raise InvalidInput(f"{e.reason}请选择其他身份，或回复「取消」。")
    return key


def _subjects(ctx, data):
    return "请输入档案上当事人的姓名，多人用顿号隔开（如：张伟、李娜）。", []


def parse_subjects(ctx, text, data) -> list[str]:
    names = [n for n in _NAMES.split(text.strip()) if n]
    if not names or len(names) > 10 or any(not 2 <= len(n) <= 30 or any(c.isdigit() for c in n) for n in names):
        raise InvalidInput("姓名应为2到30个字（最多10人），多人用顿号隔开。")
    return list(dict.fromkeys(names))


def _years(ctx, data):
    return "档案大约是哪一年形成的？可以写一个年份（1985）或起止年份（1983-1985）。", []


def parse_years(ctx, text, data) -> list[int]:
    years = understand(normalise(text), _NoLexicon()).years
    if years is None and re.fullmatch(r"\s*(19|20)\d{2}\s*", text):
        years = (int(text), int(text))
    if years is None:
        raise InvalidInput("没有看懂年份，请写成 1985 或 1983-1985。")
    if years[0] < 1900 or years[1] > ctx.today.year:
        raise InvalidInput(f"年份应在 1900 到 {ctx.today.year} 之间。")
    return list(years)


def _place(ctx, data):
    return "档案是在哪里形成的（乡镇、村或单位）？", []


def parse_place(ctx, text, data) -> str:
    place = text.strip()
    if len(place) > 50:
        raise InvalidInput("地点不能超过50个字。")
    return place


def _purpose(ctx, data):
    return "请说明查档用途（比如房产过户、办理退休）：", [Button(p, p) for p in PURPOSES]


def parse_purpose(ctx, text, data) -> str:
    purpose = text.strip()
    if not 2 <= len(purpose) <= 200:
        raise InvalidInput("用途请写2到200个字。")
    return purpose


def _delivery(ctx, data):
    return "证明办好后怎么领取？", [Button("到服务中心领取", "到服务中心领取"), Button("电子证明", "电子证明")]


def parse_delivery(ctx, text, data) -> str:
    t = normalise(text)
    if "电子" in t or "electronic" in t or "网上" in t:
        return "electronic"
    if any(w in t for w in ("领取", "服务中心", "自取", "窗口", "pickup")):
        return "pickup"
    raise InvalidInput("请选择「到服务中心领取」或「电子证明」。")


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
    name, masked = forms.applicant_of(ctx, data)
    y0, y1 = data["years"]
    delivery = (f"到服务中心领取（{data['centre']['name']}）" if data["delivery"] == "pickup" else "电子证明")
    return "\n".join([
        "请核对申请信息：", f"档案类别：{data['category']}", f"您的身份：{RELATIONS[data['relation']]}",
        f"当事人：{'、'.join(data['subject_names'])}", f"年份：{y0}" + (f"–{y1}" if y1 != y0 else ""),
        f"地点：{data.get('place') or '未填'}", f"用途：{data['purpose']}", f"申请人：{name}（{masked}）",
        f"联系电话：{forms.mask_phone(data.get('phone'))}" if not ctx.citizen else "", f"领取方式：{delivery}",
        papers_text(data["category"], data["relation"]).replace("请带：", "办理时请带："),
    ]).replace("\n\n", "\n")


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
    text = (f"申请已提交！取件码：{application.pickup_code}（请记好，凭它查进度、领证明）。\n"
            f"预计{due.month}月{due.day}日前办结，办好后会通知您。\n"
            + papers_text(application.category, application.relation).replace("请带：", "领取时请带："))
    return text, {"type": "submitted", "application_id": application.id, "pickup_code": application.pickup_code}


SPEC = FormSpec("apply", "apply_certificate", FIELDS, summary, submit, prefill)
