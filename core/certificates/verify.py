"""Verifying a certificate token (and a certificate PDF): one verdict, each kind of failure with its own words.

    valid         signature good (and, online, the certificate stands)
    revoked       signature good, but the archive has revoked it (reason, date)
    tampered      the signature does not match the content: altered, or not signed by the archive
    unknown_key   signed by a key the verifier does not know (forged, or an outdated key file)
    malformed     not a certificate token at all
    unregistered  signature good, but the archive's register has no such certificate (online only)
    pdf_altered   the token is good but the PDF is not the file it was issued with

What a person is shown (`Verdict.tone`): green for valid; red 「证明无效」 for revoked, tampered, unregistered and
pdf_altered (the verifier knows the certificate must not be relied on); grey 「无法确认」 for malformed and
unknown_key (the verifier cannot tell: a bad scan, or a key file that is not up to date).

Times are the archive's local time (`tz`, Settings.timezone): the revocation date in the message and
`revoked_at` (ISO 8601 with its offset) in the JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from typing import Callable, Mapping

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from ..clock import as_local, chinese_date
from ..errors import InvalidInput
from . import pdf as pdf_mod
from .keys import load_public_key
from .token import CONTEXT, DIGEST_BYTES, Claims, MalformedToken, decode_payload, peek_kid, split_token

KIND_NAMES = {"record": "档案查询证明", "no_record": "查无档案记录证明"}
TONES = {"valid": "valid", "revoked": "invalid", "tampered": "invalid", "unregistered": "invalid",
         "pdf_altered": "invalid", "malformed": "unknown", "unknown_key": "unknown"}
REFS_NOT_IN_TOKEN = "共 {n} 件。核验码中只有这些档号的摘要：请以证明上的表格为准，在线核验或核验 PDF 文件时会逐一列出。"
OFFLINE_NOTE = "离线核验无法得知证明是否已被撤销；请扫描二维码或打开核验网址在线核验。"
_MESSAGES = {
    "valid": "证明有效：签名正确，内容未被改动。",
    "tampered": "证明无效：签名与内容不符，证明被改动过，或不是档案馆出具的。",
    "unknown_key": "无法确认：签发密钥（编号 {kid}）不在已公布的公钥中。证明可能是伪造的，或您的公钥文件不是最新的。",
    "malformed": "这不是有效的证明核验码（格式不正确）。请确认二维码扫描完整，或核验网址输入无误。",
    "unregistered": "证明无效：签名正确，但档案馆没有登记这份证明，请联系档案馆核实。",
    "pdf_altered": "证明无效：二维码中的签名正确，但 PDF 文件与出具时不一致，文件被改动过。",
}


@dataclass(frozen=True)
class Verdict:
    status: str  # valid | revoked | invalid
    reason: str  # valid | revoked | tampered | unknown_key | malformed | unregistered | pdf_altered
    message: str
    claims: Claims | None = None
    revoked_at: datetime | None = None  # in the archive's local time
    revoke_reason: str | None = None
    online: bool = False  # whether revocation was checked with the archive's register

    @property
    def tone(self) -> str:
        """valid (green), invalid (red: do not rely on it) or unknown (grey: cannot tell)."""
        return TONES[self.reason]

    def as_dict(self) -> dict:
        """JSON-ready fields (the shape of GET /api/verify/<token> before the archive adds names).

        `record_refs` is null when only a digest of them is known (a version-2 token verified on its own).
        """
        c = self.claims
        out = {"status": self.status, "reason": self.reason, "message": self.message,
               "revocation_checked": self.online}
        if c is not None:
            out.update(number=c.number, kind=c.kind, kind_name=KIND_NAMES[c.kind], issue_date=c.issue_date.isoformat(),
                       archive={"code": c.archive}, record_refs=list(c.record_refs) if c.refs_known else None,
                       record_count=c.record_count, key_id=c.kid)
        if self.status == "revoked":
            out.update(revoked_at=self.revoked_at.isoformat(timespec="seconds") if self.revoked_at else None,
                       revoke_reason=self.revoke_reason)
        return out


def _invalid(reason: str, claims: Claims | None = None, **fmt) -> Verdict:
    return Verdict("invalid", reason, _MESSAGES[reason].format(**fmt), claims)


@lru_cache(maxsize=256)
def _key_from_text(text: str) -> Ed25519PublicKey:
    return load_public_key(text)


def _public_key(value) -> Ed25519PublicKey | None:
    if isinstance(value, Ed25519PublicKey):
        return value
    try:
        return _key_from_text(str(value))
    except InvalidInput:
        return None


def verify_token(token: str, public_keys: Mapping[str, Ed25519PublicKey | str], *,
                 status_lookup: Callable[[str], object | None] | None = None, tz: str = "UTC") -> Verdict:
    """Check a token's signature with the published keys and, given `status_lookup(number)`, its standing.

    `status_lookup` returns the archive's record of the certificate (with .token, .status, .revoked_at,
    .revoke_reason, .record_refs) or None; without it the verdict is an offline one, which cannot know of
    revocations. `tz` is the archive's time zone, for the revocation date.
    """
    try:
        payload, signature = split_token(token)
        kid = peek_kid(payload)
    except MalformedToken:
        return _invalid("malformed")
    key = _public_key(public_keys[kid]) if kid in public_keys else None
    if key is None:
        return _invalid("unknown_key", kid=kid)
    try:
        key.verify(signature, CONTEXT + payload)
    except InvalidSignature:
        return _invalid("tampered")
    try:
        claims = decode_payload(payload)
    except MalformedToken:
        return _invalid("malformed")  # signed by us yet unreadable: a newer format than this verifier knows
    if status_lookup is None:
        return Verdict("valid", "valid", _MESSAGES["valid"] + OFFLINE_NOTE, claims)
    record = status_lookup(claims.number)
    if record is None or record.token != token.strip().upper().rstrip("="):
        return Verdict("invalid", "unregistered", _MESSAGES["unregistered"], claims, online=True)
    claims = claims.with_refs(record.record_refs) if claims.refs_digest is not None else claims
    if claims is None:  # the register's 档号 are not the ones the token was signed over
        return Verdict("invalid", "unregistered", _MESSAGES["unregistered"], None, online=True)
    if record.status == "revoked":
        when = as_local(record.revoked_at, tz) if record.revoked_at else None
        return Verdict("revoked", "revoked", revoked_message(when, record.revoke_reason), claims, revoked_at=when,
                       revoke_reason=record.revoke_reason, online=True)
    return Verdict("valid", "valid", _MESSAGES["valid"], claims, online=True)


def revoked_message(when: datetime | None, reason: str | None) -> str:
    """「证明已撤销（2026年11月21日）：原因。请勿再使用。」 with the local date."""
    return f"证明已撤销{f'（{chinese_date(when)}）' if when else ''}：{reason or '未说明原因'}。请勿再使用。"


def verify_pdf(data: bytes, public_keys: Mapping[str, Ed25519PublicKey | str], *,
               status_lookup: Callable[[str], object | None] | None = None, tz: str = "UTC") -> Verdict:
    """Check a certificate PDF: the token it carries, and that the file is the one the token was issued for.

    For a token with only a digest of the 档号, the 档号 come from the PDF's record table (which the PDF digest
    binds; read from the copy the PDF carries for machines, see pdf.record_refs_of).
    """
    url = pdf_mod.keywords_url(data) if data.startswith(b"%PDF") else None
    if not url:
        return _invalid("malformed")
    verdict = verify_token(pdf_mod.token_of(url), public_keys, status_lookup=status_lookup, tz=tz)
    if verdict.claims is None or verdict.reason in ("tampered", "unregistered"):
        return verdict
    try:
        digest = pdf_mod.document_digest(data, url)[:DIGEST_BYTES]
    except pdf_mod.BindingError:
        digest = None
    if digest != verdict.claims.digest:
        return _invalid("pdf_altered", verdict.claims)
    if not verdict.claims.refs_known:
        claims = verdict.claims.with_refs(pdf_mod.record_refs_of(data))
        if claims is None:
            return _invalid("pdf_altered", verdict.claims)
        verdict = replace(verdict, claims=claims)
    return verdict

