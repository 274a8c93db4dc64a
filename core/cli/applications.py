"""`app list|show|review|ask|approve|reject|withdraw|issue|deliver` for staff, and `audit verify`."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from .. import applications as apps
from .. import audit
from ..applications.evidence import record_mismatches
from ..clock import local_today
from ..errors import Conflict, InvalidInput
from ..identity import mask_name
from ..staff import find_staff
from .admin import DEFAULT_ACTOR, ready_services, staff_actor
from .certificates import archivist_actor, parse_refs, save_certificate

def _print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_list(args: argparse.Namespace) -> int:
    services = ready_services()
    with services.sessions() as s:
        today = local_today(services.settings.timezone)
        rows = apps.list_applications(s, today=today, status=args.status, centre_id=args.centre,
                                      overdue=args.overdue, include_closed=args.all, limit=args.limit)
        if args.json:
            _print_json([apps.describe(services, s, a, staff=True, with_history=False) for a in rows])
            return 0
        for a in rows:
            late = " 已超期" if apps.is_overdue(a, today) else ""
            print(f"{a.id:>6}  {a.pickup_code}  {apps.STATUS_LABELS[a.status]:<6}  {a.category:<4}  "
                  f"{mask_name(a.citizen.name):<4}  {a.due_date}{late}  "
                  f"{a.centre.name if a.centre else '电子证明'}")
        print(f"共 {len(rows)} 份申请。")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    services = ready_services()
    with services.sessions() as s:
        data = apps.describe(services, s, apps.get_application(s, args.id), staff=True)
    if args.json:
        _print_json(data)
        return 0
    years = f"{data['year_from']}" + (f"–{data['year_to']}" if data["year_to"] != data["year_from"] else "")
    print(f"申请 {data['id']}  取件码 {data['pickup_code']}  {data['status_label']}"
          + ("（已超期）" if data["overdue"] else ""))
    phone = f"，电话 {data['applicant_phone']}" if data.get("applicant_phone") else ""
    print(f"申请人 {data['applicant']}（{data['applicant_id_number']}{phone}，{data['relation_label']}）"
          f"  当事人 {'、'.join(data['subject_names'])}")
    print(f"{data['category']}  {years}  {data['place'] or ''}  用途：{data['purpose']}")
    print(f"{data['delivery_label']}  {data['centre'] or ''}  期限 {data['due_date']}")
    if data["reject_reason"]:
        print(f"不予受理理由：{data['reject_reason']}")
    if data["verify_url"]:
        print(f"核验网址：{data['verify_url']}")
    print("办理记录：")
    for h in data["history"]:
        move = f"{h['from_label'] or '—'} → {h['to_label']}  " if h.get("to_label") else ""  # certificate lines: a note
        print(f"  {h['at']}  {move}{h['actor']}  {h['note'] or ''}")
    return 0


def _move(to_status: str):
    def handler(args: argparse.Namespace) -> int:
        services = ready_services()
        with services.sessions.begin() as s:
            actor = staff_actor(s, args.staff)
            clerk = find_staff(s, args.staff) if args.staff else None  # a clerk works their own centre only
            application = apps.get_application(s, args.id, staff=clerk)
            apps.advance(s, application, to_status, actor=actor, note=getattr(args, "note", None),
                         reason=getattr(args, "reason", None))
        print(f"申请 {args.id} 已改为「{apps.STATUS_LABELS[to_status]}」，已通知申请人。")
        return 0
    return handler


def cmd_issue(args: argparse.Namespace) -> int:
    if bool(args.records) == args.no_record:
        raise InvalidInput("请用 --records 列出证明所依据的档号，或用 --no-record 出具查无档案记录证明（二者选一）。")
    services = ready_services()
    out = Path(args.out)
    with services.sessions.begin() as s:
        application = apps.get_application(s, args.id)
        actor = archivist_actor(s, args.staff, "出具证明")
        if application.status != "approved":
            raise Conflict(f"申请目前「{apps.STATUS_LABELS[application.status]}」，须先批准（app approve）才能出具证明。")
        records = [] if args.no_record else parse_refs(s, args.records)
        problems = record_mismatches(application, records)
        if problems and not args.force:
            raise Conflict("所引档案与申请不符，未出具：" + "；".join(problems) + "。核对无误（如人名写法不同）请加 --force。")
        from ..certificates import issue_certificate  # late: the PDF renderer is heavy to import

        certificate = issue_certificate(s, services, kind="no_record" if args.no_record else "record",
                                        application=application, records=records,
                                        subject_names=list(application.subject_names), actor=actor)
        apps.transition(s, application, "issued", actor=actor, note=f"证明编号 {certificate.number}")
        number, url = save_certificate(certificate, out, services.settings)  # a failed write issues nothing
    print(f"已出具证明 {number}，PDF 已保存到 {out}。")
    print(f"核验网址：{url}")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    services = ready_services()
    report = audit.verify(services.sessions)
    print(str(report))
    return 0 if report.ok else 1


def register(sub) -> None:
    """Add this module's commands to the CLI."""
    app = sub.add_parser("app", help="查档申请（工作人员）").add_subparsers(dest="app_command", required=True)

    def command(name: str, help: str, handler, *, with_id: bool = True, staff: bool = True):
        p = app.add_parser(name, help=help)
        if with_id:
            p.add_argument("id", type=int, help="申请编号")
        if staff:
            p.add_argument("--staff", "--actor", dest="staff", metavar="USERNAME",
                           help=f"经办人的用户名（记入审计日志；不给出则记为 {DEFAULT_ACTOR}）")
        p.set_defaults(handler=handler)
        return p

    p = command("list", "列出未办结的申请（期限最早的在前）", cmd_list, with_id=False, staff=False)
    p.add_argument("--status", choices=list(apps.STATUS_LABELS), help="只看某一状态")
    p.add_argument("--centre", type=int, help="只看某服务中心（编号）")
    p.add_argument("--overdue", action="store_true", help="只看已超期的")
    p.add_argument("--all", action="store_true", help="也列出已办结的（已领取、未通过、已撤回）")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")
    p = command("show", "查看一份申请及其全部办理记录", cmd_show, staff=False)
    p.add_argument("--json", action="store_true")
    command("review", "开始审核（或收到补充材料后继续审核）", _move("in_review")).add_argument("--note")
    command("ask", "要求申请人补充材料（未开始审核的先转为审核中）", _move("needs_info")).add_argument("--note", required=True,
                                                                    help="需要补充什么")
    command("approve", "批准（未开始审核的先转为审核中）", _move("approved")).add_argument("--note")
    command("reject", "不予受理", _move("rejected")).add_argument("--reason", required=True, help="理由（告知申请人）")
    command("withdraw", "按申请人要求撤回", _move("withdrawn")).add_argument("--note")
    command("deliver", "证明已领取或已送达", _move("delivered")).add_argument("--note")
    p = command("issue", "出具证明（PDF），并打印核验网址", cmd_issue)
    p.add_argument("--records", help="证明所依据的档号，用逗号分隔")
    p.add_argument("--no-record", action="store_true", help="出具查无档案记录证明")
    p.add_argument("--out", required=True, help="PDF 保存路径")
    p.add_argument("--force", action="store_true", help="所引档案的类别、年份或人名与申请不符时仍然出具（已核对）")

    audit_cmd = sub.add_parser("audit", help="审计日志").add_subparsers(dest="audit_command", required=True)
    p = audit_cmd.add_parser("verify", help="核对审计日志的哈希链（完整则退出码 0，否则 1）")
    p.set_defaults(handler=cmd_audit_verify)
