"""Certificate verification: GET /api/verify/<token> and GET /api/keys.

Every verdict is an answer, not an error: /api/verify answers 200 with "status" valid, revoked or invalid (and
"reason" saying which kind of invalid), so a scanner app reads one shape whatever it scanned.
"""
from __future__ import annotations

from flask import current_app

from core.certificates import keyring, verify_online

from .. import services_of
from . import bp


@bp.get("/verify/<path:token>")
def verify(token: str):
    """The verdict on a certificate token: status, kind, number, issue date, archive, masked subject, 档号."""
    _, body = verify_online(services_of(current_app), token.rstrip("/").rsplit("/", 1)[-1])
    return body


@bp.get("/keys")
def keys():
    """The archive's public signing keys by key id, for offline verification (`cert verify --keys`)."""
    return keyring(services_of(current_app).settings).published()
