"""The console's menu: each screen once, shown to the roles that may open it."""
from __future__ import annotations

from flask import current_app

from . import bp

#: (endpoint, label, roles that see it; empty = every signed-in account)
MENU = (
    ("staff.queue", "申请队列", ()),
    ("staff.visits", "预约日历", ()),
    ("staff.handoffs", "转人工问题", ()),
    ("staff.imports", "目录导入", ("archivist", "admin")),
    ("staff.stats", "统计", ()),
    ("staff.audit", "审计日志", ("archivist", "admin")),
)


@bp.context_processor
def _menu() -> dict:
    return {"staff_menu": [m for m in MENU if m[0] in current_app.view_functions]}
