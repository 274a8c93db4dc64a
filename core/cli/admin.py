"""`init` and `staff` commands."""
from __future__ import annotations

import argparse
import getpass

from sqlalchemy import select

from ..bootstrap import Services, bootstrap
from ..db import refresh_statistics
from ..deployment import check_identity_key
from ..errors import NotFound, PermissionDenied
from ..migrate import current_revision, upgrade
from ..models import StaffUser
from ..staff import ROLE_NAMES, add_staff, generate_password


DEFAULT_ACTOR = "staff:cli"


def staff_actor(session, username: str | None) -> str:
    """The audit actor for --staff USERNAME: an active staff account, or the generic CLI actor."""
    if not username:
        return DEFAULT_ACTOR
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    if user is None:
        raise NotFound(f"没有用户名为 {username} 的工作人员（用 `python -m core staff add` 新建）。")
    if not user.active:
        raise PermissionDenied(f"工作人员账号 {username} 已停用。")
    return f"staff:{user.username}"


def ready_services() -> Services:
    """Services on a migrated database whose identity key matches this process's (for commands that write)."""
    services = bootstrap()
    upgrade(services.engine)
    check_identity_key(services.sessions, services.vault)
    return services


def cmd_init(args: argparse.Namespace) -> int:
    services = bootstrap()
    before = current_revision(services.engine)
    upgrade(services.engine)
    check_identity_key(services.sessions, services.vault)
    after = current_revision(services.engine)
    if before is not None and before != after:  # a database from an older version may never have been analyzed
        refresh_statistics(services.engine)  # (not on every start: `make run` and each deploy run init)
    where = services.settings.data_dir if services.settings.is_sqlite else services.engine.url.render_as_string()
    state = "已是最新" if before == after else (f"已从 {before} 迁移到 {after}" if before else f"已创建（版本 {after}）")
    print(f"数据库{state}：{where}")
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    services = ready_services()
    password = args.password
    if password is None:
        password = getpass.getpass("密码（留空则自动生成）：") if args.ask else ""
    generated = not password
    password = password or generate_password()
    with services.sessions.begin() as s:
        user = add_staff(s, username=args.username, display_name=args.name or args.username, role=args.role,
                         password=password, centre_code=args.centre)
        print(f"已创建{ROLE_NAMES[user.role]}账号 {user.username}" + (f"（{user.centre.name}）" if user.centre else ""))
    if generated:
        print(f"初始密码（只显示这一次）：{password}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="创建或迁移数据库（数据目录由 LANTAI_DATA_DIR 指定）")
    p.set_defaults(handler=cmd_init)

    staff = sub.add_parser("staff", help="管理工作人员账号").add_subparsers(dest="staff_command", required=True)
    p = staff.add_parser("add", help="新建工作人员账号")
    p.add_argument("username")
    p.add_argument("--name", help="显示姓名")
    p.add_argument("--role", choices=sorted(ROLE_NAMES), default="clerk")
    p.add_argument("--centre", help="所属服务中心编号（窗口人员必填），如 C01")
    p.add_argument("--password", help="不给出则自动生成并显示一次")
    p.add_argument("--ask", action="store_true", help="在终端输入密码")
    p.set_defaults(handler=cmd_staff_add)
