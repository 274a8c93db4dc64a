"""Certificates (档案查询证明, 查无档案记录证明): signed tokens, QR, PDF, verification, revocation and reissue.

    keys.py     Ed25519 signing keys in the data directory, key ids, rotation
    token.py    the compact signed binary token (base32) the QR carries
    qr.py       the QR code (ECC M, version ≤ 10)
    fonts.py    the embedded CJK TrueType font
    pdf.py      the PDF, and how it is bound to its token
    seal.py     the drawn archive seal, and the name and date it is stamped over
    verify.py   verdicts for tokens and PDFs (online and offline)
    service.py  issue / revoke / reissue in the caller's transaction, online verification
    notices.py  a revocation or reissue in the application's history, and the applicant told (outbox)
"""
from .keys import KeyRing, keys_from_json
from .service import (certificate_status, issue_certificate, keyring, reissue_certificate, revoke_certificate,
                      verify_online, verify_url)
from .verify import KIND_NAMES, OFFLINE_NOTE, Verdict, verify_pdf, verify_token


def public_keys(settings) -> dict[str, str]:
    """The deployment's public keys by key id (base64 of the raw Ed25519 key), as GET /api/keys lists them."""
    return keyring(settings).published()["keys"]


__all__ = ["KeyRing", "keys_from_json", "certificate_status", "issue_certificate", "keyring", "reissue_certificate",
           "revoke_certificate", "verify_online", "verify_url", "KIND_NAMES", "OFFLINE_NOTE", "Verdict",
           "verify_pdf", "verify_token", "public_keys"]
