"""What the rules need to know about this archive, cached per process: the index's names and places, the service
centres, the FAQ index."""
from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass

from sqlalchemy import select

from ..clock import local_today
from ..models import ServiceCentre
from ..search.service import IndexLexicon
from .faq import FaqIndex, faq_index

CENTRES_TTL = 60.0  # seconds: staff rarely add a centre; a minute's delay is fine
_lock = threading.Lock()
_lexicons: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_centres: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


class DialogueLexicon:
    """The index's lexicon, with the service centres' townships counted as places."""

    def __init__(self, inner, townships: frozenset[str]):
        self._inner = inner
        self._places = inner.places() | townships

    def is_person(self, name: str) -> bool:
        return self._inner.is_person(name)

    def places(self) -> frozenset[str]:
        return self._places

    def is_title_word(self, word: str) -> bool:
        return self._inner.is_title_word(word)


@dataclass
class Context:
    lexicon: DialogueLexicon
    centres: list[dict]
    faq: FaqIndex
    today: object  # datetime.date in the archive's time zone


def centres_of(services) -> list[dict]:
    """Centres as {id, code, name, township} (cached for a minute)."""
    now = time.monotonic()
    cached = _centres.get(services.sessions)  # Services is an unhashable dataclass
    if cached is None or now - cached[0] > CENTRES_TTL:
        with services.sessions() as s:
            rows = s.execute(select(ServiceCentre.id, ServiceCentre.code, ServiceCentre.name, ServiceCentre.township)
                             .order_by(ServiceCentre.code)).all()
        cached = (now, [{"id": r.id, "code": r.code, "name": r.name, "township": r.township} for r in rows])
        _centres[services.sessions] = cached
    return cached[1]


def forget_centres(services) -> None:
    """Drop the cached centres (tests and admin commands that add one)."""
    _centres.pop(services.sessions, None)


def context(services) -> Context:
    """The rules' view of this archive now."""
    centres = centres_of(services)
    searcher = services.search.store.searcher()
    townships = frozenset(c["township"] for c in centres)
    with _lock:
        cached = _lexicons.get(services.search)
        if cached is None or cached[0] is not searcher or cached[1] != townships:
            cached = (searcher, townships, DialogueLexicon(IndexLexicon(searcher, services.search.reading), townships))
            _lexicons[services.search] = cached
    return Context(cached[2], centres, faq_index(services.settings.data_dir),
                   local_today(services.settings.timezone))
