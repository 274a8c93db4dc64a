"""`cert verify|revoke|reissue` and `cert keys rotate|export`.

`cert verify` works offline: with --keys (the JSON of GET /api/keys) it needs nothing else, not even a database.
Without --keys, where the archive's database can be reached, it also consults the register (revoked, unknown).
Issuing, revoking and reissuing with --staff need an archivist or an administrator (core.staff.require_role).
"""
from __future__ import annotations

import argparse
import json
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InvalidInput, NotFound
from ..settings import Settings

STATUS_WORDS = {"valid": "有效", "revoked": "已撤销", "invalid": "无效"}


def save_certificate(certificate, out: Path, settings: Settings) -> tuple[str, str]:
    """Write the PDF (inside the caller's transaction, so a failed write rolls the issue back); (number, verify URL)."""
    from ..certificates import verify_url

    try:
        out.write_bytes(certificate.pdf)
    except OSError as e:
        raise InvalidInput(f"无法写入 {out}：{e.strerror}。") from None
    return certificate.number, verify_url(settings, certificate.token)


def _load_keys(path: str | None) -> dict:
    from ..certificates import KeyRing, keys_from_json

    if path is None:
        keys = KeyRing(Settings.from_env().keys_dir).public_keys()
        if not keys:
            raise InvalidInput("本机没有签名密钥。请用 --keys 指定从 /api/keys 下载的公钥文件。")
        return keys
    try:
        return keys_from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except OSError as e:
        raise InvalidInput(f"无法读取公钥文件 {path}：{e.strerror}。") from None
    except json.JSONDecodeError:
        raise InvalidInput(f"公钥文件 {path} 不是 JSON（应为 /api/keys 返回的内容）。") from None


@contextmanager
def _register(settings: Settings):
    """A status lookup on the archive's register, or None where its database cannot be reached (offline)."""
    from sqlalchemy import create_engine, select
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from ..certificates import certificate_status
    from ..models import Certificate

    if settings.is_sqlite and not Path(settings.database_url.split(":///", 1)[-1]).is_file():
        yield None  # no archive database here: do not create one
        return
    engine = create_engine(settings.database_url,
                           connect_args={} if settings.is_sqlite else {"connect_timeout": 5})
    try:
        with Session(engine) as s:
            try:
                s.execute(select(Certificate.id).limit(1))
                reachable = True
            except SQLAlchemyError:
                reachable = False  # not reachable, or not a Lantai database
            yield (lambda number: certificate_status(s, number)) if reachable else None
    finally:
        engine.dispose()


def _verdict_of(subject: str, keys: dict, lookup, tz: str):
    """Verify a PDF file, a verify URL or a bare token; returns (verdict, was_pdf)."""
    from ..certificates import verify_pdf, verify_token

    path = Path(subject)
    if path.is_file():
        data = path.read_bytes()
        if not data.startswith(b"%PDF"):
            raise InvalidInput(f"{subject} 不是 PDF 文件。")
        return verify_pdf(data, keys, status_lookup=lookup, tz=tz), True
    if "/" in subject:
        subject = urlsplit(subject.strip()).path.rstrip("/").rsplit("/", 1)[-1]
    return verify_token(subject, keys, status_lookup=lookup, tz=tz), False


def cmd_verify(args: argparse.Namespace) -> int:
    from ..certificates import KIND_NAMES, OFFLINE_NOTE
    from ..certificates.verify import REFS_NOT_IN_TOKEN
    from ..clock import chinese_date

    settings = Settings.from_env()
    with _register(settings) if args.keys is None else _offline() as lookup:
        verdict, was_pdf = _verdict_of(args.subject, _load_keys(args.keys), lookup, settings.timezone)
    if args.json:
        print(json.dumps({**verdict.as_dict(), "pdf_checked": was_pdf and verdict.status != "invalid"},
                         ensure_ascii=False, indent=2))
        return 0 if verdict.status == "valid" else 1
    print(f"结果：{STATUS_WORDS[verdict.status]}")
    print(f"说明：{verdict.message}")
    c = verdict.claims
    if c is not None:
        print(f"证明编号：{c.number}\n证明类型：{KIND_NAMES[c.kind]}\n出具日期：{chinese_date(c.issue_date)}")
        print(f"出具档案馆：{c.archive}\n签发密钥：{c.kid}")
        if c.record_refs:
            print(f"档号（{len(c.record_refs)} 件）：{'、'.join(c.record_refs)}")
        elif not c.refs_known:
            print(f"档号：{REFS_NOT_IN_TOKEN.format(n=c.record_count)}")
    if was_pdf and verdict.status == "valid":
        print("PDF 文件：与出具时一致（未被改动）")
    if verdict.online:
        print("登记核对：已与档案馆的证明登记核对（在线）")
    elif verdict.status == "valid" and OFFLINE_NOTE not in verdict.message:
        print(f"注意：{OFFLINE_NOTE}")
    return 0 if verdict.status == "valid" else 1


@contextmanager
def _offline():
    yield None


def archivist_actor(session, username: str | None, action: str) -> str:
    """The audit actor; a named staff user must be an archivist or an administrator."""
    from ..staff import CERTIFICATE_ROLES, require_role
    from .admin import staff_actor

    actor = staff_actor(session, username)
    if username:
        require_role(session, username, CERTIFICATE_ROLES, action=action)
    return actor


def cmd_revoke(args: argparse.Namespace) -> int:
    from ..certificates import revoke_certificate
    from .admin import ready_services

    services = ready_services()
    with services.sessions.begin() as s:
        actor = archivist_actor(s, args.staff, "撤销证明")
        cert = revoke_certificate(s, args.number, reason=args.reason, actor=actor, tz=services.settings.timezone)
        number = cert.number
    print(f"证明 {number} 已撤销（原因：{args.reason.strip()}）。此后扫码核验将显示「已撤销」。")
    return 0


def parse_refs(session, text: str) -> list:
    """The catalogue records of a comma-separated list of 档号 (as --records takes them); NotFound for unknown ones."""
    from sqlalchemy import select

    from ..models import Record

    wanted = [r for r in re.split(r"[,，、\s]+", text or "") if r]
    if not wanted:
        raise InvalidInput("--records 后面请列出档号，用逗号分隔。")
    found = {r.ref: r for r in session.scalars(select(Record).where(Record.ref.in_(wanted)))}
    missing = [r for r in wanted if r not in found]
    if missing:
        raise NotFound(f"目录中没有这些档号：{'、'.join(missing)}。")
    return [found[r] for r in wanted]


def cmd_reissue(args: argparse.Namespace) -> int:
    from ..certificates import reissue_certificate
    from .admin import ready_services

    if args.records and args.no_record:
        raise InvalidInput("--records 和 --no-record 只能选一个。")
    services = ready_services()
    out = Path(args.out)
    with services.sessions.begin() as s:
        actor = archivist_actor(s, args.staff, "重新出具证明")
        records = parse_refs(s, args.records) if args.records else ([] if args.no_record else None)
        new = reissue_certificate(s, services, args.number, actor=actor, records=records,
                                  kind="no_record" if args.no_record else None)
        number, url = save_certificate(new, out, services.settings)  # a failed write changes nothing
    print(f"已重新出具证明 {number}，替代原证明 {args.number.strip().upper()}（原证明作废），PDF 已保存到 {out}。")
    print(f"核验网址：{url}")
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    from ..certificates import KeyRing

    ring = KeyRing(Settings.from_env().keys_dir)
    new = ring.rotate()
    old = sorted(set(ring.public_keys()) - {new})
    print(f"新的签名密钥：{new}，此后出具的证明用它签名。")
    if old:
        print(f"旧密钥 {'、'.join(old)} 仍然公布，此前出具的证明照常可以核验。")
    print("离线核验的用户请重新下载公钥：GET /api/keys 或 python -m core cert keys export。")
    return 0


def cmd_keys_export(args: argparse.Namespace) -> int:
    from ..certificates import KeyRing

    text = json.dumps(KeyRing(Settings.from_env().keys_dir).published(), ensure_ascii=False, indent=2)
    if args.out:
        try:
            Path(args.out).write_text(text + "\n", encoding="utf-8")
        except OSError as e:
            raise InvalidInput(f"无法写入 {args.out}：{e.strerror}。") from None
        print(f"公钥已保存到 {args.out}。")
    else:
        print(text)
    return 0


def register(sub) -> None:
    """Add this module's commands to the CLI."""
    cert = sub.add_parser("cert", help="证明：核验、撤销、重新出具、签名密钥").add_subparsers(dest="cert_command",
                                                                                           required=True)
    p = cert.add_parser("verify", help="核验证明：核验码、核验网址或 PDF 文件（连得上档案馆数据库时同时查撤销）")
    p.add_argument("subject", metavar="TOKEN|URL|PDF")
    p.add_argument("--keys", metavar="FILE",
                   help="公钥文件（GET /api/keys 的 JSON），离线核验；不给出则用本机的密钥目录，并在连得上数据库时查登记")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(handler=cmd_verify)

    for name, help, handler in (("revoke", "撤销证明（须说明原因）", cmd_revoke),
                                ("reissue", "重新出具证明，替代原证明（有效的或已撤销的）", cmd_reissue)):
        p = cert.add_parser(name, help=help)
        p.add_argument("number", metavar="NUMBER", help="证明编号，如 LT-2026-000123")
        if name == "revoke":
            p.add_argument("--reason", required=True, help="撤销原因（核验时会显示）")
        else:
            p.add_argument("--records", metavar="REF,…", help="新证明所列的档号（逗号分隔）；不给出则与原证明相同")
            p.add_argument("--no-record", action="store_true", help="改为出具查无档案记录证明")
            p.add_argument("--out", required=True, metavar="FILE.pdf", help="新证明 PDF 的保存位置")
        p.add_argument("--staff", "--actor", dest="staff", metavar="USERNAME",
                       help="经办人的用户名（记入审计日志；须为档案员或管理员）")
        p.set_defaults(handler=handler)

    keys = cert.add_parser("keys", help="签名密钥").add_subparsers(dest="keys_command", required=True)
    keys.add_parser("rotate", help="换用新的签名密钥（旧公钥继续公布）").set_defaults(handler=cmd_keys_rotate)
    p = keys.add_parser("export", help="导出公钥（与 GET /api/keys 相同），供离线核验")
    p.add_argument("--out", metavar="FILE", help="保存到文件；不给出则打印")
    p.set_defaults(handler=cmd_keys_export)
