"""`citizen rename`: correct a name mistyped at the applicant's first identification."""
from __future__ import annotations

import argparse

from ..citizens import correct_citizen_name, find_citizen
from ..identity import mask_id_number, normalise_id_number
from .admin import ready_services, staff_actor


def cmd_rename(args: argparse.Namespace) -> int:
    services = ready_services()
    id_number = normalise_id_number(args.id_number)
    with services.sessions.begin() as s:
        citizen = find_citizen(s, services.vault, id_number)
        correct_citizen_name(s, citizen.id, args.name, staff_actor(s, args.staff), args.reason)
        print(f"已将 {mask_id_number(id_number)} 登记的姓名更正为「{citizen.name}」，已记入审计日志。")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    citizen = sub.add_parser("citizen", help="申请人登记信息").add_subparsers(dest="citizen_command", required=True)
    p = citizen.add_parser("rename", help="更正申请人登记的姓名（档案员、管理员；须写明理由，记入审计日志）")
    p.add_argument("--id-number", required=True, help="申请人的身份证号码")
    p.add_argument("--name", required=True, help="正确的姓名")
    p.add_argument("--reason", required=True, help="更正理由，如：首次登记时录入错误，已核对身份证")
    p.add_argument("--staff", required=True, help="办理的档案员或管理员的用户名")
    p.set_defaults(handler=cmd_rename)
