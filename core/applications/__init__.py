"""查档申请: submit, move through the workflow (audited, announced), and read back.

    submitted → in_review ⇄ needs_info;  in_review → approved → issued → delivered
    rejected (with a reason) / withdrawn: from any state before issued
"""
from .queries import (current_certificate, describe, find_by_pickup_code, get_application, history, is_overdue,
                      list_applications)
from .rules import ANNOUNCEMENTS, STATUS_LABELS, TERMINAL, TRANSITIONS
from .submit import new_pickup_code, normalise_pickup_code, submit_application
from .workflow import advance, announcement, transition

__all__ = ["submit_application", "transition", "advance", "announcement", "get_application", "find_by_pickup_code",
           "list_applications", "history", "describe", "is_overdue", "current_certificate", "new_pickup_code",
           "normalise_pickup_code", "STATUS_LABELS", "TRANSITIONS", "TERMINAL", "ANNOUNCEMENTS"]
