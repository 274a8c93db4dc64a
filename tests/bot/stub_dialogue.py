"""A small stand-in for core.dialogue, written to the D/E contract, for tests of the bot's own mechanics.

It drives real core services (search, submit_application, book_appointment) through tiny fixed forms, so the
bot's state keeping, keyboards, actions and notifications can be tested apart from the engine's language skills.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.applications import find_by_pickup_code, submit_application
from core.dialogue import Reply
from core.appointments import book_appointment, cancel_code, list_centres, list_free_slots
from core.errors import LantaiError
from core.identity import normalise_id_number

LONG_VALUE = "选择：" + "很长的按钮值" * 6  # well over 64 bytes of callback data


@dataclass
class Button:
    """Like core.dialogue.Button, without its length check: the bot must cope with over-long values too."""

    label: str
    value: str


def _reply(text, state, intent="stub", buttons=(), **kw) -> Reply:
    return Reply(intent=intent, slots={}, text=text, buttons=list(buttons), state=state, **kw)


def answer(services, text: str, *, state: dict | None = None, channel: str = "bot", lang: str = "zh",
           citizen_id: int | None = None, chat_id: int | None = None, command: str | None = None) -> Reply:
    state = dict(state or {})
    text = (text or "").strip()
    if command:
        state = {"flow": command, "step": "start"}
    if text == "取消":
        return _reply("好的，已取消。", {})
    flow = state.get("flow")
    if flow == "apply":
        return _apply(services, text, state)
    if flow == "book":
        return _book(services, text, state)
    if flow == "status":
        return _status(services, text, state)
    if flow == "search" or text.startswith("查"):
        if not text:
            return _reply("请告诉我要查什么档案。", {"flow": "search"})
        result = services.search.search(text, audience="public", limit=5)
        lines = [f"· {h['title']}" for h in result["hits"]]
        lines += [f"· 有 {r['count']} 条{r['year']}年的{r['category']}档案，需本人申请" for r in result["restricted"]]
        return _reply("找到：\n" + "\n".join(lines) if lines else "没有找到。", {}, "search_records")
    if text == "附近":
        return _reply("请发送您的位置。", {}, request_location=True)
    if text == "长按钮":
        return _reply("请选：", {"flow": "long"}, buttons=[Button("长选项", LONG_VALUE), Button("短", "短")])
    if flow == "long":
        return _reply(f"您选了：{text}", {})
    if text == "坏了":
        raise RuntimeError("stub failure with 11010519491231002X inside")
    if text == "领域错误":
        raise LantaiError("这是一个领域错误。")
    tag = "（已绑定）" if citizen_id else ""
    return _reply(f"收到{tag}：{text}（{lang}）", {"turns": state.get("turns", 0) + 1}, "out_of_scope")


def _apply(services, text, state) -> Reply:
    step = state["step"]
    if step == "start":
        return _reply("请告诉我您的姓名。", {**state, "step": "name"}, "apply_certificate")
    if step == "name":
        return _reply("请输入您的身份证号码。", {**state, "step": "id", "name": text}, "apply_certificate")
    if step == "id":
        try:
            normalise_id_number(text)
        except LantaiError as e:
            return _reply(f"{e.message}请重新输入身份证号码。", state, "apply_certificate")
        return _reply(f"请确认：{state['name']}申请查1985年本人婚姻登记。", {**state, "step": "confirm", "id": text},
                      "apply_certificate", buttons=[Button("确认", "确认"), Button("取消", "取消")])
    if step == "confirm" and text == "确认":
        application = submit_application(
            services, channel="bot", applicant={"name": state["name"], "id_number": state["id"]}, relation="self",
            subject_names=[state["name"]], category="婚姻登记", year_from=1985, year_to=1985, place=None,
            purpose="办理房产过户", delivery={"type": "electronic"})
        return _reply(f"申请已提交，取件码 {application.pickup_code}。", {}, "apply_certificate",
                      action={"type": "submitted", "application_id": application.id,
                              "pickup_code": application.pickup_code})
    return _reply("请点「确认」或「取消」。", state, "apply_certificate")


def _book(services, text, state) -> Reply:
    step = state["step"]
    if step == "start":
        centres = list_centres(services)
        return _reply("请选择服务中心：", {**state, "step": "centre"}, "book_appointment",
                      buttons=[Button(c["name"], f"centre:{c['id']}") for c in centres])
    if step == "centre":
        centre_id = int(text.split(":")[1])
        day = date.today()
        for _ in range(30):
            day += timedelta(days=1)
            slots = list_free_slots(services, centre_id, day)
            if slots:
                break
        return _reply("请选择时段：", {**state, "step": "slot", "centre": centre_id}, "book_appointment",
                      buttons=[Button(f"{s.starts_at:%m-%d %H:%M}", f"slot:{s.starts_at.isoformat()}")
                               for s in slots[:4]])
    if step == "slot":
        return _reply("请发送「姓名 身份证号码」。", {**state, "step": "who", "slot": text[5:]}, "book_appointment")
    name, _, id_number = text.partition(" ")
    appointment = book_appointment(services, centre_id=state["centre"], starts_at=state["slot"], channel="bot",
                                   applicant={"name": name, "id_number": id_number})
    code = cancel_code(services.vault, appointment.id)
    return _reply(f"预约成功，取消码 {code}。", {}, "book_appointment",
                  action={"type": "booked", "appointment_id": appointment.id, "cancel_code": code})


def _status(services, text, state) -> Reply:
    if state["step"] == "start":
        return _reply("请输入取件码。", {**state, "step": "code"}, "check_status")
    with services.sessions() as s:
        application = find_by_pickup_code(s, text)
        from core.applications.rules import STATUS_LABELS
        return _reply(f"您的申请状态：{STATUS_LABELS[application.status]}", {}, "check_status")
