"""Keyed hashing and encryption of personal data (ID numbers, phones), so that a database dump reveals none.

One 32-byte master key per deployment: `LANTAI_IDENTITY_KEY` (base64) or `<data dir>/keys/identity.key`,
created on first use. Separate sub-keys for lookup hashing and for encryption are derived with HKDF.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import ConfigError
from .identity import mask_id_number, normalise_id_number


def _derive(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"lantai/" + purpose).derive(master)


def load_master_key(keys_dir: Path, env_value: str | None = None) -> bytes:
    """Return the deployment's master key, creating it (mode 0600) in keys_dir on first use."""
    if env_value:
        try:
            key = base64.b64decode(env_value, validate=True)
        except ValueError:
            key = b""
        if len(key) != 32:
            raise ConfigError("LANTAI_IDENTITY_KEY 应为 base64 编码的 32 字节密钥"
                              "（可用 python -c \"import os,base64;print(base64.b64encode(os.urandom(32)).decode())\" 生成）")
        return key
    path = keys_dir / "identity.key"
    if path.exists():
        return base64.b64decode(path.read_bytes())
    keys_dir.mkdir(parents=True, exist_ok=True)
    key = os.urandom(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(base64.b64encode(key))
    return key


class Vault:
    """Hash for lookup, encrypt for authorised display."""

    def __init__(self, master_key: bytes):
        self._hash_key = _derive(master_key, b"lookup")
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(master_key, b"encrypt")))
        self._tag_key = _derive(master_key, b"tag")

    def lookup_hash(self, id_number: str) -> str:
        """Keyed hash (HMAC-SHA256, hex) of a normalised ID number: same person, same hash."""
        normalised = normalise_id_number(id_number)
        return hmac.new(self._hash_key, normalised.encode(), hashlib.sha256).hexdigest()

    def encrypt(self, text: str) -> str:
        """Encrypt a piece of personal data for storage."""
        return self._fernet.encrypt(text.encode()).decode()

    def decrypt(self, token: str) -> str:
        """Decrypt stored personal data; raises ValueError when the key does not fit."""
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise ValueError("encrypted value does not match this deployment's identity key") from None

    def tag(self, message: str) -> bytes:
        """A keyed MAC of a message (e.g. an appointment's cancel code): unguessable without the key."""
        return hmac.new(self._tag_key, message.encode(), hashlib.sha256).digest()

    def fingerprint(self) -> str:
        """A short digest that identifies the key without revealing it (to catch nodes with different keys)."""
        return hmac.new(self._hash_key, b"lantai/key-check", hashlib.sha256).hexdigest()[:16]

    def seal_id_number(self, id_number: str) -> tuple[str, str, str]:
        """Return (lookup hash, ciphertext, masked display form) of an ID number."""
        normalised = normalise_id_number(id_number)
        return self.lookup_hash(normalised), self.encrypt(normalised), mask_id_number(normalised)
