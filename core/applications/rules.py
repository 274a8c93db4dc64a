"""The 查档申请 workflow as data: states, their Chinese names, the legal moves, deadlines and what the applicant is told."""
from __future__ import annotations

from ..vocabulary import CATEGORIES

STATUS_LABELS: dict[str, str] = {
    "submitted": "已提交",
    "in_review": "审核中",
    "needs_info": "待补充材料",
    "approved": "已批准",
    "issued": "证明已出具",
    "delivered": "已领取/已送达",
    "rejected": "未通过",
    "withdrawn": "已撤回",
}
CHANNEL_LABELS = {"bot": "机器人", "kiosk": "自助机", "window": "窗口"}
DELIVERY_LABELS = {"pickup": "到服务中心领取", "electronic": "电子证明"}

#: The legal moves. Rejecting and withdrawing are possible until the certificate is issued; after that a wrong
#: certificate is revoked (certificates), not the application rejected.
TRANSITIONS: dict[str, frozenset[str]] = {
    "submitted": frozenset({"in_review", "rejected", "withdrawn"}),
    "in_review": frozenset({"needs_info", "approved", "rejected", "withdrawn"}),
    "needs_info": frozenset({"in_review", "rejected", "withdrawn"}),
    "approved": frozenset({"issued", "rejected", "withdrawn"}),
    "issued": frozenset({"delivered"}),
    "delivered": frozenset(),
    "rejected": frozenset(),
    "withdrawn": frozenset(),
}
TERMINAL = frozenset(s for s, moves in TRANSITIONS.items() if not moves)
#: States in which the archive still owes an answer: only these can be overdue (issued means answered).
AWAITING_ARCHIVE = frozenset({"submitted", "in_review", "needs_info", "approved"})

#: Working days from submission to the due date, per category; change them here (DOMAIN: 2–4 working days for
#: cross-archive answers, some on the spot; 5 leaves room for records still held by the creating agency).
DEFAULT_DUE_WORKING_DAYS = 5
DUE_WORKING_DAYS: dict[str, int] = {category: DEFAULT_DUE_WORKING_DAYS for category in CATEGORIES}

#: What the applicant is told on entering each state ({code}, {note}, {due}, {papers}, {where} filled in).
ANNOUNCEMENTS: dict[str, str] = {
    "submitted": "您的查档申请已提交，取件码 {code}，预计{due}前办结。请准备：{papers}。",
    "in_review": "您的查档申请（取件码 {code}）已开始审核。",
    "needs_info": "您的查档申请（取件码 {code}）需要补充材料：{note}。请补齐后联系我们或到窗口办理。",
    "approved": "您的查档申请（取件码 {code}）已通过审核，正在出具证明。",
    "issued": "您申请的查档证明（取件码 {code}）已出具。{where}",
    "delivered": "您的查档证明（取件码 {code}）已领取/送达。感谢您的使用。",
    "rejected": "很抱歉，您的查档申请（取件码 {code}）未通过：{note}。如有疑问请咨询窗口工作人员。",
    "withdrawn": "您的查档申请（取件码 {code}）已撤回。",
}

#: Pickup codes: letters and digits nobody confuses when reading them out (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10  # 31^10 ≈ 2^49.5: the code is the only key to the status page, so it must not be guessable

MAX_SUBJECTS = 10
MAX_NAME = 30
MAX_PURPOSE = 200
MAX_PLACE = 50
EARLIEST_YEAR = 1900
