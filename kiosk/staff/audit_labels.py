"""The audit log in words: Chinese names for its action codes, and a one-line summary of each line's data."""
from __future__ import annotations

from core.applications import STATUS_LABELS
from core.appointments.visits import STATUS_LABELS as APPOINTMENT_STATUS_LABELS
from core.certificates import KIND_NAMES

#: Each action code the code base writes, as the log viewer names it; an unknown code is shown as it is.
ACTION_LABELS = {
    "application.transition": "申请状态变更",
    "application.checklist": "材料核对",
    "application.attach_record": "附加档案",
    "application.detach_record": "取下档案",
    "application.papers_override": "材料不全仍批准",
    "certificate.issue": "出具证明",
    "certificate.revoke": "撤销证明",
    "certificate.reissue": "重新出具证明",
    "appointment.check_in": "预约签到",
    "appointment.no_show": "预约未到",
    "appointment.cancel": "取消预约",
    "appointment.reschedule": "改约",
    "appointment.reminder": "预约提醒",
    "pii.view": "查看完整身份信息",
    "citizen.rename": "更正申请人姓名",
    "staff.login_locked": "账号因连续输错密码锁定",
}
PII_FIELDS = {"id_number": "身份证号", "phone": "电话"}


def action_label(action: str) -> str:
    """The Chinese name of an action code."""
    return ACTION_LABELS.get(action, action)


def _status(code: str | None) -> str:
    return STATUS_LABELS.get(code, code) if code else "—"


def _joined(items) -> str:
    return "、".join(str(i) for i in items or []) or "无"


def summary(action: str, data: dict) -> str:
    """What happened, in a line of Chinese (the raw data stays available for the curious)."""
    data = data or {}
    if action == "application.transition":
        text = f"{_status(data.get('from')) if data.get('from') else '新申请'} → {_status(data.get('to'))}"
        return text + (f"：{data['note']}" if data.get("note") else "")
    if action == "application.checklist":
        text = f"已核：{_joined(data.get('checked'))}；未核：{_joined(data.get('missing'))}"
        return text + (f"（随「{_status(data['decision'])}」保存）" if data.get("decision") else "")
    if action == "application.papers_override":
        return f"未核：{_joined(data.get('missing'))}"
    if action in ("application.attach_record", "application.detach_record"):
        return f"档号 {data.get('ref', '')}"
    if action == "certificate.issue":
        refs = f"，档号 {_joined(data['record_refs'])}" if data.get("record_refs") else ""
        again = f"，取代 {data['replaces']}" if data.get("replaces") else ""
        return f"{KIND_NAMES.get(data.get('kind'), data.get('kind') or '')}{refs}{again}"
    if action in ("certificate.revoke", "certificate.reissue"):
        return data.get("note") or (f"原因：{data['reason']}" if data.get("reason") else "")
    if action.startswith("appointment."):
        return APPOINTMENT_STATUS_LABELS.get(data.get("status"), "") if data.get("status") else ""
    if action == "pii.view":
        fields = "、".join(PII_FIELDS.get(f, f) for f in data.get("fields") or [])
        return f"申请 {data.get('application_id', '')} 的{fields}"
    if action == "citizen.rename":
        return f"{data.get('old', '')} → {data.get('new', '')}：{data.get('reason', '')}"
    if action == "staff.login_locked":
        return f"{data.get('username', '')} 连续输错 {data.get('failures', '')} 次"
    return data.get("note") or data.get("reason") or ""
