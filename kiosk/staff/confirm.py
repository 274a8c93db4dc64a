"""The second step of a change that cannot be undone (withdraw, reject, revoke): say what will happen, ask again."""
from __future__ import annotations

from flask import render_template, request

#: What the clerk ticks to confirm, per change.
CONFIRM_LABELS = {"withdrawn": "确认撤回（不可恢复）", "rejected": "确认不予受理（不可恢复）",
                  "revoke": "确认撤销证明（不可恢复）"}


def confirmed() -> bool:
    """Whether this post carries the ticked confirmation."""
    return request.form.get("confirm") == "1"


def render_confirm(kind: str, *, title: str, warning: str, facts: list[tuple[str, str]], action: str, back: str,
                   hidden: list[tuple[str, str]], reason_name: str, reason_label: str, reason: str,
                   reason_max: int = 500, button: str, error: str | None = None):
    """The confirmation page: what will change, the reason (still editable), the box to tick, the button."""
    return render_template("staff/confirm.html", title=title, warning=warning, facts=facts, action=action,
                           back=back, hidden=hidden, reason_name=reason_name, reason_label=reason_label,
                           reason=reason, reason_max=reason_max, confirm_label=CONFIRM_LABELS[kind],
                           button=button, error=error)
