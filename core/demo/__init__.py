"""A deterministic, realistic fake county archive (临江县档案馆) for demos and tests.

Pure standard library: every value comes from ``random.Random(seed)``.

    ARCHIVE            the archive itself (code, name, address, phone)
    FONDS              the fonds (全宗) it holds: [{"code": "X001", "name": ...}, ...]
    TOWNSHIPS          township names (镇/乡/街道)
    PLACES             every place word used in titles (for the segmenter's dictionary)
    CATEGORIES         the canonical record categories, 文书 last
    generate_records(count, seed=1, as_of_year=None)  lazy stream of catalogue records
    generate_centres(seed=1)                           township service centres
"""

from .archive import ARCHIVE, FONDS
from .categories import CATEGORIES, LIVELIHOOD_CATEGORIES
from .centres import generate_centres
from .places import PLACES, TOWNSHIPS
from .records import OPEN_AFTER_YEARS, RECORD_KEYS, generate_records

__all__ = [
    "ARCHIVE",
    "CATEGORIES",
    "FONDS",
    "LIVELIHOOD_CATEGORIES",
    "OPEN_AFTER_YEARS",
    "PLACES",
    "RECORD_KEYS",
    "TOWNSHIPS",
    "generate_centres",
    "generate_records",
]
