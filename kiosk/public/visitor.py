"""The kiosk visitor: who identified at this screen (held in the encrypted session), and the idle wipe.

The browser warns after `kiosk_idle_seconds` without a touch and then calls POST /wipe; the server also drops any
session that has not been seen for longer than the idle limit plus the warning, so a stale cookie opens nothing.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import wraps

from flask import current_app, redirect, request, session, url_for

from .. import services_of
from . import bp



@dataclass(frozen=True)
class Visitor:
    citizen_id: int
    name_masked: str  # 王*芳
    id_masked: str  # 110105********002X


ALIVE_EVERY = 15  # seconds: kiosk.js reports taps the server never sees (on-screen keyboards) at most this often
PING_SLACK = ALIVE_EVERY + 5  # so the server waits that long (and a little) longer before it calls a session idle


def idle_limit() -> int:
    """Seconds without a touch after which the kiosk warns (then wipes after warning_seconds() more)."""
    return services_of(current_app).settings.kiosk_idle_seconds


def warning_seconds() -> int:
    """How long the "are you still there?" warning stays before the wipe: 20 s (less for very short idle limits)."""
    return min(20, max(3, idle_limit() // 3))


def current_visitor() -> Visitor | None:
    """The identified visitor of this kiosk session, or None (public audience)."""
    data = session.get("visitor")
    return Visitor(**data) if data else None


def visitor_required(view):
    """Guard a kiosk view: a visitor who has not identified is sent to the ID-card screen, then back here."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if current_visitor() is None:
            return redirect(url_for("public.identify", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return guarded


def remember_visitor(visitor: Visitor) -> None:
    """Start an identified session for this visitor (after the ID card was read and checked)."""
    session["visitor"] = {"citizen_id": visitor.citizen_id, "name_masked": visitor.name_masked,
                          "id_masked": visitor.id_masked}
    session["seen"] = int(time.time())


#: The kiosk's own guard against guessing pickup codes (pickup.py): about no visitor, and a wipe (结束办理) must not
#: reset it, or five more guesses were one tap away.
GUARD_KEYS = ("pickup_fails", "pickup_wait_until")


def wipe_session() -> None:
    """Forget everything about the current visitor: identity, forms in progress, answers (not the guessing guard)."""
    guard = {k: session[k] for k in GUARD_KEYS if k in session}
    session.clear()
    session.update(guard)


@bp.before_request
def _expire_idle_session() -> None:
    """Drop a kiosk session that has been idle longer than the limit plus the warning; note this touch."""
    now = int(time.time())
    seen = session.get("seen")
    if seen is not None and now - int(seen) > idle_limit() + warning_seconds() + PING_SLACK:
        wipe_session()
    if session:  # an empty session stays empty: no cookie for a visitor who only looked
        session["seen"] = now


@bp.get("/alive")
def alive():
    """The visitor is still at the screen (kiosk.js calls this while they type): keep the session (204)."""
    return "", 204


@bp.post("/wipe")
def wipe():
    """End the visit (the 结束 button, or the idle timer): clear the session and go home."""
    wipe_session()
    return redirect(url_for("public.home"))
