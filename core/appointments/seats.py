"""Seats of a slot, taken and given back so that no slot ever holds more visitors than its capacity.

A seat is taken by one conditional UPDATE on the slot's `slot_load` row:

    UPDATE slot_load SET booked = booked + 1 WHERE centre_id = ? AND starts_at = ? AND booked < :capacity

and the booking goes on only when it changed one row. On PostgreSQL a concurrent UPDATE of the same row waits for
the row lock and then evaluates the WHERE again against the committed value, so with one seat left exactly one
transaction wins. On SQLite the transaction starts with BEGIN IMMEDIATE: it holds the database's write lock before
it reads anything it decides on (a deferred transaction that read first would fail with SQLITE_BUSY_SNAPSHOT when
it tries to write under WAL, instead of waiting its turn).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..models import SlotLoad
from .slots import to_utc

_load = SlotLoad.__table__


@contextmanager
def write_transaction(services) -> Iterator[Session]:
    """A session in a transaction that, on SQLite, holds the write lock from its first statement."""
    with services.sessions.begin() as session:
        if services.engine.dialect.name == "sqlite":
            session.connection().exec_driver_sql("BEGIN IMMEDIATE")
        yield session


def _ensure_row(session: Session, centre_id: int, starts_at: datetime) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(_load).values(centre_id=centre_id, starts_at=starts_at, booked=0)
                    .on_conflict_do_nothing(index_elements=["centre_id", "starts_at"]))


def take_seat(session: Session, centre_id: int, starts_at: datetime, capacity: int) -> bool:
    """Take one seat of the slot if one is left; False when it is full."""
    at = to_utc(starts_at)
    _ensure_row(session, centre_id, at)
    result = session.execute(update(_load)
                             .where(_load.c.centre_id == centre_id, _load.c.starts_at == at, _load.c.booked < capacity)
                             .values(booked=_load.c.booked + 1))
    return result.rowcount == 1


def free_seat(session: Session, centre_id: int, starts_at: datetime) -> None:
    """Give one seat of the slot back."""
    at = to_utc(starts_at)
    session.execute(update(_load).where(_load.c.centre_id == centre_id, _load.c.starts_at == at, _load.c.booked > 0)
                    .values(booked=_load.c.booked - 1))
