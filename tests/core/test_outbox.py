"""The outbox: what an applicant is told is never lost and never sent twice for the same event."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, update

from core import outbox
from core.models import OutboxMessage


def _enqueue(services, key: str, chat_id: int | None = 4242, text: str = "您的查档申请已受理。"):
    with services.sessions.begin() as s:
        return outbox.enqueue(s, event_key=key, kind="application.status", text=text, chat_id=chat_id)


def _row(services, key: str) -> OutboxMessage:
    with services.sessions() as s:
        return s.scalar(select(OutboxMessage).where(OutboxMessage.event_key == key))


def _expire_lease(services, key: str) -> None:
    """What happens when a claimant dies: its lease runs out (set in the past rather than waiting)."""
    past = datetime.now(timezone.utc) - timedelta(seconds=1)
    with services.sessions.begin() as s:
        s.execute(update(OutboxMessage).where(OutboxMessage.event_key == key).values(claimed_until=past))


def _make_due(services, key: str) -> None:
    past = datetime.now(timezone.utc) - timedelta(seconds=1)
    with services.sessions.begin() as s:
        s.execute(update(OutboxMessage).where(OutboxMessage.event_key == key).values(next_attempt_at=past))


def test_a_message_rolls_back_with_the_change_it_announces(services):
    with pytest.raises(RuntimeError):
        with services.sessions.begin() as s:
            outbox.enqueue(s, event_key="app:1:audit:7", kind="application.status", text="已批准", chat_id=1)
            raise RuntimeError("the change failed")
    assert _row(services, "app:1:audit:7") is None
    assert outbox.claim(services.sessions) == []


def test_the_same_event_is_queued_once(services):
    assert _enqueue(services, "e1") is not None
    assert _enqueue(services, "e1", text="再次") is None
    with services.sessions() as s:
        rows = s.scalars(select(OutboxMessage)).all()
    assert [r.text for r in rows] == ["您的查档申请已受理。"]


def test_claim_send_and_nothing_left(services):
    _enqueue(services, "e1")
    [d] = outbox.claim(services.sessions, limit=10, lease_seconds=60)
    assert (d.chat_id, d.text, d.attempts) == (4242, "您的查档申请已受理。", 1)
    assert outbox.claim(services.sessions) == []  # leased: nobody else gets it meanwhile
    assert outbox.mark_sent(services.sessions, d.id, d.claim_token)
    _expire_lease(services, "e1")
    assert outbox.claim(services.sessions) == []  # sent: never handed out again
    assert _row(services, "e1").sent_at is not None


def test_messages_without_a_chat_are_kept_but_not_handed_out(services):
    _enqueue(services, "kiosk-only", chat_id=None)
    assert outbox.claim(services.sessions) == []
    assert _row(services, "kiosk-only") is not None


def test_a_claimant_that_dies_loses_nothing_the_row_comes_back_after_its_lease(services):
    _enqueue(services, "e1")
    [first] = outbox.claim(services.sessions, lease_seconds=60)
    # the process dies here; nothing is handed out while the lease runs
    assert outbox.claim(services.sessions) == []
    _expire_lease(services, "e1")
    [second] = outbox.claim(services.sessions)
    assert second.id == first.id and second.claim_token != first.claim_token and second.attempts == 2
    # the dead claimant's token no longer counts: it cannot mark the row, the new claimant can
    assert not outbox.mark_sent(services.sessions, first.id, first.claim_token)
    assert outbox.mark_sent(services.sessions, second.id, second.claim_token)


def test_a_slow_claimant_whose_lease_ran_out_can_still_mark_sent_when_nobody_took_over(services):
    _enqueue(services, "e1")
    [d] = outbox.claim(services.sessions)
    _expire_lease(services, "e1")
    assert outbox.mark_sent(services.sessions, d.id, d.claim_token)
    assert outbox.claim(services.sessions) == []


def test_failures_back_off_exponentially_then_give_up(services):
    _enqueue(services, "e1")
    waits = []
    for attempt in range(1, 4):
        [d] = outbox.claim(services.sessions)
        assert d.attempts == attempt
        before = datetime.now(timezone.utc)
        assert outbox.mark_failed(services.sessions, d.id, d.claim_token, "Telegram 502", max_attempts=3)
        row = _row(services, "e1")
        if attempt < 3:
            assert outbox.claim(services.sessions) == []  # not due yet
            nxt = row.next_attempt_at.replace(tzinfo=row.next_attempt_at.tzinfo or timezone.utc)
            waits.append(round((nxt - before).total_seconds()))
            _make_due(services, "e1")
    assert waits == [outbox.backoff_seconds(1), outbox.backoff_seconds(2)] == [30, 60]
    row = _row(services, "e1")
    assert row.failed_at is not None and row.sent_at is None and row.last_error == "Telegram 502"
    _make_due(services, "e1")
    assert outbox.claim(services.sessions) == []
    assert outbox.backoff_seconds(30) == outbox.BACKOFF_MAX_SECONDS


def test_a_row_whose_last_allowed_attempt_died_is_given_up(services):
    _enqueue(services, "e1")
    outbox.claim(services.sessions, max_attempts=1)
    _expire_lease(services, "e1")
    assert outbox.claim(services.sessions, max_attempts=1) == []
    row = _row(services, "e1")
    assert row.failed_at is not None and "租约到期" in row.last_error


def test_concurrent_claimants_never_get_the_same_message(services):
    for i in range(60):
        _enqueue(services, f"e{i}", chat_id=1000 + i)
    got: list[int] = []
    refused: list[int] = []
    lock = threading.Lock()

    def worker():
        while batch := outbox.claim(services.sessions, limit=7, lease_seconds=300):
            with lock:
                got.extend(d.id for d in batch)
                refused.extend(d.id for d in batch if not outbox.mark_sent(services.sessions, d.id, d.claim_token))

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 60 and len(set(got)) == 60 and refused == []
    assert outbox.pending_count(services.sessions) == 0
