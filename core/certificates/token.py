"""The certificate token: a compact signed binary payload, written in upper-case base32 without padding.

Base32 upper case (A–Z, 2–7) is inside the QR alphanumeric set, which packs 2 characters in 11 bits; with an
upper-case URL the whole QR stays in alphanumeric mode and fits version 10 at ECC M (see qr.py).

Payload (big-endian), then a 64-byte Ed25519 signature over CONTEXT + payload:

    B   version (1)
    4s  kid: first 4 bytes of SHA-256 of the signing public key
    B   kind: 0 = 档案查询证明 (record), 1 = 查无档案记录证明 (no_record)
    H   issue date, days since 2000-01-01
    I   serial of the certificate number; its year is the issue date's (LT-<year>-<serial:06d>)
    16s document digest: SHA-256 of the PDF with its verification URL blanked, first 128 bits (see pdf.py)
    B + bytes       archive code (UTF-8)
    B + refs        record references (档号), each: a header byte (bit 7 set = raw UTF-8, else packed;
                    low 7 bits = length) and base-40 packed characters, 3 to 2 bytes

No names: who the certificate is about stays in the archive's database and the PDF.
128 bits of digest keep a second PDF with the same digest out of reach (a forger needs a second preimage,
2^128 work, not a birthday collision: the digest is fixed by the issuer before anyone else sees it).
"""
from __future__ import annotations

import base64
import binascii
import re
import struct
from dataclasses import dataclass
from datetime import date, timedelta

VERSION = 1
CONTEXT = b"lantai-certificate:"
SIGNATURE_BYTES = 64
DIGEST_BYTES = 16
KINDS = ("record", "no_record")
NUMBER_PREFIX = "LT"
EPOCH = date(2000, 1, 1)
_HEAD = struct.Struct(">B4sBHI16s")
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-·./"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
_NUMBER = re.compile(rf"^{NUMBER_PREFIX}-(\d{{4}})-(\d{{6,10}})$")
_BASE32 = re.compile(r"^[A-Z2-7]+$")


class MalformedToken(ValueError):
    """The text is not a certificate token at all (wrong characters, length or structure)."""


@dataclass(frozen=True)
class Claims:
    """What a token says. `digest` binds it to one PDF; `kid` names the key that signed it."""

    kid: str
    kind: str
    number: str
    issue_date: date
    archive: str
    record_refs: tuple[str, ...]
    digest: bytes


def format_number(year: int, serial: int) -> str:
    """Certificate number as printed: LT-2026-000123."""
    return f"{NUMBER_PREFIX}-{year:04d}-{serial:06d}"


def parse_number(number: str) -> tuple[int, int]:
    """(year, serial) of a certificate number; ValueError when it is not one."""
    m = _NUMBER.match(number or "")
    if not m:
        raise ValueError(f"not a certificate number: {number!r}")
    return int(m.group(1)), int(m.group(2))


def _pack_ref(ref: str) -> bytes:
    raw = ref.encode()
    if any(c not in _INDEX for c in ref) or len(ref) > 127:
        if len(raw) > 127:
            raise ValueError(f"档号过长：{ref}")
        return bytes([0x80 | len(raw)]) + raw
    digits = [_INDEX[c] for c in ref] + [0] * (-len(ref) % 3)
    body = b"".join(struct.pack(">H", a * 1600 + b * 40 + c) for a, b, c in zip(*[iter(digits)] * 3))
    return bytes([len(ref)]) + body


def _unpack_ref(data: bytes, pos: int) -> tuple[str, int]:
    head = data[pos]
    n, pos = head & 0x7F, pos + 1
    if head & 0x80:
        if pos + n > len(data):
            raise MalformedToken("truncated reference")
        return data[pos:pos + n].decode(), pos + n
    size = (n + 2) // 3 * 2
    if pos + size > len(data):
        raise MalformedToken("truncated reference")
    chars = []
    for (v,) in struct.iter_unpack(">H", data[pos:pos + size]):
        if v >= 64000:
            raise MalformedToken("bad packed reference")
        chars += [_ALPHABET[v // 1600], _ALPHABET[v // 40 % 40], _ALPHABET[v % 40]]
    return "".join(chars[:n]), pos + size


def encode_payload(claims: Claims) -> bytes:
    """The unsigned binary payload of the claims."""
    year, serial = parse_number(claims.number)
    if year != claims.issue_date.year:
        raise ValueError("the number's year must be the issue date's")
    if len(claims.digest) != DIGEST_BYTES or len(claims.record_refs) > 255:
        raise ValueError("bad digest or too many references")
    archive = claims.archive.encode()
    head = _HEAD.pack(VERSION, bytes.fromhex(claims.kid), KINDS.index(claims.kind),
                      (claims.issue_date - EPOCH).days, serial, claims.digest)
    refs = b"".join(_pack_ref(r) for r in claims.record_refs)
    return head + bytes([len(archive)]) + archive + bytes([len(claims.record_refs)]) + refs


def decode_payload(payload: bytes) -> Claims:
    """Claims from a binary payload; MalformedToken when it does not parse."""
    try:
        version, kid, kind, days, serial, digest = _HEAD.unpack_from(payload)
        if version != VERSION or kind >= len(KINDS):
            raise MalformedToken("unknown version or kind")
        pos = _HEAD.size
        n = payload[pos]
        archive = payload[pos + 1:pos + 1 + n].decode()
        pos += 1 + n
        count, pos = payload[pos], pos + 1
        refs = []
        for _ in range(count):
            ref, pos = _unpack_ref(payload, pos)
            refs.append(ref)
        if pos != len(payload):
            raise MalformedToken("trailing bytes")
        issued = EPOCH + timedelta(days=days)
    except (struct.error, IndexError, UnicodeDecodeError, OverflowError) as e:
        raise MalformedToken(str(e)) from None
    return Claims(kid=kid.hex(), kind=KINDS[kind], number=format_number(issued.year, serial), issue_date=issued,
                  archive=archive, record_refs=tuple(refs), digest=digest)


def b32(data: bytes) -> str:
    return base64.b32encode(data).decode().rstrip("=")


def sign_token(claims: Claims, sign) -> str:
    """The token for the claims; `sign(message) -> 64 bytes` is the signing key's."""
    payload = encode_payload(claims)
    return b32(payload + sign(CONTEXT + payload))


def token_length(claims: Claims) -> int:
    """How many characters the token of these claims has (the signature's length is fixed)."""
    return len(b32(encode_payload(claims) + bytes(SIGNATURE_BYTES)))


def split_token(token: str) -> tuple[bytes, bytes]:
    """(payload, signature) of a token; accepts lower case and stray padding. MalformedToken otherwise."""
    text = (token or "").strip().upper().rstrip("=")
    if not _BASE32.match(text) or len(text) > 1000:
        raise MalformedToken("not base32")
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError):
        raise MalformedToken("not base32") from None
    if len(data) < _HEAD.size + 2 + SIGNATURE_BYTES:
        raise MalformedToken("too short")
    return data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]


def peek_kid(payload: bytes) -> str:
    """The key id of a payload (before its signature is checked); MalformedToken on another version."""
    if payload[0] != VERSION:
        raise MalformedToken("unknown version")
    return payload[1:5].hex()
