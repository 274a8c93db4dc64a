"""Build a fresh index from the database on every core: each worker process reads its own slice of records and
writes it as one segment; the parent only lists the segments in the index's table of contents.

Whoosh's own MpWriter pickles every document through the parent and spills postings to disk; here a slice
(SLICE records) is small enough for a worker to sort its postings in memory, which is most of the speed.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator

from sqlalchemy import Engine, select
from sqlalchemy.orm import selectinload, sessionmaker
from whoosh import index as windex
from whoosh.writing import SegmentWriter

from ..models import Record
from .schema import record_document

SLICE = 125_000
WORKER_LIMIT_MB = 1024  # per worker: a slice's postings stay in memory (no on-disk sort runs)


def documents(sessions: sessionmaker, *, id_range: tuple[int, int] | None = None,
              refs: list[str] | None = None) -> Iterator[dict]:
    """Index documents of the records with ids in [lo, hi), or with the given 档号, in id order."""
    with sessions() as s:
        stmt = select(Record).options(selectinload(Record.fonds)).order_by(Record.id)
        if id_range is not None:
            stmt = stmt.where(Record.id >= id_range[0], Record.id < id_range[1])
        if refs is not None:
            stmt = stmt.where(Record.ref.in_(refs))
        for record in s.scalars(stmt.execution_options(yield_per=2000)):
            yield record_document(record)


def slices(sessions: sessionmaker, size: int | None = None) -> list[tuple[int, int]]:
    """Id ranges of about `size` (default SLICE) records each, covering every record."""
    size = size or SLICE
    with sessions() as s:
        ids = list(s.scalars(select(Record.id).order_by(Record.id)))
    return [(ids[i], ids[min(i + size, len(ids)) - 1] + 1) for i in range(0, len(ids), size)]


# The worker's state, inherited through fork.
_worker: dict = {}


def _write_slice(id_range: tuple[int, int]):
    ix = windex.open_dir(_worker["folder"])
    writer = SegmentWriter(ix, _lk=False, limitmb=WORKER_LIMIT_MB)
    count = 0
    for doc in documents(_worker["sessions"], id_range=id_range):
        writer.add_document(**doc)
        count += 1
    return writer._finalize_segment(), count


def _init_worker(engine: Engine) -> None:
    engine.dispose(close=False)  # connections opened before the fork belong to the parent


def build(folder: str, sessions: sessionmaker, engine: Engine, procs: int,
          progress: Callable[[int], None]) -> int:
    """Fill the empty index in `folder` with every record; returns the number of documents."""
    parts = slices(sessions)
    _worker.update(folder=folder, sessions=sessions)
    segments, count = [], 0
    if procs > 1 and len(parts) > 1:
        context = multiprocessing.get_context("fork")
        with context.Pool(procs, initializer=_init_worker, initargs=(engine,)) as pool:
            for segment, n in pool.imap_unordered(_write_slice, parts):
                segments.append(segment)
                count += n
                progress(n)
    else:
        for part in parts:
            segment, n = _write_slice(part)
            segments.append(segment)
            count += n
            progress(n)
    ix = windex.open_dir(folder)
    writer = ix.writer()
    writer._commit_toc(segments)  # list the workers' segments; the parent wrote no documents itself
    writer._close_segment()
    writer._finish()
    return count
