"""Notifications outbox: messages for applicants, written in the transaction of the change they announce.

Writing side: `enqueue(session, event_key=…, …)` inside the change's transaction. If the change rolls back, so
does the message; `event_key` is unique ("one message per event, ever"), so announcing the same event twice
stores one row.

Delivering side (the bot process), in a loop:

    for msg in claim(sessions, limit=20, lease_seconds=120):
        try:
            send(msg.chat_id, msg.text)               # one Telegram call
        except Exception as e:
            mark_failed(sessions, msg.id, msg.claim_token, str(e))
        else:
            mark_sent(sessions, msg.id, msg.claim_token)

`claim` hands each due row to one claimant for `lease_seconds` (FOR UPDATE SKIP LOCKED on PostgreSQL, the
single writer on SQLite, and a conditional UPDATE on both), so two bot processes never send the same row at
the same time. A claimant that dies leaves its rows leased; after the lease they are handed out again, so
nothing is lost. A failed send is retried with exponential back-off; after `max_attempts` the row is given up
(`failed_at` set, kept for staff to see).

The remaining at-least-once window, stated honestly: Telegram's sendMessage has no idempotency key. If the
process dies after Telegram accepted a message and before `mark_sent` committed, the row is sent again after the
lease: one duplicate, in that crash only. The bot keeps the window small by marking each message sent right after
its own send (not in batches) and by using a lease well above its request timeout (a slow but alive sender must
never be overtaken); `mark_sent` returns False when another claimant took the row over after the lease ran
out, which the bot logs.

A message without a chat_id goes to the chat bound to its citizen, if any (core.binding). Rows without one (an
applicant who has not bound a Telegram chat) are kept as the record of what was announced and are not handed
out; binding a chat later fills in chat_id.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from .binding import chat_of_citizen
from .models import OutboxMessage

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 6 * 3600
_table = OutboxMessage.__table__


@dataclass(frozen=True)
class Delivery:
    """One claimed message: what to send where, and the token that proves the claim."""

    id: int
    claim_token: str
    chat_id: int
    text: str
    kind: str
    payload: dict
    attempts: int
    application_id: int | None = None  # the bot looks up the certificate of an "issued" message by it


def _now() -> datetime:
    return datetime.now(timezone.utc)


def enqueue(session: Session, *, event_key: str, kind: str, text: str, citizen_id: int | None = None,
            application_id: int | None = None, chat_id: int | None = None,
            payload: dict | None = None) -> OutboxMessage | None:
    """Queue a message in the caller's transaction; None when this event_key was queued before."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.flush()  # the application or citizen row the message points at must exist first
    if chat_id is None and citizen_id is not None:  # a chat bound to the citizen (core.binding) hears it all
        chat_id = chat_of_citizen(session, citizen_id)
    new_id = session.scalar(
        insert(OutboxMessage).values(event_key=event_key, channel="telegram", chat_id=chat_id,
                                     citizen_id=citizen_id, application_id=application_id, kind=kind, text=text,
                                     payload=payload or {}, created_at=_now(), attempts=0)
        .on_conflict_do_nothing(index_elements=["event_key"]).returning(_table.c.id))
    return session.get(OutboxMessage, new_id) if new_id is not None else None


def backoff_seconds(attempts: int) -> int:
    """Seconds to wait before the next try after `attempts` failed ones: 30 s, 1 min, 2 min … at most 6 h."""
    return min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)


def _claimable(now: datetime, max_attempts: int):
    return and_(_table.c.sent_at.is_(None), _table.c.failed_at.is_(None), _table.c.chat_id.is_not(None),
                _table.c.attempts < max_attempts,
                or_(_table.c.next_attempt_at.is_(None), _table.c.next_attempt_at <= now),
                or_(_table.c.claimed_until.is_(None), _table.c.claimed_until < now))


def claim(sessions: sessionmaker, *, limit: int = 20, lease_seconds: int = 120,
          max_attempts: int = MAX_ATTEMPTS) -> list[Delivery]:
    """Hand out up to `limit` due messages, each leased to this caller alone for `lease_seconds`."""
    now, token = _now(), secrets.token_hex(16)
    with sessions.begin() as s:
        # a claimant that died on its last allowed attempt: give the row up rather than keep it forever
        s.execute(update(_table).where(_table.c.sent_at.is_(None), _table.c.failed_at.is_(None),
                                       _table.c.attempts >= max_attempts, _table.c.claimed_until < now)
                  .values(failed_at=now, claimed_until=None, claim_token=None,
                          last_error=func.coalesce(_table.c.last_error, "") + "（租约到期，不再重试）"))
        ids = list(s.scalars(select(_table.c.id).where(_claimable(now, max_attempts)).order_by(_table.c.id)
                             .limit(limit).with_for_update(skip_locked=True)))
        if not ids:
            return []
        # the claimable condition again: without row locks (SQLite) it is what keeps two claimants apart
        s.execute(update(_table).where(_table.c.id.in_(ids), _claimable(now, max_attempts))
                  .values(claim_token=token, claimed_until=now + timedelta(seconds=lease_seconds),
                          attempts=_table.c.attempts + 1))
        rows = s.execute(select(_table).where(_table.c.claim_token == token).order_by(_table.c.id)).all()
    return [Delivery(id=r.id, claim_token=token, chat_id=r.chat_id, text=r.text, kind=r.kind,
                     payload=r.payload or {}, attempts=r.attempts, application_id=r.application_id) for r in rows]


def _held(message_id: int, claim_token: str):
    # a lease that ran out still counts until someone else claims the row (which replaces the token)
    return and_(_table.c.id == message_id, _table.c.claim_token == claim_token, _table.c.sent_at.is_(None))


def mark_sent(sessions: sessionmaker, message_id: int, claim_token: str) -> bool:
    """Record a successful send; False when another claimant has taken the row over (it may be sent twice)."""
    now = _now()
    with sessions.begin() as s:
        done = s.execute(update(_table).where(_held(message_id, claim_token))
                         .values(sent_at=now, claimed_until=None, last_error=None)).rowcount
    return done == 1


def mark_failed(sessions: sessionmaker, message_id: int, claim_token: str, error: str, *,
                max_attempts: int = MAX_ATTEMPTS) -> bool:
    """Record a failed send: retry later with back-off, or give up after `max_attempts`; False if not held."""
    now = _now()
    with sessions.begin() as s:
        attempts = s.scalar(select(_table.c.attempts).where(_held(message_id, claim_token)))
        if attempts is None:
            return False
        values = dict(claimed_until=None, claim_token=None, last_error=(error or "")[:1000])
        if attempts >= max_attempts:
            values["failed_at"] = now
        else:
            values["next_attempt_at"] = now + timedelta(seconds=backoff_seconds(attempts))
        return s.execute(update(_table).where(_held(message_id, claim_token)).values(**values)).rowcount == 1


def pending_count(sessions: sessionmaker) -> int:
    """Messages waiting to be sent (with a chat to send them to)."""
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(_table).where(
            _table.c.sent_at.is_(None), _table.c.failed_at.is_(None), _table.c.chat_id.is_not(None)))
