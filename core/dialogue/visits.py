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
    return f"{centre.name} {describe_slot(to_local(a.starts_at, tz), to_local(a.ends_at, tz))}"


def _confirm(ctx: FormCtx, appointment_id: int, code: str | None) -> Turn:
    with ctx.services.sessions() as s:
        what = _describe(ctx, s, s.get(Appointment, appointment_id))
    flow = {"form": "cancel", "step": "confirm", "data": {"appointment_id": appointment_id, "code": code},
            "history": []}
    return Turn(f"要取消这个预约吗？\n{what}\n确认请回复「确认」，不取消请回复「返回」。", buttons("确认", "返回"), flow)


def start_cancel(ctx: FormCtx, text: str, slots: dict) -> Turn:
    """Begin cancelling: a withdrawal of an application is explained; a visit is found by code or listed."""
    if "申请" in text and "预约" not in text:
        return Turn("已提交的查档申请如需撤回，请联系受理的服务中心窗口，或转人工，工作人员核实身份后为您撤回。",
                    buttons("转人工"))
    if slots.get("code"):
        return cancel_by_code(ctx, slots["code"])
    if ctx.citizen:
        with ctx.services.sessions() as s:
            mine = [(a.id, _describe(ctx, s, a)) for a in _upcoming(s, ctx.citizen["id"])][:10]
        if not mine:
            return Turn("您目前没有待到访的预约。")
        flow = {"form": "cancel", "step": "pick", "data": {}, "history": []}
        return Turn("要取消哪一个预约？", [Button(w[:28], f"预约号 {i}") for i, w in mine] + buttons("返回"), flow)
    return Turn(say("cancel_prompt", ctx.lang), buttons("返回"),
                {"form": "cancel", "step": "code", "data": {}, "history": []})


def cancel_by_code(ctx: FormCtx, code: str) -> Turn:
    with ctx.services.sessions() as s:
        found = next((a.id for a in _upcoming(s) if cancel_code(ctx.services.vault, a.id) == code), None)
    if found is None:
        return Turn("没有找到这个取消码对应的待到访预约，请核对后重新发送（10位，不区分大小写）。", buttons("返回"),
                    {"form": "cancel", "step": "code", "data": {}, "history": []}, invalid=True)
    return _confirm(ctx, found, code)


def advance_cancel(ctx: FormCtx, flow: dict, text: str) -> Turn:
    kind = control_word(text)
    if kind in ("cancel", "back"):
        return Turn("好的，预约保留不变。")
    if flow["step"] == "code":
        code = code_of(text) or re.sub(r"[\s\-]", "", text).upper()
        return cancel_by_code(ctx, code)
    if flow["step"] == "pick":
        m = re.search(r"\d+", text)
        if not m or not ctx.citizen:
            return Turn("请从列表中选一个预约。", [], flow, invalid=True)
        with ctx.services.sessions() as s:
            a = s.get(Appointment, int(m.group()))
            if a is None or a.citizen_id != ctx.citizen["id"]:
                return Turn("这不是您的预约，请从列表中选。", [], flow, invalid=True)
        return _confirm(ctx, a.id, None)
    if kind != "confirm":
        return Turn("确认取消请回复「确认」，不取消请回复「返回」。", buttons("确认", "返回"), flow, invalid=True)
    data = flow["data"]
    code = data.get("code")
    if code is None:  # a bound citizen's own visit: the code is derived here, never kept in the state
        code = cancel_code(ctx.services.vault, data["appointment_id"])
    try:
        a = cancel_appointment(ctx.services, data["appointment_id"], code=code)
    except LantaiError as e:
        return Turn(e.message)
    return Turn(f"已取消预约（预约号 {a.id}）。需要时可以重新预约。", buttons("预约"),
                action={"type": "cancelled", "appointment_id": a.id})


def start_status(ctx: FormCtx, slots: dict) -> Turn:
    """Status by pickup code; a bound citizen sees their latest applications."""
    if slots.get("code"):
        text, found = status_or_error(ctx.services, slots["code"])
        if found:
            return Turn(text)
        return Turn(text + "\n" + say("status_prompt", ctx.lang), [],
                    {"form": "status", "step": "code", "data": {}, "history": []}, invalid=True)
    if ctx.citizen and (mine := my_applications(ctx.services, ctx.citizen["id"])):
        return Turn(mine)
    return Turn(say("status_prompt", ctx.lang), buttons("取消"),
                {"form": "status", "step": "code", "data": {}, "history": []})


def advance_status(ctx: FormCtx, flow: dict, text: str) -> Turn:
    if control_word(text) in ("cancel", "back"):
        return Turn(say("cancelled_flow", ctx.lang))
    code = code_of(text) or re.sub(r"[\s\-]", "", text).upper()
    reply, found = status_or_error(ctx.services, code)
    if found:
        return Turn(reply)
    return Turn(reply, buttons("取消"), flow, invalid=True)
