"""申请出证 at the kiosk, for an identified visitor: category → relation → subjects and years → papers → purpose →
pickup or electronic → confirm → a printable slip with the pickup code and its QR.

Each step is a page with 上一步 and 取消; answers live in the session draft (drafts.py) until 提交 files them
through core (channel "kiosk", the visitor's citizen id as applicant), then the draft is gone.
"""
from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from sqlalchemy import select

from core.binding import chat_of_citizen
from core.applications import new_pickup_code, submit_application
from core.applications.rules import DELIVERY_LABELS
from core.clock import as_local, chinese_date, local_today
from core.dialogue.apply_form import PURPOSES
from core.eligibility import RELATIONS, RULES, check_eligibility, relation_choices
from core.errors import Conflict, InvalidInput
from core.identity import mask_name
from core.models import Application, Citizen, ServiceCentre
from core.vocabulary import CATEGORIES, LIVELIHOOD_CATEGORIES

from .. import services_of
from . import bp, drafts
from .frame import kiosk_centre
from .slips import code_groups, qr_data_uri, require_own, status_url, visitor_citizen_id
from .visitor import current_visitor, visitor_required

SLIP_KEY = "apply_slip"  # the papers the visitor had not ticked, for the slip of the application just filed


def _services():
    return services_of(current_app)


def _go(step: str):
    return redirect(url_for("public.apply_step", step=step))


PREFILL_SPAN = 20  # years: a wider range (a whole category's 1950–2023) says nothing about the visitor's record


def _hint_years(values) -> list[str] | None:
    """[from, to] to prefill from a search's year or year range, if it names one year or a span ≤ 20 years."""
    def year(name: str) -> str | None:
        value = (values.get(name) or "").strip()
        return value if value.isdigit() and len(value) == 4 else None

    year_from, year_to = year("year_from"), year("year_to")
    year_to = year_to or year_from
    if not year_from or int(year_to) < int(year_from) or int(year_to) - int(year_from) + 1 > PREFILL_SPAN:
        return None
    return [year_from, year_to]


def _preselected(values) -> str | None:
    try:
        return drafts.category(values.get("category")) if values.get("category") else None
    except InvalidInput:
        return None  # an odd link from elsewhere: just start at the category tiles


def _start(values):
    """A new draft (a fresh one-time token) with what a search said, and on to its first open step."""
    with _services().sessions() as s:
        token = new_pickup_code(s)
    draft = drafts.start(token, category=_preselected(values), hint_years=_hint_years(values))
    return _go(drafts.first_missing(draft) if draft.get("category") else "category")


@bp.get("/apply")
@visitor_required
def apply_start():
    """Begin (or resume) an application; ?category=…&year_from=…&year_to=… preselect from a search. A search's
    link never silently replaces a draft in progress: the visitor chooses to continue it or start anew."""
    draft = drafts.load()
    if draft is None:
        return _start(request.args)
    if not request.args.get("category"):
        return _go(drafts.first_missing(draft) if draft.get("category") else "category")
    if not drafts.answered(draft):
        return _start(request.args)
    return render_template("kiosk/apply_resume.html", draft=draft, titles=drafts.TITLES,
                           resume=drafts.first_missing(draft), new_category=_preselected(request.args),
                           args=request.args)


@bp.post("/apply/restart")
@visitor_required
def apply_restart():
    """重新申请: drop the draft in progress and start one with what the search said."""
    drafts.clear()
    return _start(request.form)


@bp.post("/apply/cancel")
def apply_cancel():
    """取消: forget the draft and go home."""
    drafts.clear()
    flash("已取消申请，您刚才填写的内容已清除。")
    return redirect(url_for("public.home"))


@bp.route("/apply/<any(category, relation, subject, papers, purpose, delivery, confirm):step>",
          methods=["GET", "POST"])
@visitor_required
def apply_step(step: str):
    """One step of the form: show it (with what was entered), or check and store its answer."""
    draft = drafts.load()
    if draft is None:
        if step == "confirm" and request.method == "POST":
            return _already_filed()
        return redirect(url_for("public.apply_start"))
    if not drafts.reachable(draft, step):
        return _go(drafts.first_missing(draft))
    if request.method == "POST":
        if step == "confirm":
            return _submit(draft)
        try:
            drafts.update(draft, **_answer(step, draft))
        except InvalidInput as e:
            return _render(step, draft, error=e.message, form=request.form), 400
        return _go(drafts.first_missing(draft))
    return _render(step, draft)


def _answer(step: str, draft: dict) -> dict:
    """The draft fields one posted step sets (InvalidInput with a Chinese message when they are wrong)."""
    form = request.form
    if step == "category":
        return {"category": drafts.category(form.get("category", ""))}
    if step == "relation":
        return {"relation": drafts.relation(draft, form.get("relation", ""))}
    if step == "subject":
        this_year = local_today(_services().settings.timezone).year
        names = drafts.names(form.getlist("name"), self_applicant=draft["relation"] == "self")
        place = drafts.place(form.get("place", ""))
        year_from, year_to = drafts.years(form.get("year_from", ""), form.get("year_to", ""), this_year)
        return {"names": names, "place": place, "year_from": year_from, "year_to": year_to}
    if step == "papers":
        papers = _papers(draft)
        ticked = {int(i) for i in form.getlist("have") if i.isdigit() and int(i) < len(papers)}
        return {"papers": sorted(ticked)}
    if step == "purpose":
        return {"purpose": drafts.purpose(form.get("purpose", ""), form.get("purpose_other", ""), PURPOSES)}
    kind = form.get("delivery", "")
    if kind not in DELIVERY_LABELS or (kind == "pickup" and kiosk_centre() is None):
        raise InvalidInput("请点选取件方式。")
    return {"delivery": kind}


def _papers(draft: dict) -> tuple[str, ...]:
    return check_eligibility(draft["category"], draft["relation"]).papers


def _bound(citizen_id: int) -> bool:
    with _services().sessions() as s:
        return chat_of_citizen(s, citizen_id) is not None


def _render(step: str, draft: dict, *, error: str | None = None, form=None):
    """The step's page with the draft's answers, or (after bad input) exactly what was just typed."""
    ctx = dict(step=step, steps=drafts.STEPS, titles=drafts.TITLES, draft=draft, error=error, form=form,
               previous=drafts.previous(step), category=draft.get("category"))
    if step == "category":
        ctx.update(categories=CATEGORIES, livelihood=LIVELIHOOD_CATEGORIES)
    elif step == "relation":
        ctx.update(relations=[{**r, "rule": RULES[(draft["category"], r["key"])]} for r in relation_choices()])
    elif step == "subject":
        ctx.update(name_fields=drafts.NAME_FIELDS, self_applicant=draft["relation"] == "self",
                   hint_years=draft.get("hint_years") or [None, None])
    elif step == "papers":
        ctx.update(papers=_papers(draft), relation_label=RELATIONS[draft["relation"]])
    elif step == "purpose":
        ctx.update(purposes=PURPOSES, other=drafts.OTHER)
    elif step == "delivery":
        ctx.update(centre=kiosk_centre(), bound=_bound(visitor_citizen_id()),
                   bind_url=url_for("public.bind") if "public.bind" in current_app.view_functions else None)
    else:
        ctx.update(summary=_summary(draft), token=draft["token"])
    return render_template(f"kiosk/apply_{step}.html", **ctx)


def _subjects(draft: dict) -> list[str]:
    """The names to file; for 本人 the applicant's registered name comes first (read from core, not the session)."""
    names = list(draft.get("names") or [])
    if draft["relation"] == "self":
        with _services().sessions() as s:
            own = s.get(Citizen, visitor_citizen_id()).name
        names = [own] + [n for n in names if n != own]
    return names


def _summary(draft: dict) -> list[tuple[str, str, str]]:
    """(label, value, step to change it) for the confirm screen."""
    names = "、".join(([f"本人（{current_visitor().name_masked}）"] if draft["relation"] == "self" else [])
                     + list(draft.get("names") or []))
    years = str(draft["year_from"]) + (f"–{draft['year_to']}" if draft["year_to"] != draft["year_from"] else "")
    papers = _papers(draft)
    missing = [p for i, p in enumerate(papers) if i not in draft["papers"]]
    centre = kiosk_centre()
    where = (f"到{centre[1]}领取" if draft["delivery"] == "pickup" and centre else DELIVERY_LABELS[draft["delivery"]])
    return [("档案类别", draft["category"], "category"), ("与当事人的关系", RELATIONS[draft["relation"]], "relation"),
            ("当事人", names, "subject"), ("年份", f"{years}年", "subject"),
            ("地点", draft.get("place") or "未填写", "subject"),
            ("证明材料", "已备齐" if not missing else "尚缺：" + "；".join(missing), "papers"),
            ("查档用途", draft["purpose"], "purpose"), ("取件方式", where, "delivery")]


def _submit(draft: dict):
    """File the draft once: the token posted must be the draft's; a second post of it shows the same slip."""
    if request.form.get("token") != draft["token"]:
        return _go("confirm")  # a confirm page from before the last change: show the current one
    centre = kiosk_centre()
    delivery = {"type": draft["delivery"], "centre_id": centre[0] if centre else None}
    try:
        application = submit_application(
            _services(), channel="kiosk", citizen_id=visitor_citizen_id(), relation=draft["relation"],
            subject_names=_subjects(draft), category=draft["category"], year_from=draft["year_from"],
            year_to=draft["year_to"], place=draft.get("place"), purpose=draft["purpose"], delivery=delivery,
            pickup_code=draft["token"])
    except Conflict as e:
        if e.code != "already_submitted":
            raise
        return _already_filed()
    except InvalidInput as e:
        return _render("confirm", draft, error=e.message), 400
    papers = _papers(draft)
    session[SLIP_KEY] = {"id": application.id, "missing": [p for i, p in enumerate(papers) if i not in draft["papers"]]}
    drafts.clear()
    return redirect(url_for("public.apply_slip", application_id=application.id))


def _already_filed():
    """The twin of a submit that already went through: show that application's slip, file nothing."""
    token = request.form.get("token", "")
    with _services().sessions() as s:
        filed = s.scalar(select(Application).where(Application.pickup_code == token)) if token else None
        if filed is not None and filed.citizen_id == visitor_citizen_id():
            drafts.clear()
            return redirect(url_for("public.apply_slip", application_id=filed.id))
    if filed is not None:  # the reserved code was taken by someone else meanwhile (≈ never): start a new one
        drafts.clear()
        flash("请重新填写申请。", "error")
    return redirect(url_for("public.apply_start"))


@bp.get("/apply/slip/<int:application_id>")
@visitor_required
def apply_slip(application_id: int):
    """The printable slip of the visitor's own application: pickup code, due date, papers, centre and QR."""
    services = _services()
    with services.sessions() as s:
        application = require_own(s.get(Application, application_id), "申请")
        centre = s.get(ServiceCentre, application.centre_id) if application.centre_id else None
        url = status_url(application.pickup_code)
        rule = check_eligibility(application.category, application.relation)
        slip = session.get(SLIP_KEY) or {}
        missing = set(slip.get("missing") or []) if slip.get("id") == application.id else set()
        submitted = as_local(application.submitted_at, services.settings.timezone).date()
        return render_template(
            "kiosk/apply_slip.html", application=application, groups=code_groups(application.pickup_code),
            due=chinese_date(application.due_date), submitted=chinese_date(submitted),
            subjects="、".join(mask_name(n) for n in application.subject_names), relation=rule.relation_label,
            papers=[(p, p in missing) for p in rule.papers], centre=centre, url=url, qr=qr_data_uri(url),
            delivery=DELIVERY_LABELS[application.delivery], bound=_bound(application.citizen_id))
