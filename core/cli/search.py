"""`search` and `index` commands."""
from __future__ import annotations

import argparse
import json
import time

from ..bootstrap import bootstrap
from ..errors import InvalidInput, LantaiError
from ..search import AUDIENCES


def _print_human(result: dict) -> None:
    if result["relaxed"]:
        print(f"（{result['relaxed']}）")
    if result["total"]:
        more = "" if result.get("total_exact", True) else " 多"
        print(f"共 {result['total']}{more} 条，用时 {result['took_ms']} 毫秒")
    elif result["hits"]:
        print("没有完全符合的开放档案，以下是相关的开放档案：")
    elif not result["restricted"]:
        print("没有找到相关档案。可以换个说法，或只输入姓名、年份试试。")
    for h in result["hits"]:
        who = f"  人名：{'、'.join(h['persons'])}" if h.get("persons") else ""
        print(f"{h['ref']}  {h['date']}  [{h['category'] or '—'}]  {h['title']}{who}")
    for r in result["restricted"]:
        print(f"另有 {r['count']} 条 {r['year']} 年的{r['category']}档案未开放，需本人或有权人员申请查阅")


def cmd_search(args: argparse.Namespace) -> int:
    services = bootstrap()
    search = services.search

    def one(query: str) -> dict:
        return search.search(query, audience=args.audience, limit=args.limit)

    if args.batch:
        with open(args.batch, encoding="utf-8-sig") as f:
            for line in f:
                query = line.rstrip("\n")
                try:
                    result = one(query)
                except LantaiError as e:  # one bad line must not stop the batch; its line says why
                    result = {"query": query, "error": {"code": e.code, "message": e.message}}
                print(json.dumps(result, ensure_ascii=False), flush=True)
        return 0
    if not args.query:
        raise InvalidInput("请给出查询内容，或用 --batch FILE 批量查询")
    result = one(" ".join(args.query))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        _print_human(result)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    services = bootstrap()
    store = services.search.store
    if args.index_command == "rebuild":
        count = store.rebuild(progress=None, procs=args.procs)
        print(f"检索索引已重建：{count} 条档案")
        return 0
    while True:
        applied = store.sync()
        if applied:
            print(f"检索索引已更新 {applied} 条", flush=True)
        if not args.watch:
            return 0
        time.sleep(args.interval)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="检索档案目录")
    p.add_argument("query", nargs="*", help="查询内容，例如：1985年 张伟 李娜 结婚登记")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument("--audience", choices=AUDIENCES, default="public", help="public：只显示开放档案（默认）；staff：全部")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--batch", metavar="FILE", help="每行一个查询，每行输出一行 JSON")
    p.set_defaults(handler=cmd_search)

    index = sub.add_parser("index", help="维护检索索引").add_subparsers(dest="index_command", required=True)
    p = index.add_parser("rebuild", help="从数据库重建检索索引（双核分词）")
    p.add_argument("--procs", type=int, default=None, help="分词进程数（默认：CPU 核数，最多 2）")
    p.set_defaults(handler=cmd_index)
    p = index.add_parser("sync", help="把导入和修改过的档案写入索引；索引缺失时重建")
    p.add_argument("--watch", action="store_true", help="持续运行，每隔几秒同步一次")
    p.add_argument("--interval", type=float, default=2.0)
    p.set_defaults(handler=cmd_index)
