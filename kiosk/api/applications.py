"""POST /api/applications and GET /api/applications/<pickup_code>."""
from __future__ import annotations

from . import bp  # noqa: F401
