"""The search outbox: records changed in a transaction are queued in that same transaction for re-indexing."""
from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ._types import Timestamp


class SearchQueue(Base):
    __tablename__ = "search_queue"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(64))
    enqueued_at: Mapped[Timestamp]
