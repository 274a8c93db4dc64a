"""The certificate token: a compact signed binary payload, written in upper-case base32 without padding.

Base32 upper case (A–Z, 2–7) is inside the QR alphanumeric set, which packs 2 characters in 11 bits; with an
upper-case URL the whole QR stays in alphanumeric mode and fits version 10 at ECC M (see qr.py).

Payload (big-endian), then a 64-byte Ed25519 signature over CONTEXT + payload:

    B   version: 1 = the 档号 themselves, 2 = a digest of them (both verify)
    4s  kid: first 4 bytes of SHA-256 of the signing public key
    B   kind: 0 = 档案查询证明 (record), 1 = 查无档案记录证明 (no_record)
    H   issue date, days since 2000-01-01
    I   serial of the certificate number; its year is the issue date's (LT-<year>-<serial:06d>)
    16s document digest: SHA-256 of the PDF with its verification URL blanked, first 128 bits (see pdf.py)
    B + bytes       archive code (UTF-8)
  version 1:
    B + refs        record references (档号), each: a header byte (bit 7 set = raw UTF-8, else packed;
                    low 7 bits = length) and base-40 packed characters, 3 to 2 bytes
  version 2 (the 档号 do not fit the QR: a by-item 档号 takes ≈19 bytes, 30 characters of URL, so only about
  four fit version 10; certificates for 工龄 or 知青 cite 5–20 files):
    H   how many 档号
    16s refs digest: SHA-256 of the sorted 档号 as a JSON list, first 128 bits (`refs_digest`)
  The 档号 themselves then come from the archive's register (online) or from the PDF, whose digest binds its
  record table (`cert verify PDF`); either must match the refs digest.

No names: who the certificate is about stays in the archive's database and the PDF.
128 bits of digest keep a second PDF with the same digest out of reach (a forger needs a second preimage,
2^128 work, not a birthday collision: the digest is fixed by the issuer before anyone else sees it).
"""
from __future__ import annotations

import base64
import binascii
import re
import struct
import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date, timedelta

VERSION = 1  # the 档号 in the token
VERSION_DIGEST = 2  # a digest of the 档号 in the token
VERSIONS = (VERSION, VERSION_DIGEST)
CONTEXT = b"lantai-certificate:"
SIGNATURE_BYTES = 64
DIGEST_BYTES = 16
KINDS = ("record", "no_record")
NUMBER_PREFIX = "LT"
EPOCH = date(2000, 1, 1)
_HEAD = struct.Struct(">B4sBHI16s")
_REFS_DIGEST = struct.Struct(">H16s")
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-·./"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}
_NUMBER = re.compile(rf"^{NUMBER_PREFIX}-(\d{{4}})-(\d{{6,10}})$")
_BASE32 = re.compile(r"^[A-Z2-7]+$")


class MalformedToken(ValueError):
    """The text is not a certificate token at all (wrong characters, length or structure)."""


@dataclass(frozen=True)
class Claims:
    """What a token says. `digest` binds it to one PDF; `kid` names the key that signed it.

    A version-2 token carries `refs_digest` and `refs_count` instead of the 档号: its `record_refs` stay empty
    until `with_refs` fills them in from the register or the PDF.
    """

    kid: str
    kind: str
    number: str
    issue_date: date
    archive: str
    record_refs: tuple[str, ...]
    digest: bytes
    refs_digest: bytes | None = None
    refs_count: int | None = None

    @property
    def record_count(self) -> int:
        """How many 档号 the certificate cites."""
        return self.refs_count if self.refs_digest is not None else len(self.record_refs)

    @property
    def refs_known(self) -> bool:
        """Whether `record_refs` lists the 档号 (always for version 1; for version 2 once `with_refs` ran)."""
        return self.refs_digest is None or len(self.record_refs) == self.refs_count

    def compact(self) -> "Claims":
        """The same claims carrying a digest of the 档号 instead of the 档号 (a version-2 token)."""
        return replace(self, record_refs=(), refs_digest=refs_digest(self.record_refs),
                       refs_count=len(self.record_refs))

    def with_refs(self, refs) -> "Claims | None":
        """These claims with their 档号 filled in, if `refs` are the ones the token's digest names; else None."""
        refs = tuple(refs or ())
        if self.refs_digest is None:
            return self if tuple(sorted(refs)) == tuple(sorted(self.record_refs)) else None
        if len(refs) != self.refs_count or refs_digest(refs) != self.refs_digest:
            return None
        return replace(self, record_refs=refs)


def refs_digest(refs) -> bytes:
    """The 128-bit digest of a set of 档号 a version-2 token carries (order does not matter)."""
    text = json.dumps(sorted(refs), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).digest()[:DIGEST_BYTES]


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
    if len(claims.digest) != DIGEST_BYTES:
        raise ValueError("bad digest")
    compact = claims.refs_digest is not None
    if compact and (len(claims.refs_digest) != DIGEST_BYTES or not 0 <= claims.refs_count <= 0xFFFF):
        raise ValueError("bad refs digest or count")
    if not compact and len(claims.record_refs) > 255:
        raise ValueError("too many references for a version-1 token (use compact())")
    archive = claims.archive.encode()
    head = _HEAD.pack(VERSION_DIGEST if compact else VERSION, bytes.fromhex(claims.kid), KINDS.index(claims.kind),
                      (claims.issue_date - EPOCH).days, serial, claims.digest)
    if compact:
        refs = _REFS_DIGEST.pack(claims.refs_count, claims.refs_digest)
    else:
        refs = bytes([len(claims.record_refs)]) + b"".join(_pack_ref(r) for r in claims.record_refs)
    return head + bytes([len(archive)]) + archive + refs


def decode_payload(payload: bytes) -> Claims:
    """Claims from a binary payload; MalformedToken when it does not parse."""
    try:
        version, kid, kind, days, serial, digest = _HEAD.unpack_from(payload)
        if version not in VERSIONS or kind >= len(KINDS):
            raise MalformedToken("unknown version or kind")
        pos = _HEAD.size
        n = payload[pos]
        archive = payload[pos + 1:pos + 1 + n].decode()
        pos += 1 + n
        refs, digested, count = [], None, None
        if version == VERSION_DIGEST:
            count, digested = _REFS_DIGEST.unpack_from(payload, pos)
            pos += _REFS_DIGEST.size
        else:
            n, pos = payload[pos], pos + 1
            for _ in range(n):
                ref, pos = _unpack_ref(payload, pos)
                refs.append(ref)
        if pos != len(payload):
            raise MalformedToken("trailing bytes")
        issued = EPOCH + timedelta(days=days)
    except (struct.error, IndexError, UnicodeDecodeError, OverflowError) as e:
        raise MalformedToken(str(e)) from None
    return Claims(kid=kid.hex(), kind=KINDS[kind], number=format_number(issued.year, serial), issue_date=issued,
                  archive=archive, record_refs=tuple(refs), digest=digest, refs_digest=digested, refs_count=count)


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
    if b32(data) != text:  # unused low bits set in the last character: one token, one spelling
        raise MalformedToken("not canonical base32")
    if len(data) < _HEAD.size + 2 + SIGNATURE_BYTES:
        raise MalformedToken("too short")
    return data[:-SIGNATURE_BYTES], data[-SIGNATURE_BYTES:]


def peek_kid(payload: bytes) -> str:
    """The key id of a payload (before its signature is checked); MalformedToken on another version."""
    if payload[0] not in VERSIONS:
        raise MalformedToken("unknown version")
    return payload[1:5].hex()
