"""取件打印 at the kiosk: the pickup code (typed or scanned) → the application's status → for the identified
applicant, the certificate on screen to print (every page), and 我已拿到证明, which marks it picked up and ends
the visit.

The code shows the status to whoever holds it (masked names only, as GET /api/applications/<code>); the
certificate itself only to the identified applicant, so a lost slip prints nobody's marriage record. The code is
posted and kept in the encrypted session, never in a kiosk URL: Back after 结束办理 or the idle wipe finds the empty
entry form, and the access log never sees it. Wrong codes are counted in the session: after five the session is
wiped and the next try must wait a minute. The slip's QR opens the phone page (phone.py), not these screens.
"""
from __future__ import annotations

import time

from flask import Response, current_app, flash, redirect, render_template, request, session, url_for
from sqlalchemy import select

from core.applications import current_certificate, describe, transition
from core.applications.rules import AWAITING_ARCHIVE, CODE_ALPHABET
from core.certificates.preview import page_count, render_page_png
from core.clock import chinese_date
from core.errors import NotFound
from core.models import ServiceCentre

from .. import services_of
from . import bp
from .frame import kiosk_centre
from .slips import code_from_input, code_groups, find_by_code, looks_like_code, visitor_citizen_id
from .visitor import GUARD_KEYS, current_visitor, wipe_session

MAX_FAILS = 5
WAIT_SECONDS = 60
CODE_KEY = "pickup_code"
FAILS_KEY, WAIT_KEY = GUARD_KEYS  # kept through a wipe (visitor.py)
CERTIFICATE_WIDTH_PX = 1240  # an A4 page at 150 dpi: sharp on the kiosk's printer, its QR still scans
STATUS_NOTES = {
    "submitted": "申请已提交，正在等待档案馆审核。",
    "in_review": "档案馆正在审核申请、查找档案。",
    "needs_info": "需要您补充材料，请带齐材料到服务中心窗口办理。",
    "approved": "申请已通过审核，正在出具证明。",
    "issued": "证明已经出具：申请人本人刷身份证后可以在本机打印，也可以到窗口领取。",
    "delivered": "证明已经领取（或已发送到手机）。申请人本人刷身份证后仍可在本机重新打印。",
    "rejected": "申请未通过。",
    "withdrawn": "申请已撤回。",
}


def _services():
    return services_of(current_app)


def _wait_left() -> int:
    return max(0, int(session.get(WAIT_KEY, 0)) - int(time.time()))


def _entry(code: str = "", error: str | None = None, status: int = 200):
    return render_template("kiosk/pickup.html", code=code, error=error, alphabet=CODE_ALPHABET), status


def _waiting(code: str):
    return _entry(code, f"取件码输错次数太多，为保护申请人的信息，请 {_wait_left()} 秒后再试。", 429)


def _failed(typed: str):
    """A code that leads nowhere: say so, keep what was typed, and slow the next guesses down."""
    fails = int(session.get(FAILS_KEY, 0)) + 1
    if fails >= MAX_FAILS:
        wipe_session()  # whoever is guessing loses the identified session too
        session.pop(FAILS_KEY, None)  # after the wait, five tries again
        session[WAIT_KEY] = int(time.time()) + WAIT_SECONDS
        return _waiting(typed)
    session[FAILS_KEY] = fails
    return _entry(typed, f"没有找到取件码「{typed}」对应的申请，请核对后重新输入（还可以再试 {MAX_FAILS - fails} 次）。"
                         "取件码在取件凭条上，共 10 位，由数字和字母组成。", 404)


@bp.route("/pickup", methods=["GET", "POST"])
def pickup():
    """The pickup code field: typed on the letter keypad, or scanned from the slip's QR (the scanner types the URL)."""
    if request.method == "GET":
        return _entry()
    typed = request.form.get("code", "").strip()
    if _wait_left():
        return _waiting(typed)
    code = code_from_input(typed)
    if not code:
        return _entry(typed, "请输入取件码，或把取件凭条上的二维码对准扫描口。", 400)
    if not looks_like_code(code):  # a slip of the finger, not a guess: it does not count against the tries
        return _entry(typed, "取件码共 10 位，由数字和字母组成，请对照取件凭条核对后重新输入。", 400)
    with _services().sessions() as s:
        found = find_by_code(s, code)
    if found is None:
        return _failed(typed)
    session.pop(FAILS_KEY, None)
    session[CODE_KEY] = found.pickup_code
    return redirect(url_for("public.pickup_status"))


@bp.get("/pickup/status")
def pickup_status():
    """What the session's code has come to; the certificate too (every page) when the identified applicant is here."""
    code = session.get(CODE_KEY)
    if not code:
        return redirect(url_for("public.pickup"))  # wiped, or never entered: the empty field
    services = _services()
    with services.sessions() as s:
        application = find_by_code(s, code)
        if application is None:
            session.pop(CODE_KEY, None)
            return redirect(url_for("public.pickup"))
        data = describe(services, s, application, staff=False)
        mine = visitor_citizen_id() == application.citizen_id
        certificate = current_certificate(s, application) if application.status in ("issued", "delivered") else None
        pages = page_count(certificate.pdf) if certificate is not None and mine else 0
        return render_template(
            "kiosk/pickup_status.html", groups=code_groups(code), data=data,
            note=STATUS_NOTES[application.status], needs=data["needs_note"],
            due=chinese_date(application.due_date), awaiting=application.status in AWAITING_ARCHIVE,
            has_certificate=certificate is not None, mine=mine, identified=current_visitor() is not None,
            pages=range(1, pages + 1), can_deliver=mine and certificate is not None and application.status == "issued",
            identify_url=(url_for("public.identify", next=url_for("public.pickup_status"))
                          if "public.identify" in current_app.view_functions else None))


def _own_certificate(s):
    """(application, certificate) when the visitor is the applicant of the session's code; else NotFound."""
    code = session.get(CODE_KEY)
    application = find_by_code(s, code) if code else None
    if application is None or visitor_citizen_id() is None or application.citizen_id != visitor_citizen_id():
        raise NotFound("只有申请人本人刷身份证后才能查看和打印证明。")
    certificate = current_certificate(s, application) if application.status in ("issued", "delivered") else None
    if certificate is None:
        raise NotFound("这份申请目前没有可打印的证明。")
    return application, certificate


@bp.get("/pickup/certificate.png")
def pickup_certificate():
    """One page (?page=N, from 1) of the certificate as a picture, for the applicant only; never kept by the browser."""
    page = request.args.get("page", "1")
    with _services().sessions() as s:
        _, certificate = _own_certificate(s)
        if not page.isdigit() or not 1 <= int(page) <= page_count(certificate.pdf):
            raise NotFound("证明没有这一页。")
        png = render_page_png(certificate.pdf, page=int(page) - 1, width_px=CERTIFICATE_WIDTH_PX)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "no-store"})


@bp.post("/pickup/delivered")
def pickup_delivered():
    """The applicant took the printed certificate: 已领取 (audited as this kiosk), and the visit ends."""
    services = _services()
    centre = kiosk_centre()
    with services.sessions.begin() as s:
        application, _ = _own_certificate(s)
        centre_code = s.scalar(select(ServiceCentre.code).where(ServiceCentre.id == centre[0])) if centre else None
        if application.status == "issued":
            transition(s, application, "delivered", actor=f"kiosk:{centre_code or '-'}", note="在自助机打印领取")
    wipe_session()  # the next person at the screen must not find the applicant still signed in
    flash("已登记为已领取，请收好证明。您的信息已从本机清除，欢迎再来。")
    return redirect(url_for("public.home"))


@bp.get("/pickup/<code>")
def pickup_link(code: str):
    """A slip printed before the phone page existed carries …/pickup/<code>: phones opening it get the phone page."""
    return redirect(url_for("public.phone_status", code=code_from_input(code)))
