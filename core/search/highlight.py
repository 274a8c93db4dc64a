"""Mark the matched words in a title, with <em>, escaping everything else."""
from __future__ import annotations

from html import escape

from .text import fold


def highlight(title: str, terms: list[str]) -> str:
    """HTML of the title with every occurrence of the terms (matched on folded text) in <em>…</em>."""
    folded = fold(title)
    if len(folded) != len(title):  # folding changed the length: positions would not line up
        return escape(title)
    marks = [False] * len(title)
    starts: set[int] = set()
    for term in sorted({fold(t) for t in terms if t}, key=len, reverse=True):
        start = folded.find(term)
        while start >= 0:
            if not marks[start]:
                starts.add(start)  # each term gets its own <em>, even when two touch
            for i in range(start, start + len(term)):
                marks[i] = True
            start = folded.find(term, start + 1)
    out, open_ = [], False
    for i, (ch, marked) in enumerate(zip(title, marks)):
        if marked != open_:
            out.append("<em>" if marked else "</em>")
            open_ = marked
        elif marked and i in starts:
            out.append("</em><em>")
        out.append(escape(ch))
    if open_:
        out.append("</em>")
    return "".join(out)
