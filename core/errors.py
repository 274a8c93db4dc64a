"""Lantai's error tree. Every user-facing error carries a Chinese message for the person in front of it.

    LantaiError                 base; `message` is shown to the user, `code` is for programs
    ├── InvalidInput            the user gave bad input (HTTP 400 / CLI exit 2)
    │   └── InvalidIdNumber     an ID number failed GB 11643 validation
    ├── NotFound                (HTTP 404)
    ├── Conflict                the request clashes with the current state (HTTP 409)
    ├── PermissionDenied        (HTTP 403)
    ├── ImportFileError         a catalogue file cannot be read at all (wrong format, no header …)
    └── ConfigError             the deployment is misconfigured (bad PORT, identity key mismatch …)

Anything that is not a LantaiError is a bug: logged, never shown.
"""
from __future__ import annotations


class LantaiError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class InvalidInput(LantaiError):
    code = "invalid_input"


class InvalidIdNumber(InvalidInput):
    code = "invalid_id_number"


class NotFound(LantaiError):
    code = "not_found"
    status = 404


class Conflict(LantaiError):
    code = "conflict"
    status = 409


class PermissionDenied(LantaiError):
    code = "forbidden"
    status = 403


class ImportFileError(LantaiError):
    code = "import_file"


class ConfigError(LantaiError):
    """The deployment is misconfigured (environment, keys); said to the administrator, not to citizens."""

    code = "config"
    status = 500
