"""The Whoosh schema of the catalogue index and how a record becomes a document."""
from __future__ import annotations

import unicodedata

from whoosh.fields import ID, STORED, TEXT, Schema

from .analysis import BigramTokenizer, NameTokenizer, WordTokenizer


#: Bump when fields or analyzers change: an index built with another version is rebuilt on open.
SCHEMA_VERSION = "5"


def make_schema() -> Schema:
    """Fields: words and bigrams of the title, person names, 档号 (prefix-searchable), filters and stored output."""
    return Schema(
        ref=STORED,  # as written in the catalogue
        ref_key=ID(unique=True),  # folded: the document's identity and the 档号 prefix search
        title=TEXT(analyzer=WordTokenizer(), stored=True, phrase=False),
        title_bi=TEXT(analyzer=BigramTokenizer(), phrase=True),
        persons=TEXT(analyzer=NameTokenizer(), stored=True, phrase=False, field_boost=2.0),
        # years as plain terms, and decades: 「八十年代」 is one term, not a ten-way union to intersect
        year=ID(stored=True, sortable=True),
        decade=ID(),
        date=STORED,
        category=ID(stored=True, sortable=True),
        place=ID(stored=True),
        fonds=ID(stored=True),
        access=ID(stored=True, sortable=True),
    )


def fold_ref(ref: str) -> str:
    """档号 as indexed and as matched: half-width, upper case, no spaces."""
    return unicodedata.normalize("NFKC", ref).upper().replace(" ", "").replace("•", "·")


def record_document(r) -> dict:
    """The index document of a catalogue Record (with its fonds loaded)."""
    return {
        "ref": r.ref,
        "ref_key": fold_ref(r.ref),
        "title": r.title,
        "title_bi": r.title,
        "persons": "\n".join(r.persons or []),
        "year": str(r.date_year),
        "decade": str(r.date_year // 10),
        "date": r.date_display,
        "category": r.category or "",
        "place": r.place or "",
        "fonds": r.fonds.name if r.fonds else "",
        "access": r.access,
    }
