"""Turn an understood query into Whoosh queries, from strict (every understood part) to loose (any part)."""
from __future__ import annotations

from dataclasses import dataclass

from whoosh.query import And, AndMaybe, NullQuery, Or, Phrase, Prefix, Query, Term

from .analysis import bigrams, words
from .schema import fold_ref
from .text import fold_name
from .understand import Understood


@dataclass(frozen=True)
class Level:
    match: Query  # what must match in the text fields (names, words, places, 档号)
    note: str | None  # said to the user when this level had to be used
    category: str | None = None  # filters, applied from in-memory columns (see execute.py)
    years: tuple[int, int] | None = None
    rank_category: str | None = None  # raises the rank only

    def as_query(self) -> Query:
        """The level as one Whoosh query, filters included (for broad levels that Whoosh ranks faster)."""
        parts = [self.match]
        if self.category:
            parts.append(Term("category", self.category))
        if self.years:
            parts.append(year_clause(*self.years))
        query = And(parts) if len(parts) > 1 else self.match
        if self.rank_category:
            query = AndMaybe(query, Term("category", self.rank_category))
        return query


def _substring(field: str, text: str, boost: float = 1.0) -> Query:
    grams = bigrams(text)
    if not grams:
        return NullQuery
    if len(grams) == 1:
        return Term(field, grams[0], boost=boost)
    return Phrase(field, grams, boost=boost)


def _keyword(word: str, lexicon) -> Query:
    """A word of the query in the title: as jieba words when the index has them all (terms are fast to
    intersect and rank), else as a run of bigrams, which also finds it inside longer words (「学籍档」 in 学籍档案).
    A two-character word is a single bigram, which finds 北京 in 北京市 at the price of a term."""
    if len(word) == 2:
        return Term("title_bi", word)
    parts = words(word)
    if parts and "".join(parts) == word and all(lexicon.is_title_word(w) for w in parts):
        return And([Term("title", w) for w in parts]) if len(parts) > 1 else Term("title", parts[0])
    return _substring("title_bi", word)


def _place(place: str, lexicon) -> Query:
    """A place: the record's 地点, or its title naming it (as the jieba word when titles have it: a phrase of
    bigrams is read position by position, and 城关镇 is in tens of thousands of titles)."""
    in_title = Term("title", place) if lexicon.is_title_word(place) else _substring("title_bi", place)
    return Or([Term("place", place, boost=1.5), in_title])


def year_clause(first: int, last: int) -> Query:
    """Years first..last as whole decades plus single years: 1980–1989 is one term, 1978–1991 is five."""
    terms, y = [], first
    while y <= last:
        if y % 10 == 0 and y + 9 <= last:
            terms.append(Term("decade", str(y // 10)))
            y += 10
        else:
            terms.append(Term("year", str(y)))
            y += 1
    return terms[0] if len(terms) == 1 else Or(terms)


def levels(u: Understood, lexicon) -> list[Level]:
    """Queries to try in order; the first that finds anything wins (and the last one fills up the list)."""
    required: list[Query] = [Term("persons", fold_name(p), boost=3.0) for p in u.persons]
    # very common words (工作, 情况, 临江 …) would make the search intersect huge lists for little meaning:
    # they only rank, unless nothing else was said
    rare = [k for k in u.keywords if not lexicon.is_common(k)]
    if not rare and not u.persons and u.keywords:
        rare = u.keywords
    required += [_keyword(k, lexicon) for k in rare]
    required += [_substring("title_bi", p, boost=2.0) for p in u.phrases]
    required += [_place(p, lexicon) for p in u.places]
    if u.ref_prefix:
        required.append(Prefix("ref_key", fold_ref(u.ref_prefix)))
    # 「结婚」 means records filed under 婚姻登记, or any record whose title says 结婚: one term per word (a
    # two-character word is one bigram), never a phrase: this clause can match a quarter of the catalogue
    said = [Term("title_bi", w) if len(w) == 2 else Term("title", w) for w in u.category_words]
    category, years = u.category, u.years
    if category and not required:
        # only a kind of record was named: 「结婚」 means records filed under 婚姻登记 or titles that say 结婚
        required, category = [Or([Term("category", category)] + said)], None
    if not required and u.optional:  # only generic words, e.g. 「1985 登记表」: then they are what must match
        generic = Or([_substring("title_bi", w) for w in u.optional])
        out = [Level(generic, None, years=years)]
        if years:
            out.append(Level(generic, "没有找到该年份的记录，已放宽年份条件"))
        return out
    if not required:
        return [Level(NullQuery, None)]
    match = And(required) if len(required) > 1 else required[0]
    out = [Level(match, None, category=category, years=years)]
    if years:
        out.append(Level(match, "没有找到该年份的记录，已放宽年份条件", category=category))
    if category:
        out.append(Level(match, "没有找到该类别的记录，已放宽类别条件"))
    if len(required) > 1:
        # any one named part, the kind of record only raising the rank
        out.append(Level(Or(required), "没有找到同时符合全部条件的记录，以下为部分符合的结果",
                         rank_category=category))
    elif category:
        out[-1] = Level(match, out[-1].note, rank_category=category)
    return out


def rerank_words(u: Understood, lexicon) -> list[tuple[str, float]]:
    """Words that raise a candidate's rank when its title has them, without being required: the query's runs
    of text as typed, generic words, the category's words and very common words. They are applied to the top
    candidates in Python (see service.py): as index clauses they would stop Whoosh skipping over blocks."""
    words_ = [(c, 3.0) for c in u.chunks if len(c) >= 3]
    words_ += [(w, 1.0) for w in u.optional + u.category_words]
    words_ += [(k, 1.0) for k in u.keywords if lexicon.is_common(k)]
    return words_
