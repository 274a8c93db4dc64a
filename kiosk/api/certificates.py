"""Certificate verification: /api/verify/<token> and /api/keys."""
from __future__ import annotations

from . import bp  # noqa: F401
