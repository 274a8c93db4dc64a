"""Two short flows: cancel a booked visit (by its cancel code, or from a bound citizen's list) and follow an
application by its pickup code."""
from __future__ import annotations

import re
from datetime import datetime, timezone

from sqlalchemy import select

from ..appointments import cancel_appointment, cancel_code
from ..appointments.slots import describe_slot, to_local
from ..errors import LantaiError
from ..models import Appointment, ServiceCentre
from .forms import FormCtx, Turn, control_word
from .replies import my_applications, status_or_error
from .reply import Button, buttons
from .slots import code_of
from .i18n import day_label, localise
from .texts import say

SCAN_LIMIT = 50_000  # upcoming visits checked against a cancel code (a keyed MAC each: ~2 µs)


def _upcoming(session, citizen_id: int | None = None):
    query = select(Appointment).where(Appointment.status == "booked",
                                      Appointment.starts_at > datetime.now(timezone.utc))
    if citizen_id is not None:
        query = query.where(Appointment.citizen_id == citizen_id)
    return session.scalars(query.order_by(Appointment.starts_at).limit(SCAN_LIMIT))


def _describe(ctx: FormCtx, session, a: Appointment) -> str:
    tz = ctx.services.settings.timezone
    centre = session.get(ServiceCentre, a.centre_id)
    starts, ends = to_local(a.starts_at, tz), to_local(a.ends_at, tz)
    if ctx.lang == "en":
        return f"{centre.name} {day_label(starts.date(), 'en')} {starts:%H:%M}–{ends:%H:%M}"
    return f"{centre.name} {describe_slot(starts, ends)}"


def _confirm(ctx: FormCtx, appointment_id: int, code: str | None) -> Turn:
    with ctx.services.sessions() as s:
        what = _describe(ctx, s, s.get(Appointment, appointment_id))
    flow = {"form": "cancel", "step": "confirm", "data": {"appointment_id": appointment_id, "code": code},
            "history": []}
    return Turn(say("cancel_confirm", ctx.lang, what=what), buttons("确认", "返回", lang=ctx.lang), flow)


def start_cancel(ctx: FormCtx, text: str, slots: dict) -> Turn:
    """Begin cancelling: a withdrawal of an application is explained; a visit is found by code or listed."""
    if "申请" in text and "预约" not in text:
        return Turn(say("withdraw_application", ctx.lang), buttons("转人工", lang=ctx.lang))
    if slots.get("code"):
        return cancel_by_code(ctx, slots["code"])
    if ctx.citizen:
        with ctx.services.sessions() as s:
            mine = [(a.id, _describe(ctx, s, a)) for a in _upcoming(s, ctx.citizen["id"])][:10]
        if not mine:
            return Turn(say("no_visits", ctx.lang))
        flow = {"form": "cancel", "step": "pick", "data": {}, "history": []}
        return Turn(say("which_visit", ctx.lang),
                    [Button(w[:28], f"预约号 {i}") for i, w in mine] + buttons("返回", lang=ctx.lang), flow)
    return Turn(say("cancel_prompt", ctx.lang), buttons("返回", lang=ctx.lang),
                {"form": "cancel", "step": "code", "data": {}, "history": []})


def cancel_by_code(ctx: FormCtx, code: str) -> Turn:
    with ctx.services.sessions() as s:
        found = next((a.id for a in _upcoming(s) if cancel_code(ctx.services.vault, a.id) == code), None)
    if found is None:
        return Turn(say("no_cancel_code", ctx.lang), buttons("返回", lang=ctx.lang),
                    {"form": "cancel", "step": "code", "data": {}, "history": []}, invalid=True)
    return _confirm(ctx, found, code)


def advance_cancel(ctx: FormCtx, flow: dict, text: str) -> Turn:
    kind = control_word(text)
    if kind in ("cancel", "back"):
        return Turn(say("kept_visit", ctx.lang))
    if flow["step"] == "code":
        code = code_of(text) or re.sub(r"[\s\-]", "", text).upper()
        return cancel_by_code(ctx, code)
    if flow["step"] == "pick":
        m = re.search(r"\d+", text)
        if not m or not ctx.citizen:
            return Turn(say("pick_visit", ctx.lang), [], flow, invalid=True)
        with ctx.services.sessions() as s:
            a = s.get(Appointment, int(m.group()))
            if a is None or a.citizen_id != ctx.citizen["id"]:
                return Turn(say("not_your_visit", ctx.lang), [], flow, invalid=True)
        return _confirm(ctx, a.id, None)
    if kind != "confirm":
        return Turn(say("confirm_cancel_hint", ctx.lang), buttons("确认", "返回", lang=ctx.lang), flow, invalid=True)
    data = flow["data"]
    code = data.get("code")
    if code is None:  # a bound citizen's own visit: the code is derived here, never kept in the state
        code = cancel_code(ctx.services.vault, data["appointment_id"])
    try:
        a = cancel_appointment(ctx.services, data["appointment_id"], code=code)
    except LantaiError as e:
        return Turn(localise(e.message, ctx.lang))
    return Turn(say("visit_cancelled", ctx.lang, id=a.id), buttons("预约", lang=ctx.lang),
                action={"type": "cancelled", "appointment_id": a.id})


def start_status(ctx: FormCtx, slots: dict) -> Turn:
    """Status by pickup code; a bound citizen sees their latest applications."""
    if slots.get("code"):
        text, found = status_or_error(ctx.services, slots["code"], ctx.lang)
        if found:
            return Turn(text)
        return Turn(text + "\n" + say("status_prompt", ctx.lang), [],
                    {"form": "status", "step": "code", "data": {}, "history": []}, invalid=True)
    if ctx.citizen and (mine := my_applications(ctx.services, ctx.citizen["id"], lang=ctx.lang)):
        return Turn(mine)
    return Turn(say("status_prompt", ctx.lang), buttons("取消", lang=ctx.lang),
                {"form": "status", "step": "code", "data": {}, "history": []})


def advance_status(ctx: FormCtx, flow: dict, text: str) -> Turn:
    if control_word(text) in ("cancel", "back"):
        return Turn(say("cancelled_flow", ctx.lang))
    code = code_of(text) or re.sub(r"[\s\-]", "", text).upper()
    reply, found = status_or_error(ctx.services, code, ctx.lang)
    if found:
        return Turn(reply)
    return Turn(reply, buttons("取消", lang=ctx.lang), flow, invalid=True)
