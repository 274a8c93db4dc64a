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
    query: Query
    note: str | None  # said to the user when this level had to be used


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


def _place(place: str) -> Query:
    return Or([Term("place", place, boost=1.5), _substring("title_bi", place)])


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
    required += [_place(p) for p in u.places]
    if u.ref_prefix:
        required.append(Prefix("ref_key", fold_ref(u.ref_prefix)))
    # 「结婚」 means records filed under 婚姻登记, or any record whose title says 结婚: one term per word (a
    # two-character word is one bigram), never a phrase: this clause can match a quarter of the catalogue
    said = [Term("title_bi", w) if len(w) == 2 else Term("title", w) for w in u.category_words]
    if not u.category:
        category = []
    elif required:  # names or words already narrow it down: one posting list to intersect, not a union of three
        category = [Term("category", u.category)]
    else:
        category = [Or([Term("category", u.category)] + said)]
    years = [year_clause(*u.years)] if u.years else []
    out = [Level(And(required + category + years), None)]
    if years and (required or category):
        out.append(Level(And(required + category), "没有找到该年份的记录，已放宽年份条件"))
    if category and required:
        out.append(Level(And(required), "没有找到该类别的记录，已放宽类别条件"))
    if not required and not category and u.optional:  # only generic words, e.g. 「1985 登记表」: then they are what must match
        generic = Or([_substring("title_bi", w) for w in u.optional])
        out = [Level(And([generic] + years), None)]
        if years:
            out.append(Level(generic, "没有找到该年份的记录，已放宽年份条件"))
    if len(required) > 1 or (required and category):
        # any one named part, with the kind of record only raising the rank: on its own the category would
        # match a quarter of the catalogue
        loose = AndMaybe(Or(required), category[0]) if category else Or(required)
        out.append(Level(loose, "没有找到同时符合全部条件的记录，以下为部分符合的结果"))
    # ranked higher when present, never required: the query's own runs of text as typed, and generic words
    return out


def rerank_words(u: Understood, lexicon) -> list[tuple[str, float]]:
    """Words that raise a candidate's rank when its title has them, without being required: the query's runs
    of text as typed, generic words, the category's words and very common words. They are applied to the top
    candidates in Python (see service.py): as index clauses they would stop Whoosh skipping over blocks."""
    words_ = [(c, 3.0) for c in u.chunks if len(c) >= 3]
    words_ += [(w, 1.0) for w in u.optional + u.category_words]
    words_ += [(k, 1.0) for k in u.keywords if lexicon.is_common(k)]
    return words_
