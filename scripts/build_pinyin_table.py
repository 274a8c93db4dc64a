"""Build kiosk/static/pinyin.json: common Chinese characters by pinyin, for the kiosk's on-screen name keyboard.

Run once by hand (the JSON is committed; nothing at run time needs pypinyin):

    pip install --target /tmp/pinyin pypinyin
    PYTHONPATH=/tmp/pinyin .venv/bin/python scripts/build_pinyin_table.py [--size 4500]

Characters are ranked by how often they occur in jieba's dictionary (word frequencies summed per character);
only simplified characters (GB 2312) are kept. The keyboard is mostly used for names: every character of the
surnames (core/surnames.py) and given names (core/demo/names.py) is kept whatever its rank and offered before the
other characters of its syllable (wei → 伟 before 未), a surname under its surname reading too (曾 → zeng).
Each character is listed under all its readings (曾 → ceng and zeng), ü typed as v (绿 → lv);
readings come from whole words, and one used in under 5% of a character's words is left out.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "kiosk" / "static" / "pinyin.json"
HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_SHARE = 0.05  # a reading kept for a character: at least this share of its uses
#: Surnames read otherwise than the character usually is (only those of core/surnames.py are added).
SURNAME_READINGS = {"曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "朴": "piao", "查": "zha", "区": "ou",
                    "盖": "ge", "覃": "qin", "缪": "miao", "乐": "yue", "召": "shao", "种": "chong", "繁": "po"}


def reading_frequencies() -> dict[str, Counter]:
    """How often each character is read each way in jieba's dictionary, weighted by the words' frequencies.

    Words are read whole (pypinyin knows 曾经 → ceng, 曾国藩 → zeng), so a rare reading of a common character
    (有 → wei) stays rare instead of putting 有 among the candidates for wei.
    """
    import jieba
    from pypinyin import Style, lazy_pinyin

    counts: dict[str, Counter] = {}
    with open(Path(jieba.__file__).with_name("dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2 or not HAN.fullmatch(parts[0][:1]) or not all(HAN.fullmatch(c) for c in parts[0]):
                continue
            for ch, reading in zip(parts[0], lazy_pinyin(parts[0], style=Style.NORMAL, v_to_u=False)):
                counts.setdefault(ch, Counter())[reading] += int(parts[1])
    return counts


def _simplified(ch: str) -> bool:
    """In GB 2312, the 6,763 characters of simplified Chinese (jieba's dictionary also has traditional ones)."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def build(size: int) -> dict:
    """The table: {"order": characters most common first, "syllables": {pinyin: characters in that order}}."""
    from pypinyin import Style, lazy_pinyin

    from core.demo.names import GIVEN_NAMES
    from core.surnames import SURNAMES_BY_FREQUENCY

    readings = reading_frequencies()
    totals = Counter({ch: sum(c.values()) for ch, c in readings.items()})
    ranked = [ch for ch, _ in totals.most_common() if _simplified(ch)][:size]
    surnames = {ch for s in SURNAMES_BY_FREQUENCY for ch in s}
    named = surnames | {ch for pools in GIVEN_NAMES.values() for names in pools for name in names for ch in name}
    order = ranked + [ch for ch in sorted(named) if ch not in ranked]
    syllables: dict[str, list[str]] = {}
    for ch in sorted(order, key=lambda c: (c not in named, order.index(c))):  # name characters first
        seen = readings.get(ch, Counter())
        keep = {r for r, n in seen.items() if n >= MIN_SHARE * totals[ch]}
        keep.add(lazy_pinyin(ch, style=Style.NORMAL, v_to_u=False)[0])  # the reading of the character alone
        if ch in surnames and ch in SURNAME_READINGS:
            keep.add(SURNAME_READINGS[ch])
        for reading in sorted(keep):
            if re.fullmatch(r"[a-z]+", reading):
                syllables.setdefault(reading, []).append(ch)
    return {"order": "".join(order), "syllables": {k: "".join(v) for k, v in sorted(syllables.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4500, help="how many of the most common characters to keep")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    table = build(args.size)
    args.out.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(table['order'])} characters, {len(table['syllables'])} syllables → {args.out}")


if __name__ == "__main__":
    main()
