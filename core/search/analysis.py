"""Whoosh analyzers: jieba words with token positions, CJK character bigrams for partial words and phrases,
and whole person names. Module-level classes, so Whoosh can pickle them into the index and worker processes.

jieba's stock ChineseAnalyzer stores character offsets as positions; here a token's position is its index, so
phrase queries work.
"""
from __future__ import annotations

import re

from whoosh.analysis import Token, Tokenizer

from .text import cut_words, fold, fold_name

_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:[·.\-][a-z0-9]+)*")


def _token(positions, chars, removestops, mode, kwargs) -> Token:
    return Token(positions, chars, removestops=removestops, mode=mode, **kwargs)


class WordTokenizer(Tokenizer):
    """Folded text → jieba words of two or more characters (single characters carry no meaning alone)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = _token(positions, chars, removestops, mode, kwargs)
        pos = start_pos
        for word, start, end in cut_words(fold(value)):
            if len(word) < 2 and not word.isdigit() or not _RUNS.fullmatch(word):
                continue  # single characters, punctuation and spaces
            t.text = t.original = word
            t.boost, t.stopped = 1.0, False
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar, t.endchar = start_char + start, start_char + end
            yield t


class BigramTokenizer(Tokenizer):
    """Folded text → overlapping CJK character bigrams (a lone character stays a unigram); Latin/digit runs whole.

    Any substring of two or more characters is then a phrase of consecutive bigrams: 「学籍档」 finds 学籍档案.
    """

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = _token(positions, chars, removestops, mode, kwargs)
        pos = start_pos
        for run in _RUNS.finditer(fold(value)):
            s, base = run.group(), run.start()
            if s.isascii() or len(s) == 1:
                pieces = [(s, 0)]
            else:
                pieces = [(s[i:i + 2], i) for i in range(len(s) - 1)]
            for text, offset in pieces:
                t.text = t.original = text
                t.boost, t.stopped = 1.0, False
                if positions:
                    t.pos = pos
                    pos += 1
                if chars:
                    t.startchar = start_char + base + offset
                    t.endchar = t.startchar + len(text)
                yield t


class NameTokenizer(Tokenizer):
    """A list of person names, one per line → each folded name as one token."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = _token(positions, chars, removestops, mode, kwargs)
        for i, name in enumerate(n for n in value.split("\n") if n.strip()):
            t.text = t.original = fold_name(name.strip())
            t.boost, t.stopped = 1.0, False
            if positions:
                t.pos = start_pos + i
            yield t


def words(text: str) -> list[str]:
    """The distinct index words of a piece of text, as the title field sees them."""
    return list(dict.fromkeys(t.text for t in WordTokenizer()(text)))


def bigrams(text: str) -> list[str]:
    """The bigram tokens of a piece of text, in order, as the title_bi field sees them."""
    return [t.text for t in BigramTokenizer()(text)]
