"""Column helpers shared by the models."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from sqlalchemy import DateTime
from sqlalchemy.orm import mapped_column


def utcnow() -> datetime:
    """Now, timezone-aware UTC."""
    return datetime.now(timezone.utc)


Timestamp = Annotated[datetime, mapped_column(DateTime(timezone=True), default=utcnow)]
