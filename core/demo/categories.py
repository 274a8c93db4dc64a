"""Record categories: shares of the holdings, year distributions, filing codes."""

from __future__ import annotations

import itertools

from ..vocabulary import CATEGORIES

ADMIN_CATEGORY = "文书"
LIVELIHOOD_CATEGORIES: tuple[str, ...] = tuple(c for c in CATEGORIES if c != ADMIN_CATEGORY)
assert CATEGORIES[-1] == ADMIN_CATEGORY  # the generator's weighted pick relies on 文书 coming last

# Share of the holdings in percent: livelihood ≈ 75 %, 文书 ≈ 25 %.
CATEGORY_WEIGHTS: dict[str, float] = {
    "婚姻登记": 24, "计划生育": 9, "知青": 6, "招工工龄": 8, "学籍": 8, "退伍安置": 4,
    "工伤认定": 2, "房地产": 6, "林权": 3, "公证": 3, "收养": 2, "文书": 25,
}
CATEGORY_CUM: list[float] = list(itertools.accumulate(CATEGORY_WEIGHTS[c] for c in CATEGORIES))

# Piecewise year weights: (first year, last year, weight per year).
_YEAR_SEGMENTS: dict[str, list[tuple[int, int, float]]] = {
    "婚姻登记": [(1950, 1952, 3), (1953, 1965, 2), (1966, 1976, 1.5), (1977, 1999, 3.5),
             (2000, 2014, 3), (2015, 2023, 2)],
    "计划生育": [(1979, 1990, 3), (1991, 2006, 2.5), (2007, 2016, 1.5)],
    "知青": [(1962, 1967, 1), (1968, 1978, 4), (1979, 1981, 3)],
    "招工工龄": [(1952, 1965, 1.5), (1966, 1970, 0.8), (1971, 1992, 3), (1993, 2009, 1.5),
             (2010, 2023, 0.7)],
    "学籍": [(1952, 1965, 1), (1966, 1976, 1.2), (1977, 2000, 3), (2001, 2023, 2)],
    "退伍安置": [(1954, 1978, 1), (1979, 1985, 2), (1986, 2023, 1)],
    "工伤认定": [(1990, 2003, 1), (2004, 2023, 3)],
    "房地产": [(1980, 1997, 1), (1998, 2023, 3)],
    "林权": [(1981, 1985, 4), (1986, 2005, 1), (2006, 2012, 3), (2013, 2023, 1)],
    "公证": [(1980, 1995, 1), (1996, 2023, 2)],
    "收养": [(1992, 2023, 1)],
    "文书": [(1950, 1965, 1.5), (1966, 1976, 1), (1977, 2023, 2)],
}


def _expand(segments: list[tuple[int, int, float]]) -> tuple[list[int], list[float]]:
    years: list[int] = []
    weights: list[float] = []
    for lo, hi, w in segments:
        for y in range(lo, hi + 1):
            years.append(y)
            weights.append(w)
    return years, list(itertools.accumulate(weights))


YEAR_TABLES: dict[str, tuple[list[int], list[float]]] = {
    c: _expand(s) for c, s in _YEAR_SEGMENTS.items()
}
YEAR_RANGES: dict[str, tuple[int, int]] = {c: (t[0][0], t[0][-1]) for c, t in YEAR_TABLES.items()}

# Probability that a record is kept 永久 (the rest 定期30年); 文书 handled separately.
PERMANENT_SHARE: dict[str, float] = {
    "婚姻登记": 0.97, "计划生育": 0.85, "知青": 0.95, "招工工龄": 0.95, "学籍": 0.95,
    "退伍安置": 0.95, "工伤认定": 0.8, "房地产": 0.9, "林权": 0.9, "公证": 0.8, "收养": 0.98,
}
RETENTIONS: tuple[str, ...] = ("永久", "定期30年", "定期10年")
OLD_RETENTIONS: dict[str, str] = {"永久": "永久", "定期30年": "长期", "定期10年": "短期"}
RETENTION_CODES: dict[str, str] = {"永久": "Y", "定期30年": "D30", "定期10年": "D10"}

# 门类 code used in item-style 档号 (专业 for registries, 文书 for office files).
CLASS_CODES: dict[str, str] = {
    "婚姻登记": "ZY", "计划生育": "ZY", "知青": "WS", "招工工龄": "WS", "学籍": "ZY",
    "退伍安置": "WS", "工伤认定": "ZY", "房地产": "ZY", "林权": "ZY", "公证": "ZY",
    "收养": "ZY", "文书": "WS",
}
# 机构(问题) code of the filing unit inside the agency.
ORG_CODES: dict[str, tuple[str, ...]] = {
    "婚姻登记": ("HDC",), "计划生育": ("JSK",), "知青": ("AZK",), "招工工龄": ("LZK", "JYK"),
    "学籍": ("XJK",), "退伍安置": ("YFK", "AZK"), "工伤认定": ("GSK",), "房地产": ("DJK",),
    "林权": ("LQK",), "公证": ("GZK",), "收养": ("SWK",), "文书": ("BGS", "BGS", "ZHK", "MSK"),
}

MONTH_CUM_DEFAULT: list[float] = list(itertools.accumulate([1] * 12))
# Weddings cluster around the Spring Festival, May Day and National Day.
MONTH_CUM_MARRIAGE: list[float] = list(
    itertools.accumulate([1.6, 1.4, 0.8, 0.8, 1.1, 0.7, 0.6, 0.8, 0.9, 1.5, 1.0, 1.4])
)
MONTHS: list[int] = list(range(1, 13))
