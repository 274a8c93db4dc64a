"""Centres, free slots and appointments: /api/centres, /api/centres/<id>/slots, /api/appointments."""
from __future__ import annotations

from . import bp  # noqa: F401
