"""The catalogue index on disk: one writer at a time, any number of readers, rebuilt when missing or corrupt.

Layout in `<data dir>/index/`: one folder per build (`gen-<n>`) and a `CURRENT` file naming the live one, so a
rebuild never disturbs readers: they switch to the new folder at their next search. Edits reach the live folder
through the search queue (`search_queue` table, written in the same transaction as the change).
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import sessionmaker
from tqdm import tqdm
from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher

from ..models import Fonds, Record, SearchQueue, ServiceCentre
from .build import build, documents
from .schema import SCHEMA_VERSION, fold_ref, make_schema
from .text import configure, tokenizer

log = logging.getLogger("lantai.search")
REFRESH_SECONDS = 1.0


class IndexStore:
    def __init__(self, root: Path, sessions: sessionmaker, *, cache_dir: Path):
        self.root = root
        self.sessions = sessions
        self.cache_dir = cache_dir
        self._dictionary_loaded = False
        self._searcher: Searcher | None = None
        self._generation: str | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    # ---- reading
    def _current(self) -> str | None:
        try:
            return (self.root / "CURRENT").read_text().strip() or None
        except FileNotFoundError:
            return None

    def _open(self, generation: str) -> Searcher:
        self.load_dictionary()
        version = self._schema_version(generation)
        if version != SCHEMA_VERSION:
            raise RuntimeError(f"built with schema version {version}, this version needs {SCHEMA_VERSION}")
        # no mmap: mapped index pages would count as this worker's memory (1.7 GB at a million records, not 145 MB)
        return FileStorage(str(self.root / generation), supports_mmap=False).open_index().searcher()

    def load_dictionary(self, *, force: bool = False) -> None:
        """Teach jieba this archive's words: places of its records and centres, fonds names (once per process)."""
        if self._dictionary_loaded and not force:
            return
        with self.sessions() as s:
            words = set(s.scalars(select(Record.place).distinct()))
            words |= set(s.scalars(select(ServiceCentre.township)))
            words |= set(s.scalars(select(Fonds.name)))
        configure(self.cache_dir, {w for w in words if w})
        self._dictionary_loaded = True

    def searcher(self) -> Searcher:
        """A searcher on the live index, refreshed at most once a second; builds the index if missing or corrupt."""
        now = time.monotonic()
        with self._lock:
            if self._searcher is not None and now - self._checked < REFRESH_SECONDS:
                return self._searcher
            self._checked = now
            generation = self._current()
            try:
                if generation is None:
                    raise FileNotFoundError("no CURRENT")
                if generation != self._generation or self._searcher is None:
                    old, self._searcher = self._searcher, self._open(generation)
                    self._generation = generation
                    if old is not None:
                        old.close()
                elif not self._searcher.up_to_date():
                    # a fresh searcher, not refresh(): refresh() reuses segment readers that miss new deletions
                    old, self._searcher = self._searcher, self._open(generation)
                    old.close()
            except Exception as e:  # a missing or damaged index must not take search down
                log.warning("search index at %s is missing or unreadable (%s): rebuilding it", self.root, e)
                self.rebuild(progress=False, replacing=generation)
                self._searcher, self._generation = self._open(self._current()), self._current()
            return self._searcher

    def exists(self) -> bool:
        """True when a live index of this schema version exists."""
        generation = self._current()
        if generation is None or not windex.exists_in(str(self.root / generation)):
            return False
        return self._schema_version(generation) == SCHEMA_VERSION

    def _schema_version(self, generation: str) -> str | None:
        version_file = self.root / generation / "LANTAI_SCHEMA"
        return version_file.read_text().strip() if version_file.exists() else None

    # ---- writing
    def rebuild(self, *, progress: bool | None = None, procs: int | None = None,
                replacing: str | None = "") -> int:
        """Index every record into a new folder, then switch CURRENT to it; returns the number of documents.

        `replacing` names the broken generation a reader saw; if another process has replaced it meanwhile,
        nothing is done (two web workers finding the index missing build it once).
        """
        with self._writer():
            if replacing != "" and self._current() != replacing and self.exists():
                return 0
            with self.sessions() as s:
                high_water = s.scalar(select(func.max(SearchQueue.id))) or 0
                total = s.scalar(select(func.count(Record.id))) or 0
            generation = f"gen-{time.time_ns()}"
            folder = self.root / generation
            folder.mkdir()
            self.load_dictionary(force=True)
            tokenizer()  # load jieba before forking, so worker processes share it
            windex.create_in(str(folder), make_schema())
            (folder / "LANTAI_SCHEMA").write_text(SCHEMA_VERSION)
            procs = procs or min(2, os.cpu_count() or 1)
            try:
                with tqdm(total=total, unit="条", desc="建立检索索引", file=sys.stderr, mininterval=0.5,
                          disable=None if progress is None else not progress) as bar:
                    count = build(str(folder), self.sessions, self.sessions.kw["bind"], procs, bar.update)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            self._switch(generation)
            with self.sessions.begin() as s:
                s.execute(delete(SearchQueue).where(SearchQueue.id <= high_water))
            log.info("search index rebuilt: %d records in %s", count, folder)
            return count

    @contextmanager
    def _writer(self):
        """Hold the index's writer lock: rebuild and sync never run at the same time, across processes."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileStorage(str(self.root)).lock("WRITER")
        lock.acquire(blocking=True)
        try:
            yield
        finally:
            lock.release()

    def _switch(self, generation: str) -> None:
        tmp = self.root / "CURRENT.tmp"
        tmp.write_text(generation)
        os.replace(tmp, self.root / "CURRENT")
        for old in self.root.glob("gen-*"):
            if old.name != generation and old.name < generation:
                shutil.rmtree(old, ignore_errors=True)  # open readers keep their files until they close (POSIX)

    def sync(self, *, batch: int = 2000) -> int:
        """Apply queued record changes to the live index; returns how many were applied."""
        if not self.exists():
            return self.rebuild(progress=False, replacing=self._current())
        with self._writer():
            return self._drain(batch)

    def _drain(self, batch: int) -> int:
        applied = 0
        while True:
            with self.sessions() as s:
                rows = s.execute(select(SearchQueue.id, SearchQueue.ref).order_by(SearchQueue.id).limit(batch)).all()
            if not rows:
                return applied
            refs = {ref for _, ref in rows}
            ix = windex.open_dir(str(self.root / self._current()))
            writer = ix.writer(timeout=60)
            try:
                found = set()
                for doc in documents(self.sessions, refs=list(refs)):
                    writer.update_document(**doc)
                    found.add(doc["ref"])
                for ref in refs - found:
                    writer.delete_by_term("ref_key", fold_ref(ref))
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            with self.sessions.begin() as s:
                s.execute(delete(SearchQueue).where(SearchQueue.id.in_([i for i, _ in rows])))
            applied += len(refs)

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

