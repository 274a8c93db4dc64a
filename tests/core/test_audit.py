"""The audit log: a chain nobody can quietly change, shorten or fork."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from core import audit
from core.models import AuditEntry


def _append(services, n: int, actor: str = "staff:wang") -> None:
    for i in range(n):
        with services.sessions.begin() as s:
            audit.append(s, actor=actor, action="application.transition", entity="application", entity_id=i,
                         data={"from": "submitted", "to": "in_review", "note": f"第{i}份，材料齐全"})


@pytest.fixture
def no_update_trigger(services):
    """Drop the append-only trigger for one test (as an attacker with DDL rights would), then restore it."""
    pg = services.engine.dialect.name == "postgresql"
    with services.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER audit_log_no_update" + (" ON audit_log" if pg else "")))
    yield
    with services.engine.begin() as conn:
        if pg:
            conn.execute(text("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                              "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"))
        else:
            conn.execute(text("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                              "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"))


def test_an_untouched_chain_verifies_and_lines_are_numbered_in_order(services):
    assert audit.verify(services.sessions).ok  # an empty log is fine
    _append(services, 5)
    report = audit.verify(services.sessions)
    assert report.ok and report.lines == 5
    assert str(report).startswith("OK") and "5 行" in str(report)
    with services.sessions() as s:
        lines = s.query(AuditEntry).order_by(AuditEntry.id).all()
    assert [e.id for e in lines] == [1, 2, 3, 4, 5]
    assert lines[0].prev_hash == audit.GENESIS and all(b.prev_hash == a.hash for a, b in zip(lines, lines[1:]))
    assert lines[2].data["note"] == "第2份，材料齐全"


def test_the_database_refuses_to_update_a_line(services):
    _append(services, 1)
    with pytest.raises(DBAPIError):
        with services.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET actor = 'staff:li' WHERE id = 1"))
    assert audit.verify(services.sessions).ok


def test_a_changed_line_is_reported(services, no_update_trigger):
    _append(services, 4)
    with services.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'staff:li' WHERE id = 3"))
    report = audit.verify(services.sessions)
    assert not report.ok and report.broken_id == 3 and "改动" in report.reason


def test_a_line_rewritten_with_a_fresh_hash_breaks_the_next_link(services, no_update_trigger):
    _append(services, 4)
    with services.sessions() as s:
        e = s.get(AuditEntry, 2)
        forged = audit.line_hash(id=2, at=e.at, actor="staff:li", action=e.action, entity=e.entity,
                                 entity_id=e.entity_id, data=e.data, prev_hash=e.prev_hash)
    with services.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'staff:li', hash = :h WHERE id = 2"), {"h": forged})
    report = audit.verify(services.sessions)
    assert not report.ok and report.broken_id == 3


def test_a_deleted_middle_line_is_reported(services):
    _append(services, 5)
    with services.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = 3"))
    report = audit.verify(services.sessions)
    assert not report.ok and report.broken_id == 4 and "第 3 行" in report.reason


def test_deleting_the_last_lines_is_reported(services):
    _append(services, 5)
    with services.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id >= 4"))
    report = audit.verify(services.sessions)
    assert not report.ok and "截断" in report.reason and "第 5 行" in report.reason


def test_concurrent_appends_from_threads_do_not_fork_the_chain(services):
    threads = [threading.Thread(target=_append, args=(services, 5, f"staff:t{i}")) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    report = audit.verify(services.sessions)
    assert report.ok, str(report)
    assert report.lines == 40


def test_a_line_rolls_back_with_its_transaction(services):
    _append(services, 2)
    with pytest.raises(RuntimeError):
        with services.sessions.begin() as s:
            audit.append(s, actor="system", action="x", entity="application", entity_id=1, data={})
            raise RuntimeError("the change failed")
    _append(services, 1)
    report = audit.verify(services.sessions)
    assert report.ok and report.lines == 3


def test_history_lists_the_lines_of_one_thing(services):
    _append(services, 3)
    with services.sessions() as s:
        assert [e.entity_id for e in audit.history(s, "application", 1)] == ["1"]
