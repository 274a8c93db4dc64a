"""Identification at the kiosk: read the ID card (or take the typed name and number), find or register the citizen,
and go on to the page that asked for it.

What was typed is posted, never put in a URL (access logs keep URLs) or a log; once identified, the session keeps
only the citizen's id and masked forms (visitor.py). A failed check re-renders the form with what was typed, so the
visitor corrects one digit instead of starting over.

A number the archive has never seen is registered under the typed name for good (core refuses another name for it
later), and the screen afterwards shows only 「杨**」: so before registering, the visitor checks the full name once
(确认 / 修改). Until then the typed name and number wait in the session encrypted with the vault key.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

from flask import current_app, redirect, render_template, request, session, url_for

from core.citizens import find_citizen, identify_citizen
from core.errors import InvalidInput, NotFound
from core.identity import mask_id_number, mask_name

from .. import services_of
from ..idcard import id_card_reader
from . import bp
from .visitor import Visitor, current_visitor, remember_visitor, wipe_session


def safe_next(target: str | None) -> str:
    """Where to go after identifying: a path on this site, else the home page (no open redirect)."""
    target = (target or "").strip()
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or "\\" in target or parts.scheme or parts.netloc:
        return url_for("public.home")
    return target


def reader():
    """The ID-card reader adapter this kiosk is configured with."""
    return id_card_reader(services_of(current_app).settings.kiosk_id_reader)


@bp.record_once
def _check_reader(state) -> None:
    # an unknown reader name stops the app at start-up, not at the first visitor
    id_card_reader(services_of(state.app).settings.kiosk_id_reader)


def _form(next_url: str, name: str = "", id_number: str = "", error: str | None = None, status: int = 200):
    return render_template("kiosk/identify.html", next_url=next_url, name=name, id_number=id_number, error=error,
                           typed=reader().typed), status


@bp.get("/identify")
def identify():
    """The ID-card screen: the reader's prompt, or the keyboards for name and number."""
    return _form(safe_next(request.args.get("next")))


def _known(services, id_number: str) -> bool:
    with services.sessions() as s:
        try:
            find_citizen(s, services.vault, id_number)
        except NotFound:
            return False
        return True


def _register(services, name: str, id_number: str, next_url: str):
    """Find or register the citizen, start their visit and go on; a refusal re-renders the form."""
    try:
        with services.sessions.begin() as s:
            citizen = identify_citizen(s, services.vault, name=name, id_number=id_number)
            visitor = Visitor(citizen_id=citizen.id, name_masked=mask_name(citizen.name), id_masked=citizen.id_masked)
    except InvalidInput as e:
        return _form(next_url, name, id_number, e.message, 400)
    before = current_visitor()
    if before is not None and before.citizen_id != visitor.citizen_id:
        wipe_session()  # someone else's visit was left open: nothing of it carries over
    session.pop("identify_pending", None)
    remember_visitor(visitor)
    return redirect(next_url)


@bp.post("/identify")
def identify_post():
    """Check the card data; a known citizen goes on to `next`, a new one first checks the typed name."""
    next_url = safe_next(request.form.get("next"))
    name, id_number = request.form.get("name", ""), request.form.get("id_number", "")
    services = services_of(current_app)
    try:
        card = reader().read(request.form)
    except InvalidInput as e:
        return _form(next_url, name, id_number, e.message, 400)
    if not reader().typed or _known(services, card.id_number):
        return _register(services, card.name, card.id_number, next_url)  # a chip's name needs no checking
    session["identify_pending"] = {"sealed": services.vault.encrypt(json.dumps([card.name, card.id_number])),
                                   "next": next_url}
    return render_template("kiosk/identify.html", confirm={"name": card.name,
                                                           "id_masked": mask_id_number(card.id_number)},
                           next_url=next_url)


@bp.post("/identify/confirm")
def identify_confirm():
    """确认: register the new citizen under the checked name; 修改: back to the form with what was typed."""
    pending = session.get("identify_pending")
    if not isinstance(pending, dict):  # the visit was wiped meanwhile: start again
        return redirect(url_for("public.identify"))
    services = services_of(current_app)
    name, id_number = json.loads(services.vault.decrypt(pending["sealed"]))
    next_url = safe_next(pending.get("next"))
    if request.form.get("action") != "confirm":
        session.pop("identify_pending", None)
        return _form(next_url, name, id_number)
    return _register(services, name, id_number, next_url)
