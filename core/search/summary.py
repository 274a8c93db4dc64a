"""How a public search's restricted records are told to a citizen: one line per kind of record, with its years
(the kiosk's result cards and the dialogue's replies say the same thing)."""
from __future__ import annotations


def years_text(years: list[int], lang: str = "zh") -> str:
    """「1985年」, 「1983、1985年」 or 「1956–1990年」 (English: 1983, 1985 / 1956–1990)."""
    years = sorted({y for y in years if y})
    if not years:
        return ""
    unit, sep = ("", ", ") if lang == "en" else ("年", "、")
    if len(years) <= 3:
        return sep.join(str(y) for y in years) + unit
    return f"{years[0]}–{years[-1]}{unit}"


def restricted_by_category(restricted: list[dict]) -> list[dict]:
    """The search's restricted counts (per kind and year) as one {category, count, years} per kind, in its order
    (a common name otherwise makes a line per year)."""
    lines: dict[str, dict] = {}
    for row in restricted:
        line = lines.setdefault(row["category"], {"category": row["category"], "count": 0, "years": []})
        line["count"] += row["count"]
        if row.get("year"):
            line["years"].append(row["year"])
    for line in lines.values():
        line["years"] = sorted(set(line["years"]))
    return list(lines.values())
