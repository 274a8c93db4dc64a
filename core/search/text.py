"""Text normalisation and jieba set-up shared by indexing and query understanding.

Everything is folded the same way on both sides: NFKC (full-width → half-width), traditional/variant → simplified
(OpenCC t2s), lower-case Latin letters.
"""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import jieba
import opencc

from ..vocabulary import CATEGORIES
from .synonyms import ARCHIVE_TERMS, CATEGORY_SYNONYMS

log = logging.getLogger("lantai.search")
_t2s = opencc.OpenCC("t2s")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None


def fold(text: str) -> str:
    """Normalise text for matching: half-width, simplified characters, lower case."""
    text = unicodedata.normalize("NFKC", text or "")
    if _CJK.search(text):
        text = _t2s.convert(text)
    return text.lower()


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Normalise a person's name: simplified characters, no spaces or dots."""
    return fold(name).replace(" ", "").replace("·", "")


def tokenizer() -> jieba.Tokenizer:
    """The process's jieba tokenizer, with the archive dictionary loaded (created on first use)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _make_tokenizer()
    return _tokenizer


def _make_tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = _cache_dir()
    tk.initialize()
    for word in (*CATEGORIES, *CATEGORY_SYNONYMS, *ARCHIVE_TERMS):
        tk.add_word(word, freq=50000)
    for word in _extra_words:
        tk.add_word(word, freq=20000)
    return tk


_extra_words: set[str] = set()
_cache_path: list[Path] = []


def configure(cache_dir: Path, words: set[str] | frozenset[str] = frozenset()) -> None:
    """Put jieba's cache in the data directory and add words (places, fonds …) to the dictionary."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    _cache_path[:] = [cache_dir]
    new = {w for w in words if w and w not in _extra_words}
    _extra_words.update(new)
    if _tokenizer is not None:
        for word in new:
            _tokenizer.add_word(word, freq=20000)


def _cache_dir() -> str:
    if not _cache_path:
        raise RuntimeError("core.search.text.configure() must run before the tokenizer is used")
    return str(_cache_path[0])


def cut_words(text: str) -> list[tuple[str, int, int]]:
    """jieba's words of folded text with their character spans (parts of words are the bigram field's job)."""
    return list(tokenizer().tokenize(text, HMM=False))
