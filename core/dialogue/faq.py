"""The FAQ knowledge base: procedures, papers, fees, time limits (data/faq.json), answered through a small
in-memory Whoosh index of its questions (jieba words + character bigrams, as the catalogue index analyses text).

A deployment changes answers or facts without touching code: `<data dir>/faq.json` has the same shape
({"facts": {...}, "entries": [...]}); its facts override ours (fees!), its entries replace ours by id or add new ones.
"""
from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Or, Term

from ..applications.rules import DEFAULT_DUE_WORKING_DAYS
from ..appointments.slots import BOOKING_DAYS
from ..search.analysis import BigramTokenizer, WordTokenizer, bigrams, words

DATA = Path(__file__).with_name("data") / "faq.json"
#: Filler that says nothing about which question is asked.
_FILLER = re.compile(r"请问|一下|我想|我要|你好|您好|麻烦|你们|我们|的|了|吗|呢|吧|啊|呀|哦|嘛")
KEYWORD_BONUS = 0.3  # added to the coverage when one of the entry's keywords is in the message
RELATION_BONUS = 0.2  # an entry about the asker's relation (父母 …) fits better; one about another relation worse
_lock = threading.Lock()
_cache: dict[str, tuple[float, "FaqIndex"]] = {}


@dataclass(frozen=True)
class Entry:
    id: str
    questions: tuple[str, ...]
    answer: str
    answer_en: str | None = None
    category: str | None = None
    relation: str | None = None
    keywords: tuple[str, ...] = ()  # words that decide for this entry (几天 → how long it takes)


def _load(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_entries(override: Path | None = None) -> list[Entry]:
    """Our entries with the deployment's facts and entries applied, answers filled in."""
    data = _load(DATA)
    facts = {"due_days": str(DEFAULT_DUE_WORKING_DAYS), "booking_days": str(BOOKING_DAYS), **data["facts"]}
    entries = {e["id"]: e for e in data["entries"]}
    if override is not None and override.exists():
        local = _load(override)
        facts.update({k: str(v) for k, v in (local.get("facts") or {}).items()})
        for e in local.get("entries") or []:
            entries[e["id"]] = {**entries.get(e["id"], {}), **e}
    out = []
    for e in entries.values():
        fill = (lambda s: s.format(**facts) if s else s)
        out.append(Entry(e["id"], tuple(e["questions"]), fill(e["answer"]), fill(e.get("answer_en")),
                         e.get("category"), e.get("relation"), tuple(e.get("keywords") or ())))
    return out


class _Memory(RamStorage):
    """RamStorage whose writer keeps its temporary files in memory too (Whoosh's default is <tmp>/MAIN.tmp,
    a folder every process shares: one writer finishing removes another's files)."""

    def temp_storage(self, name=None):
        return RamStorage()


class FaqIndex:
    """Whoosh over the questions; `best(text)` → (entry, coverage 0..1) or None."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.id: e for e in entries}
        schema = Schema(id=ID(stored=True), q=TEXT(analyzer=WordTokenizer()), q_bi=TEXT(analyzer=BigramTokenizer()))
        self._index = _Memory().create_index(schema)
        writer = self._index.writer()
        self._bigrams: dict[str, set[str]] = {}
        for e in entries:
            text = "\n".join(e.questions + e.keywords)
            writer.add_document(id=e.id, q=text, q_bi=text)
            self._bigrams[e.id] = set(bigrams(text))
        writer.commit()
        self._searcher = self._index.searcher()
        self._lock = threading.Lock()

    def best(self, text: str, relation: str | None = None) -> tuple[Entry, float] | None:
        """The entry whose questions cover most of the message's bigrams (a keyword adds KEYWORD_BONUS), with that
        coverage (≤ 1); among BM25's candidates, one about the asker's relation (a slot) is preferred."""
        content = _FILLER.sub(" ", text)
        grams = set(bigrams(content))
        terms = [Term("q", w) for w in words(content)] + [Term("q_bi", g) for g in grams]
        if not terms:
            return None
        with self._lock:  # a Whoosh searcher is not meant for concurrent use
            ids = [hit["id"] for hit in self._searcher.search(Or(terms), limit=5)]
        best = None
        for i in ids:
            entry = self.entries[i]
            coverage = len(grams & self._bigrams[i]) / len(grams) if grams else 0.0
            if any(k in text for k in entry.keywords):
                coverage += KEYWORD_BONUS
            rank = coverage
            if entry.relation and relation:  # picks among entries; the score stays the message's coverage
                rank += RELATION_BONUS if entry.relation == relation else -RELATION_BONUS
            if best is None or rank > best[0]:
                best = (rank, entry, round(min(coverage, 1.0), 3))
        return best[1:] if best else None


def faq_index(data_dir: Path | None) -> FaqIndex:
    """The process's FAQ index for a data directory (rebuilt when its faq.json changes)."""
    override = data_dir / "faq.json" if data_dir else None
    key = str(override)
    stamp = override.stat().st_mtime if override is not None and override.exists() else 0.0
    with _lock:
        cached = _cache.get(key)
        if cached is None or cached[0] != stamp:
            cached = (stamp, FaqIndex(load_entries(override)))
            _cache[key] = cached
        return cached[1]
