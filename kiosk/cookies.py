"""The session cookie, encrypted as well as signed: a kiosk visitor's masked name or a half-filled form is not
readable from the cookie jar, and an old cookie stops working after the idle limit (see kiosk/public/visitor.py).
"""
from __future__ import annotations

import base64
import json

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask.sessions import SecureCookieSessionInterface


class _FernetSerializer:
    """What itsdangerous' serializer does for Flask's cookie session, with Fernet (AES + HMAC) instead."""

    def __init__(self, secret_key: str):
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"lantai/session").derive(secret_key.encode())
        self._fernet = Fernet(base64.urlsafe_b64encode(key))

    def dumps(self, data: dict) -> str:
        return self._fernet.encrypt(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()).decode()

    def loads(self, token: str, max_age: int | None = None) -> dict:
        try:
            return json.loads(self._fernet.decrypt(token.encode(), ttl=max_age))
        except (InvalidToken, ValueError) as e:
            from itsdangerous import BadSignature  # Flask's session interface treats BadSignature as "no session"
            raise BadSignature("unreadable session") from e


class EncryptedSessionInterface(SecureCookieSessionInterface):
    """Flask's cookie session (same lifetime rules), its content encrypted with a key derived from SECRET_KEY."""

    def get_signing_serializer(self, app):
        if not app.secret_key:
            return None
        cached = app.extensions.get("lantai.session_serializer")
        if cached is None or cached[0] != app.secret_key:  # derived once per key, not twice per request
            cached = app.extensions["lantai.session_serializer"] = (app.secret_key, _FernetSerializer(app.secret_key))
        return cached[1]
