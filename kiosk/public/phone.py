"""The page the slip's QR opens on a phone: /s?code=<CODE>. Stand-alone like the verify page (no kiosk frame, no
idle timer, readable from 360 px): the status, the due date, masked names and what to do next; never the
certificate, which only the identified applicant prints at a kiosk.

The code is in the query string, which gunicorn's access log leaves out (it logs the path only); a reverse proxy
in front may log it, so it should drop queries too. Nothing is put in the session: a phone needs no cookie.
"""
from __future__ import annotations

from flask import current_app, render_template, request

from core.applications import describe
from core.applications.rules import AWAITING_ARCHIVE
from core.clock import chinese_date

from .. import services_of
from . import bp
from .slips import code_from_input, code_groups, find_by_code

#: What the applicant should do next, by status; {where} is 「到<centre>」 or 「到服务中心」.
NEXT_STEPS = {
    "submitted": "档案馆正在办理，您现在不用做什么。办好后{done}",
    "in_review": "档案馆正在审核申请、查找档案，您现在不用做什么。办好后{done}",
    "needs_info": "请带齐下面需要补充的材料和身份证，{where}窗口办理。",
    "approved": "申请已通过审核，正在出具证明，请再等一等。出具后{done}",
    "issued": "证明已经出具。{done}",
    "delivered": "证明已经领取。如需再打印一份，请申请人本人带身份证{where}，在自助机「取件打印」扫描凭条上的二维码后打印。",
    "rejected": "申请未通过，原因见上。如有疑问，请带上取件凭条{where}窗口咨询。",
    "withdrawn": "申请已撤回。如还需要这份证明，请重新申请。",
}
DONE = {
    "pickup": "请申请人本人带身份证和取件凭条{where}领取：在自助机「取件打印」扫描凭条上的二维码即可打印，也可以到窗口领取。",
    "electronic": "证明会发送到您绑定的手机聊天机器人；也可以由申请人本人带身份证在任意一台自助机「取件打印」打印。",
}


def _next_step(status: str, delivery: str, centre: str | None) -> str:
    where = f"到{centre}" if centre else "到服务中心"
    done = DONE.get(delivery, DONE["pickup"]).format(where=where)
    return NEXT_STEPS[status].format(where=where, done=done)


@bp.get("/s")
def phone_status():
    """The status of the application whose pickup code the slip's QR carries, for the phone that scanned it."""
    code = code_from_input(request.args.get("code", ""))
    services = services_of(current_app)
    with services.sessions() as s:
        application = find_by_code(s, code)
        if application is None:
            return render_template("status.html", data=None, asked=bool(code)), 404
        data = describe(services, s, application, staff=False)
        return render_template(
            "status.html", data=data, groups=code_groups(application.pickup_code),
            due=chinese_date(application.due_date), awaiting=application.status in AWAITING_ARCHIVE,
            needs=data["needs_note"],
            next_step=_next_step(application.status, application.delivery, data["centre"]))
