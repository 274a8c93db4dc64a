"""The CJK TrueType font embedded in certificate PDFs.

A PDF that only names a CJK font (STSong-Light, a non-embedded CID font) shows empty boxes on any reader without
Chinese fonts, so the glyphs must travel inside the file. reportlab embeds TrueType (glyf) outlines only, not the
CFF outlines of the .otf/.ttc Noto CJK builds; Debian's fonts-wqy-zenhei and fonts-arphic-uming are TrueType.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from ..errors import ConfigError

FONT_NAME = "LantaiCJK"
DEBIAN_PACKAGE = "fonts-wqy-zenhei"
# preferred files first; any other TrueType file with these names in a font folder is tried after them
CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)
NAME_HINTS = ("zenhei", "microhei", "uming", "ukai", "simsun", "simhei", "droidsansfallback", "notosanssc",
              "notoserifsc", "sourcehansans", "msyh")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")
_lock = threading.Lock()
_registered: str | None = None


def _candidates():
    """Font files to try, preferred ones first, then CJK-looking names in the usual font folders."""
    yield from (Path(p) for p in CANDIDATES)
    for folder in FONT_DIRS:
        root = Path(folder).expanduser()
        if root.is_dir():
            yield from sorted(p for p in root.rglob("*") if p.suffix.lower() in (".ttf", ".ttc")
                              and any(h in p.name.lower().replace("-", "").replace("_", "") for h in NAME_HINTS))


def _load(path: Path) -> TTFont | None:
    """The font if reportlab can embed it and it has Chinese glyphs, else None."""
    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError, KeyError):
        return None  # e.g. CFF outlines, which reportlab cannot embed
    return font if ord("档") in font.face.charToGlyph else None


def missing_font_message() -> str:
    return (f"找不到可嵌入的中文 TrueType 字体，无法生成证明 PDF。请安装 {DEBIAN_PACKAGE}（Debian/Ubuntu："
            f"apt-get install {DEBIAN_PACKAGE}），或用环境变量 LANTAI_CJK_FONT 指定字体文件。"
            f" / No embeddable CJK TrueType font found: install the Debian package {DEBIAN_PACKAGE} "
            f"or set LANTAI_CJK_FONT to a .ttf/.ttc file.")


def find_font(env: dict | None = None, candidates=None) -> TTFont:
    """The font named by LANTAI_CJK_FONT, else the first embeddable CJK font found; ConfigError when none."""
    env = os.environ if env is None else env
    override = env.get("LANTAI_CJK_FONT")
    if override:
        font = _load(Path(override))
        if font is None:
            raise ConfigError(f"LANTAI_CJK_FONT 指定的字体「{override}」无法嵌入或不含中文字形（需要 TrueType 轮廓）。"
                              f" / LANTAI_CJK_FONT is not an embeddable CJK TrueType font.")
        return font
    for path in _candidates() if candidates is None else candidates:
        if Path(path).is_file() and (font := _load(Path(path))) is not None:
            return font
    raise ConfigError(missing_font_message())


def cjk_font() -> str:
    """Register the CJK font once per process and return its name."""
    global _registered
    with _lock:
        if not _registered:
            pdfmetrics.registerFont(find_font())
            _registered = FONT_NAME
        return _registered
