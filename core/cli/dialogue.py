"""`ask` (the dialogue engine from the command line) and `handoff` (the staff queue of questions)."""
from __future__ import annotations

import argparse
import json

from ..bootstrap import bootstrap
from ..dialogue import answer, answer_handoff, list_handoffs
from ..errors import InvalidInput, LantaiError
from .admin import ready_services, staff_actor


def _line(reply) -> dict:
    return {"intent": reply.intent, "slots": reply.slots, "reply": reply.text}


def _print_human(reply) -> None:
    slots = "，".join(f"{k}={v}" for k, v in reply.slots.items())
    print(f"[{reply.intent}] {slots}".rstrip())
    print(reply.text)
    if reply.buttons:
        print("选项：" + " | ".join(b.label for b in reply.buttons))


def cmd_ask(args: argparse.Namespace) -> int:
    services = bootstrap()
    state = None

    def one(text: str):
        nonlocal state
        reply = answer(services, text, state=state if args.conversation else None, channel="kiosk", lang=args.lang)
        state = reply.state
        return reply

    if args.batch:
        with open(args.batch, encoding="utf-8-sig") as f:
            for line in f:
                text = line.rstrip("\n")
                try:
                    if not text.strip():
                        raise InvalidInput("请输入内容。")
                    out = _line(one(text))
                except LantaiError as e:  # one bad line must not stop the batch; its line says why
                    out = {"text": text, "error": {"code": e.code, "message": e.message}}
                print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    text = " ".join(args.text).strip()
    if not text:
        raise InvalidInput("请给出一句话，或用 --batch FILE 批量处理")
    reply = one(text)
    if args.json:
        print(json.dumps(_line(reply), ensure_ascii=False))
    else:
        _print_human(reply)
    return 0


def cmd_handoff(args: argparse.Namespace) -> int:
    if args.handoff_command == "list":
        rows = list_handoffs(bootstrap(), status=None if args.status == "all" else args.status, limit=args.limit)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False))
        for h in [] if args.json else rows:
            print(f"#{h['id']} [{h['status']}] {h['created_at']} {h['channel']}：{h['question']}")
            for t in h["transcript"][-6:]:
                print(f"    {'市民' if t.get('from') == 'citizen' else '系统'}：{str(t.get('text', ''))[:80]}")
            if h["answer"]:
                print(f"    回复（{h['answered_by']}）：{h['answer']}")
        if not rows and not args.json:
            print("没有待处理的转人工问题。")
        return 0
    services = ready_services()
    with services.sessions() as s:
        actor = staff_actor(s, args.staff)
    row = answer_handoff(services, args.id, text=args.text, staff=actor)
    print(f"已回复 #{row['id']}" + ("，将通过机器人发给市民。" if row["chat_id"] else "。"))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ask", help="用对话引擎回答一句话（意图、槽位、回复）")
    p.add_argument("text", nargs="*", help="例如：我想查1985年张伟的结婚登记")
    p.add_argument("--json", action="store_true", help="以 JSON 输出：{intent, slots, reply}")
    p.add_argument("--batch", metavar="FILE", help="每行一句，每行输出一行 JSON")
    p.add_argument("--conversation", action="store_true", help="批量时把各行当作同一段对话（保留状态）")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.set_defaults(handler=cmd_ask)

    handoff = sub.add_parser("handoff", help="转人工的问题").add_subparsers(dest="handoff_command", required=True)
    p = handoff.add_parser("list", help="列出转人工的问题（默认待处理的）")
    p.add_argument("--status", choices=("open", "answered", "closed", "all"), default="open")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_handoff)
    p = handoff.add_parser("answer", help="回复一个转人工的问题")
    p.add_argument("id", type=int)
    p.add_argument("--text", required=True, help="回复内容")
    p.add_argument("--staff", metavar="USERNAME", help="回复的工作人员（默认 staff:cli）")
    p.set_defaults(handler=cmd_handoff)
