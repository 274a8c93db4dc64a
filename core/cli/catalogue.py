"""`import` and `demo` commands."""
from __future__ import annotations

import argparse
import json
import sys

from sqlalchemy import select

from ..catalogue import import_catalogue
from ..catalogue.demo_loader import load_demo
from ..errors import ImportFileError
from ..models import Record
from .admin import ready_services

MAX_PROBLEMS_SHOWN = 200


def cmd_import(args: argparse.Namespace) -> int:
    services = ready_services()
    try:
        report = import_catalogue(services.sessions, args.file)
    except ImportFileError as e:
        if args.json:  # scripts get JSON whatever happens
            print(json.dumps({"file": args.file, "error": {"code": e.code, "message": e.message}}, ensure_ascii=False))
        raise
    indexed = services.search.store.sync()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0 if report.ok else 1
    for warning in report.warnings:
        print(f"提示：{warning}")
    for problem in report.problems[:MAX_PROBLEMS_SHOWN]:
        print(problem)
    if len(report.problems) > MAX_PROBLEMS_SHOWN:
        print(f"……另有 {len(report.problems) - MAX_PROBLEMS_SHOWN} 处问题未列出（用 --json 查看全部）")
    print(report.summary())
    if indexed:
        print(f"检索索引已更新 {indexed} 条。")
    if not report.ok:
        print("被拒绝的行没有写入；改正后重新导入同一文件即可，已导入的行不会重复。", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_demo(args: argparse.Namespace) -> int:
    services = ready_services()
    if args.if_empty:
        with services.sessions() as s:
            if s.scalar(select(Record.id).limit(1)) is not None:
                return 0
    result = load_demo(services, records=args.records, seed=args.seed)
    print(f"示例档案馆「{result.archive}」：{result.centres} 个服务中心，"
          f"档案 新增 {result.imported}、更新 {result.updated}、未变 {result.unchanged}。")
    if result.new_accounts:
        print("新建的工作人员账号（密码只显示这一次，请妥善保存）：")
        for username, role, centre, password in result.new_accounts:
            print(f"  {username:<12} {role:<6} {centre or '':<14} {password}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="导入档案目录（CSV / XLSX / JSONL），按档号更新")
    p.add_argument("file", help="目录文件：CSV（UTF-8 或 GBK）、XLSX 或 JSONL，第一行为表头")
    p.add_argument("--json", action="store_true", help="以 JSON 输出导入报告")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("demo", help="生成示例档案馆（确定性：同一种子生成同样的数据）")
    p.add_argument("--records", type=int, default=20000, help="档案条数（默认 20000）")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--if-empty", action="store_true", help="数据库里已有档案时什么也不做（make run 首次启动用）")
    p.set_defaults(handler=cmd_demo)
