"""GET /api/search: the catalogue as the public sees it."""
from __future__ import annotations

from flask import current_app, request

from core.errors import InvalidInput

from .. import services_of
from . import bp


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidInput(f"参数 {name} 应为整数") from None
    if not low <= value <= high:
        raise InvalidInput(f"参数 {name} 应在 {low} 到 {high} 之间")
    return value


@bp.get("/search")
def search():
    """Search the catalogue as the public: open records in full, restricted ones only as counts."""
    limit = _int_arg("limit", 10, 1, 100)
    return services_of(current_app).search.search(request.args.get("q", ""), audience="public", limit=limit)
