"""The certificate's QR code: the verify URL at error correction M, never above version 10.

Version 10 (57×57 modules) still scans from a printed page with any phone; at ECC M it holds 311 alphanumeric
characters, which an upper-case URL with a base32 token stays inside: ≈240 characters with three 档号 in the
token, ≈190 with a digest of any number of them (see token.py; issuing picks the form that fits).
"""
from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError

from ..errors import ConfigError

MAX_VERSION = 10
BORDER = 4  # the quiet zone the standard asks for, in modules


def _code(url: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=BORDER)
    code.add_data(url)
    return code


@lru_cache(maxsize=256)
def version_needed(url: str) -> int:
    """The smallest QR version that holds the URL at ECC M (41 when not even version 40 does)."""
    try:
        return _code(url).best_fit()
    except (DataOverflowError, ValueError):  # qrcode says "version 41" with a ValueError
        return 41


def fits(url: str) -> bool:
    """Whether the URL's QR stays at or below version 10."""
    return version_needed(url) <= MAX_VERSION


@lru_cache(maxsize=64)
def qr_matrix(url: str) -> tuple[int, tuple[tuple[bool, ...], ...]]:
    """(version, modules with the quiet zone; True = dark) of the URL's QR code; ConfigError above version 10."""
    if not fits(url):
        raise ConfigError(f"核验网址太长（{len(url)} 个字符），二维码需要第 {version_needed(url)} 版，"
                          f"超过第 {MAX_VERSION} 版。")
    code = _code(url)
    code.make(fit=True)
    return code.version, tuple(tuple(row) for row in code.get_matrix())


def qr_version(url: str) -> int:
    """The QR version the URL needs at ECC M."""
    return qr_matrix(url)[0]


@lru_cache(maxsize=64)
def inline_image_hex(url: str) -> str:
    """The QR as the ASCII-hex data of a 1-bit grey PDF image (0 = black), row by row, padded to bytes."""
    _, rows = qr_matrix(url)
    out = []
    for row in rows:
        bits = "".join("0" if dark else "1" for dark in row)
        bits += "1" * (-len(bits) % 8)
        out.append("".join(f"{int(bits[i:i + 8], 2):02X}" for i in range(0, len(bits), 8)))
    return "".join(out)


def inline_image(url: str, x: float, y: float, size: float) -> str:
    """PDF operators drawing the QR as an inline image of `size` points at (x, y)."""
    n = len(qr_matrix(url)[1])
    return (f"q {size:.2f} 0 0 {size:.2f} {x:.2f} {y:.2f} cm "
            f"BI /W {n} /H {n} /BPC 1 /CS /G /F /AHx ID {inline_image_hex(url)}> EI Q")
