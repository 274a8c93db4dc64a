"""Identity numbers (GB 11643-1999) and display masking.

Pure functions; storing numbers safely is `core.vault`'s job.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from .errors import InvalidIdNumber

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
#: Province-level codes of GB/T 2260 (first two digits).
_PROVINCES = frozenset({
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
})
# any digits (full-width too), not glued to other digits; letters before it are fine (ID11010519491231002X)
_ID_LIKE = re.compile(r"(?<!\d)(\d{6})(\d{11}[\dXxＸｘ]|\d{9})(?![\dXxＸｘ])")


def check_character(first17: str) -> str:
    """Compute the ISO 7064 MOD 11-2 check character of the first 17 digits."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def normalise_id_number(raw: str) -> str:
    """Validate an ID number and return it as 18 upper-case characters; 15-digit legacy numbers are upgraded.

    Raises InvalidIdNumber with a Chinese reason.
    """
    s = unicodedata.normalize("NFKC", raw or "").strip().replace(" ", "").upper()  # full-width digits from IMEs
    if not s:
        raise InvalidIdNumber("请输入身份证号码。")
    if len(s) == 15:
        if not s.isdigit():
            raise InvalidIdNumber("15位身份证号码只能由数字组成。")
        s = s[:6] + "19" + s[6:]
        s += check_character(s)
    elif len(s) != 18:
        raise InvalidIdNumber(f"身份证号码应为18位（或旧版15位），您输入了{len(s)}位。")
    if not s[:17].isdigit() or not (s[17].isdigit() or s[17] == "X"):
        raise InvalidIdNumber("身份证号码前17位应为数字，最后一位为数字或X。")
    if int(s[:2]) not in _PROVINCES:
        raise InvalidIdNumber("身份证号码的地区码不正确，请核对前两位。")
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise InvalidIdNumber("身份证号码中的出生日期不存在，请核对第7至14位。") from None
    if born.year < 1880 or born > date.today():
        raise InvalidIdNumber("身份证号码中的出生日期不合理，请核对第7至14位。")
    if check_character(s[:17]) != s[17]:
        raise InvalidIdNumber("身份证号码校验位不符，可能有数字输错了，请逐位核对。")
    return s


def is_valid_id_number(raw: str) -> bool:
    """True when raw is a valid 18- or 15-digit ID number."""
    try:
        normalise_id_number(raw)
    except InvalidIdNumber:
        return False
    return True


def birth_date(id_number: str) -> date:
    """The birth date encoded in a (valid) ID number."""
    s = normalise_id_number(id_number)
    return date(int(s[6:10]), int(s[10:12]), int(s[12:14]))


def mask_id_number(id_number: str) -> str:
    """Show region code and last four only: 330902********1234."""
    s = (id_number or "").strip().upper()
    if len(s) < 10:
        return "*" * len(s)
    return s[:6] + "*" * (len(s) - 10) + s[-4:]


def mask_name(name: str) -> str:
    """Keep the surname, mask the given name: 张*, 李**, 欧阳**."""
    n = (name or "").strip()
    if len(n) <= 1:
        return n
    keep = 2 if len(n) >= 4 else 1  # 欧阳修文 → 欧阳**; compound surnames only on long names
    return n[:keep] + "*" * (len(n) - keep)


def mask_phone(phone: str | None) -> str | None:
    """138****0001: enough to confirm with the caller, not to call them (None when there is none)."""
    if not phone:
        return None
    digits = phone.strip()
    return digits[:3] + "*" * max(len(digits) - 7, 1) + digits[-4:] if len(digits) > 7 else "*" * len(digits)


def redact_id_numbers(text: str) -> str:
    """Mask anything in free text that looks like an 18- or 15-digit ID number (for logs and errors)."""
    return _ID_LIKE.sub(lambda m: mask_id_number(m.group(0)), text)
