"""The audit log: append-only, hash-chained lines of who did what (staff actions, workflow transitions).

Each line's `hash` is sha256 over a canonical JSON of the line (id, at, actor, action, entity, entity_id, data)
and the previous line's hash; the first line chains to 64 zeros. Ids are assigned here, in chain order, with no
gaps, so a deleted middle line shows as a gap and a changed line as a hash that no longer matches.

Deleting lines from the end leaves a shorter chain that is still consistent; to catch that, the chain head
("<id>:<hash>" of the last line) is kept in `deployment_setting` under `audit_head`, written in the same
transaction as every append. `verify` compares the log with it.

What this does not stop: someone with write access to the database who recomputes every hash and the head (the
hashes are not keyed). `audit verify` prints the head hash; writing it down elsewhere now and then (the backup
log, a paper register) turns any later rewrite of the past into a visible mismatch.

Appends are serialised across processes: on PostgreSQL by a transaction-level advisory lock, on SQLite by the
write lock that the head row's upsert takes before the head is read (SQLite has one writer at a time).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from .clock import as_utc
from .errors import InvalidInput
from .identity import redact_id_numbers
from .models import AuditEntry, DeploymentSetting

GENESIS = "0" * 64
HEAD_SETTING = "audit_head"
_LOCK_KEY = 0x4C414E544149  # "LANTAI": the pg_advisory_xact_lock key of the audit chain
_settings = DeploymentSetting.__table__


@dataclass(frozen=True)
class AuditReport:
    """The result of checking the whole chain: ok, how many lines, and the first problem found."""

    ok: bool
    lines: int
    head: str | None = None  # hash of the last line
    broken_id: int | None = None
    reason: str | None = None

    def __str__(self) -> str:
        if self.ok:
            head = f"，链头 {self.head[:16]}…" if self.head else ""
            return f"OK 审计日志 {self.lines} 行，哈希链完整{head}"
        where = f"第 {self.broken_id} 行：" if self.broken_id is not None else ""
        return f"审计日志有问题（已检查 {self.lines} 行）：{where}{self.reason}"


_utc = as_utc  # SQLite hands back naive UTC; PostgreSQL aware values in the session's zone


def line_hash(*, id: int, at: datetime, actor: str, action: str, entity: str, entity_id: str, data: dict,
              prev_hash: str) -> str:
    """The sha256 (hex) of one line in canonical JSON form."""
    line = {"id": id, "at": _utc(at).strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "actor": actor, "action": action,
            "entity": entity, "entity_id": entity_id, "data": data, "prev_hash": prev_hash}
    canonical = json.dumps(line, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _entry_hash(e: AuditEntry) -> str:
    return line_hash(id=e.id, at=e.at, actor=e.actor, action=e.action, entity=e.entity, entity_id=e.entity_id,
                     data=e.data, prev_hash=e.prev_hash)


def lock_chain(session: Session) -> None:
    """Take the chain's write lock until the transaction ends (re-entrant; `append` takes it itself).

    A transaction that will append after locking rows should call this first: taking the chain's lock before
    any row lock, in every transaction, is what keeps two of them from deadlocking on PostgreSQL.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_LOCK_KEY)))
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    # a write statement: on SQLite this is what takes the database's write lock
    session.execute(insert(_settings).values(name=HEAD_SETTING, value=f"0:{GENESIS}")
                    .on_conflict_do_nothing(index_elements=["name"]))


def _lock_and_read_head(session: Session) -> tuple[int, str]:
    """Take the chain's write lock, then read the head: reading first could fork the chain."""
    lock_chain(session)
    value = session.execute(select(_settings.c.value).where(_settings.c.name == HEAD_SETTING)).scalar_one()
    last_id, last_hash = value.split(":", 1)
    return int(last_id), last_hash


def _redacted(value):
    if isinstance(value, str):
        return redact_id_numbers(value)
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def written_reason(text: str | None, *, missing: str, too_long: str, limit: int = 200) -> str:
    """A reason a staff member gave (kept for ever in this chain, often shown to citizens): trimmed, ID numbers
    masked, required (`missing` otherwise) and at most `limit` characters (`too_long` otherwise)."""
    reason = redact_id_numbers((text or "").strip())
    if not reason:
        raise InvalidInput(missing)
    if len(reason) > limit:
        raise InvalidInput(too_long)
    return reason


def append(session: Session, *, actor: str, action: str, entity: str, entity_id: str | int,
           data: dict | None = None) -> AuditEntry:
    """Append one line to the chain in the caller's transaction (it commits or rolls back with the change)."""
    if not actor or len(actor) > 80:
        raise InvalidInput("审计记录的操作人不能为空，且不超过80个字符。")
    # what is hashed must be what the database gives back: JSON round trip (tuples → lists, keys → str);
    # and a line is kept for ever, so no full ID number goes in, whoever typed it where
    data = _redacted(json.loads(json.dumps(data or {}, ensure_ascii=False)))
    last_id, prev_hash = _lock_and_read_head(session)
    entry = AuditEntry(id=last_id + 1, at=datetime.now(timezone.utc), actor=actor, action=action, entity=entity,
                       entity_id=str(entity_id), data=data, prev_hash=prev_hash)
    entry.hash = _entry_hash(entry)
    session.add(entry)
    session.flush()
    session.execute(_settings.update().where(_settings.c.name == HEAD_SETTING)
                    .values(value=f"{entry.id}:{entry.hash}"))
    return entry


def history(session: Session, entity: str, entity_id: str | int) -> list[AuditEntry]:
    """The lines about one thing (e.g. one application), oldest first."""
    return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == entity,
                                                         AuditEntry.entity_id == str(entity_id))
                                .order_by(AuditEntry.id)))


def verify(sessions: sessionmaker, *, batch: int = 2000) -> AuditReport:
    """Check every line's hash, the links between lines, that no line is missing, and the recorded head."""
    with sessions() as s:
        # the head is read before the lines: lines appended meanwhile only extend what is checked
        head = s.execute(select(_settings.c.value).where(_settings.c.name == HEAD_SETTING)).scalar_one_or_none()
        head_id, head_hash = (int(head.split(":", 1)[0]), head.split(":", 1)[1]) if head else (None, None)
        count, prev_id, prev_hash = 0, 0, GENESIS
        # plain rows, not ORM objects: the check reads every line (a third of the time per line)
        rows = s.execute(select(*AuditEntry.__table__.c).order_by(AuditEntry.id).execution_options(yield_per=batch))
        for e in rows:
            if e.id != prev_id + 1:
                missing = f"第 {prev_id + 1} 行" if e.id == prev_id + 2 else f"第 {prev_id + 1}–{e.id - 1} 行"
                return AuditReport(False, count, broken_id=e.id, reason=f"前面缺少{missing}（被删除）。")
            if e.prev_hash != prev_hash:
                return AuditReport(False, count, broken_id=e.id, reason="记录的上一行哈希与上一行不符（上一行被改动或替换）。")
            if _entry_hash(e) != e.hash:
                return AuditReport(False, count, broken_id=e.id, reason="内容与哈希不符（这一行被改动过）。")
            if e.id == head_id and e.hash != head_hash:
                return AuditReport(False, count, broken_id=e.id, reason="与记录的链头哈希不符（末尾被替换过）。")
            count, prev_id, prev_hash = count + 1, e.id, e.hash
    if head_id is None and count:
        return AuditReport(False, count, reason=f"缺少链头记录（deployment_setting.{HEAD_SETTING}），"
                                                "无法确认末尾没有被删除。")
    if head_id is not None and head_id > prev_id:
        return AuditReport(False, count, broken_id=prev_id + 1,
                           reason=f"末尾被截断：链头记录到第 {head_id} 行，日志只到第 {prev_id} 行。")
    return AuditReport(True, count, head=prev_hash if count else None)
