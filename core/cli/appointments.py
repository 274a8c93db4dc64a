"""`centre` (hours, slot length, capacity, closed days, free slots) and `appt` (the day's visits, check-in) commands."""
from __future__ import annotations

import argparse
import json
from datetime import date

from ..appointments import (appointments_of_day, cancel_appointment, check_in, configure_centre, day_slots,
                            list_centres, mark_no_show)
from ..appointments.centres import centre_info, find_centre
from ..appointments.slots import local_now_of, to_local
from ..errors import InvalidInput
from ..identity import mask_name
from .admin import ready_services

_STATUS = {"booked": "已预约", "cancelled": "已取消", "checked_in": "已签到", "no_show": "爽约"}


def _day(value: str | None, services) -> date:
    if not value:
        return local_now_of(services).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"日期「{value}」应写成 2026-12-24 这样的格式。") from None


def _print_centre(c: dict) -> None:
    print(f"{c['code']}  {c['name']}  {c['address']}  电话 {c['phone'] or '—'}")
    print("    " + "；".join(f"{h['name']} {h['text']}" for h in c["hours"]))
    closed = "、".join(c["closed_days"]) or "无"
    print(f"    每 {c['slot_minutes']} 分钟一个时段，每时段 {c['slot_capacity']} 人；另行闭馆：{closed}")


def cmd_centre_list(args: argparse.Namespace) -> int:
    centres = list_centres(ready_services())
    if args.json:
        print(json.dumps(centres, ensure_ascii=False))
    for c in [] if args.json else centres:
        _print_centre(c)
    return 0


def cmd_centre_set(args: argparse.Namespace) -> int:
    services = ready_services()
    hours = {}
    for item in args.hours or []:
        day, _, spans = item.partition("=")
        hours[day.strip().lower()] = spans
    centre, warnings = configure_centre(services, args.centre, slot_minutes=args.slot_minutes,
                                        capacity=args.capacity, close=args.closed or [], reopen=args.open or [],
                                        hours=hours or None)
    print("已更新：")
    _print_centre(centre_info(centre, local_now_of(services).date()))
    for w in warnings:
        print(f"注意：{w}")
    return 0


def cmd_centre_slots(args: argparse.Namespace) -> int:
    services = ready_services()
    with services.sessions() as s:
        centre_id = find_centre(s, args.centre).id
    result = day_slots(services, centre_id, _day(args.date, services))
    for slot in result.slots:
        print(f"{slot.starts_at:%H:%M}–{slot.ends_at:%H:%M}  空位 {slot.free}/{slot.capacity}")
    if result.reason:
        print(result.reason)
    return 0


def cmd_appt_list(args: argparse.Namespace) -> int:
    services = ready_services()
    tz = services.settings.timezone
    with services.sessions() as s:
        centre = find_centre(s, args.centre)
    rows = appointments_of_day(services, centre.id, _day(args.date, services))
    for a in rows:
        print(f"#{a.id}  {to_local(a.starts_at, tz):%H:%M}  {mask_name(a.citizen.name)}  "
              f"{_STATUS[a.status]}  ({a.channel})")
    print(f"{centre.name}：共 {len(rows)} 个预约")
    return 0


def cmd_appt_change(args: argparse.Namespace) -> int:
    services = ready_services()
    action = {"checkin": check_in, "no-show": mark_no_show, "cancel": cancel_appointment}[args.appt_command]
    appointment = action(services, args.id, staff=args.staff)
    print(f"预约 #{appointment.id}：{_STATUS[appointment.status]}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's commands to the CLI."""
    centre = sub.add_parser("centre", help="服务中心：营业时间、预约时段、闭馆日").add_subparsers(
        dest="centre_command", required=True)
    p = centre.add_parser("list", help="列出服务中心及其营业时间和时段设置")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_centre_list)
    p = centre.add_parser("set", help="修改时段长度、每时段人数、闭馆日或营业时间")
    p.add_argument("centre", help="服务中心编号（如 C01）或 id")
    p.add_argument("--slot-minutes", type=int, help="每个预约时段的分钟数（有未到的预约时不能改）")
    p.add_argument("--capacity", type=int, help="每个时段可约人数，0 = 暂停预约")
    p.add_argument("--closed", action="append", metavar="YYYY-MM-DD", help="另行闭馆的日期（可重复）")
    p.add_argument("--open", action="append", metavar="YYYY-MM-DD", help="取消一个闭馆日（可重复）")
    p.add_argument("--hours", action="append", metavar="DAY=SPANS",
                   help="某天的营业时间，如 mon=08:30-12:00,13:30-17:00；sat= 表示休息（可重复）")
    p.set_defaults(handler=cmd_centre_set)
    p = centre.add_parser("slots", help="某天的预约时段和空位")
    p.add_argument("centre")
    p.add_argument("--date", help="YYYY-MM-DD，默认今天")
    p.set_defaults(handler=cmd_centre_slots)

    appt = sub.add_parser("appt", help="预约：当天名单、签到、爽约、取消").add_subparsers(
        dest="appt_command", required=True)
    p = appt.add_parser("list", help="某服务中心某天的预约")
    p.add_argument("--centre", required=True)
    p.add_argument("--date", help="YYYY-MM-DD，默认今天")
    p.set_defaults(handler=cmd_appt_list)
    for name, text in (("checkin", "签到（仅限预约当天）"), ("no-show", "记为爽约（时段结束后）"), ("cancel", "取消预约")):
        p = appt.add_parser(name, help=text)
        p.add_argument("id", type=int)
        p.add_argument("--staff", required=True, help="操作的工作人员用户名（写入审计日志）")
        p.set_defaults(handler=cmd_appt_change)
