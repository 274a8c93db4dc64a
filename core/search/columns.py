"""Category, year and access of every indexed record, held in memory per segment.

Filters are then array lookups on the few documents a name or a rare word matches, instead of intersections with
posting lists that hold a whole category or year (「婚姻登记」 is a tenth of the catalogue). About 4 bytes a record.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass

from whoosh.reading import IndexReader

from ..vocabulary import ACCESS_OPEN


@dataclass(frozen=True)
class SegmentColumns:
    category: bytes  # per document: an index into `names`
    year: array  # per document
    open: bytes  # per document: 1 when 开放
    names: tuple[str, ...]  # category names; code 0 is "" (none)

    def code(self, category: str) -> int | None:
        """The category's code in this segment, or None if no document of the segment has it."""
        try:
            return self.names.index(category)
        except ValueError:
            return None


def read_columns(reader: IndexReader) -> SegmentColumns:
    """Read the three sortable columns of one segment."""
    names: dict[str, int] = {"": 0}
    category = bytearray()
    for value in reader.column_reader("category"):
        category.append(names.setdefault(value or "", len(names)))
    if len(names) > 255:
        raise ValueError("more than 255 categories in one segment")
    year = array("H", (int(v or 0) for v in reader.column_reader("year")))
    opened = bytes(v == ACCESS_OPEN for v in reader.column_reader("access"))
    return SegmentColumns(bytes(category), year, opened, tuple(names))


_EMPTY = SegmentColumns(b"", array("H"), b"", ("",))


class ColumnCache:
    """Columns by segment; a segment never changes once written, so they are read once per process."""

    def __init__(self):
        self._segments: dict[str, SegmentColumns] = {}

    def of(self, reader: IndexReader) -> SegmentColumns:
        if reader.segment() is None:  # an empty index: no segment, no documents
            return _EMPTY
        key = reader.segment().segment_id()
        cols = self._segments.get(key)
        if cols is None:
            cols = self._segments[key] = read_columns(reader)
        return cols

    def keep_only(self, readers: list[IndexReader]) -> None:
        """Forget segments that are no longer in the index (merged away or rebuilt)."""
        live = {r.segment().segment_id() for r in readers if r.segment() is not None}
        for key in list(self._segments):
            if key not in live:
                del self._segments[key]
