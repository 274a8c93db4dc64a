"""Query understanding: lift years, category, places, person names, 档号 and quoted phrases out of free text.

    understand("我想查1985年张伟和李娜的结婚登记", lexicon)
    → Understood(years=(1985, 1985), category="婚姻登记", persons=["张伟", "李娜"], keywords=[], …)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from ..surnames import SURNAMES
from .synonyms import CATEGORY_SYNONYMS, GENERIC_WORDS, STOP_PHRASES
from .text import fold, tokenizer

_CN_DIGITS = {"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7",
              "八": "8", "九": "9", "两": "2"}
_QUOTES = re.compile(r"[「“\"『《]([^」”\"』》]+)[」”\"』》]")
_REF = re.compile(r"(?<![a-z0-9])([a-z]\d{2,4}(?:[-·][0-9a-z·-]*)?)", re.I)
_DECADE = re.compile(r"(19|20)?([5-9]0|00|10|20)年代|([五六七八九])十年代|([五六七八九])几年")
_RANGE = re.compile(r"((?:19|20)\d{2}|\d{2})年?\s*(?:到|至|-|~|—|–|－)\s*((?:19|20)\d{2}|\d{2})年?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)年?|(?<!\d)(\d{2})年(?!代)")
_SPLIT = re.compile(r"[\s,，、;；:：.。!！?？()（）\[\]【】]+")


class Lexicon(Protocol):
    """What the index knows: is this a person's name / a place in the catalogue?"""

    def is_person(self, name: str) -> bool: ...
    def places(self) -> frozenset[str]: ...


@dataclass
class Understood:
    query: str
    years: tuple[int, int] | None = None
    category: str | None = None
    category_words: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)  # generic words: rank, but do not require
    ref_prefix: str | None = None
    chunks: list[str] = field(default_factory=list)  # the query's own runs of text, to rank literal matches first
    leftover: str = ""  # text no rule explained (a stray 「档」 of 「学籍档」): it means the words as typed matter

    def filters(self) -> dict:
        """What was understood, for the JSON result."""
        out: dict = {}
        if self.years:
            out["year_from"], out["year_to"] = self.years
        for key in ("category", "ref_prefix"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        for key in ("places", "persons", "phrases", "keywords", "optional"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        return out


def _full_year(two: str) -> int:
    n = int(two)
    return 1900 + n if n >= 30 else 2000 + n


def _year(s: str) -> int:
    return int(s) if len(s) == 4 else _full_year(s)


def _cn_numerals(text: str) -> str:
    """一九八五年 → 1985年, 八五年 → 85年; leaves 八十年代 for the decade rule."""
    def digits(m: re.Match) -> str:
        return "".join(_CN_DIGITS[c] for c in m.group(1)) + m.group(2)
    return re.sub(r"([〇零一二三四五六七八九]{2,4})(年|到|至)", digits, text)


def _take_years(text: str) -> tuple[str, tuple[int, int] | None]:
    text = _cn_numerals(text)
    if m := _RANGE.search(text):
        a, b = sorted((_year(m.group(1)), _year(m.group(2))))
        return text[:m.start()] + " " + text[m.end():], (a, b)
    if m := _DECADE.search(text):
        if m.group(2):
            start = int((m.group(1) or ("19" if m.group(2) >= "50" else "20")) + m.group(2))
        else:
            start = 1900 + int(_CN_DIGITS[m.group(3) or m.group(4)]) * 10
        return text[:m.start()] + " " + text[m.end():], (start, start + 9)
    if m := _YEAR.search(text):
        y = int(m.group(1)) if m.group(1) else _full_year(m.group(2))
        return text[:m.start()] + " " + text[m.end():], (y, y)
    return text, None


def _take_longest(text: str, words) -> tuple[str, list[str]]:
    found = []
    for w in sorted(words, key=len, reverse=True):
        if w and w in text:
            found.append(w)
            text = text.replace(w, " ")
    return text, found


def _split_names(chunk: str, lexicon: Lexicon) -> tuple[list[str], str]:
    """Known names in a run of characters (「张伟李娜」 → 张伟, 李娜); the rest is returned as text."""
    names, rest, i = [], [], 0
    while i < len(chunk):
        for size in (4, 3, 2):
            cand = chunk[i:i + size]
            if len(cand) == size and (cand[:1] in SURNAMES or cand[:2] in SURNAMES) and lexicon.is_person(cand):
                names.append(cand)
                i += size
                break
        else:
            rest.append(chunk[i])
            i += 1
    return names, "".join(rest)


def _looks_like_name(word: str) -> bool:
    return 2 <= len(word) <= 4 and (word[:1] in SURNAMES or word[:2] in SURNAMES) and not word.isascii()


def understand(query: str, lexicon: Lexicon) -> Understood:
    """Understand a citizen's or an archivist's query."""
    u = Understood(query=query)
    text = fold(query)
    for m in _QUOTES.finditer(text):
        u.phrases.append(m.group(1).strip())
    text = _QUOTES.sub(" ", text)
    if m := _REF.search(text):
        u.ref_prefix = m.group(1).upper().rstrip("-·")
        text = text[:m.start()] + " " + text[m.end():]
    text, u.years = _take_years(text)
    u.chunks = [c for c in _SPLIT.split(_take_longest(text, STOP_PHRASES)[0]) if len(c) >= 2]
    text, places = _take_longest(text, [p for p in lexicon.places() if len(p) >= 2])
    u.places = places
    # names the catalogue knows come out before any stop word can cut them (黄和平 has a 和)
    for chunk in _SPLIT.split(text):
        names, _ = _split_names(chunk, lexicon) if len(chunk) >= 2 else ([], chunk)
        for name in names:
            if not any(name in w for w in CATEGORY_SYNONYMS if len(w) > len(name)):
                u.persons.append(name)
                text = text.replace(name, " ", 1)
    text, category_words = _take_longest(text, CATEGORY_SYNONYMS)
    if category_words:
        u.category = CATEGORY_SYNONYMS[category_words[0]]
        u.category_words = category_words
    text, _ = _take_longest(text, STOP_PHRASES)
    u.leftover = "".join(_SPLIT.split(text))
    for chunk in _SPLIT.split(text):
        if not chunk:
            continue
        names, rest = _split_names(chunk, lexicon)
        u.persons += names
        for word in _words(rest):
            (u.persons if _looks_like_name(word) and word not in u.persons and lexicon.is_person(word)
             else u.keywords).append(word)
    words = [k for k in dict.fromkeys(u.keywords) if k not in u.persons]
    u.keywords = [k for k in words if k not in GENERIC_WORDS]
    u.optional = [k for k in words if k in GENERIC_WORDS]
    u.persons = list(dict.fromkeys(u.persons))
    return u


def _words(text: str) -> list[str]:
    """Whole words (jieba default mode) of leftover text, without single stray characters."""
    out = []
    for w in tokenizer().cut(text, HMM=True):
        w = w.strip()
        if len(w) >= 2 or (w.isdigit() and w):
            out.append(w)
    return out
