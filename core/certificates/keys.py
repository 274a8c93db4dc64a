"""Ed25519 signing keys in the data directory: `keys/signing/<kid>.pem` (0600) and `keys/signing/active`.

The key id (kid) is the first 4 bytes of SHA-256 over the raw public key, in hex. Rotation makes a new key the
active one; older keys stay in the folder so that certificates they signed still verify, and `public_keys()`
publishes every one of them.
"""
from __future__ import annotations

import base64
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ..errors import ConfigError, InvalidInput

KID_BYTES = 4
_ACTIVE = "active"


def key_id(public_key: Ed25519PublicKey) -> str:
    """The short id of a public key: 8 hex digits derived from the key itself."""
    return hashlib.sha256(_raw(public_key)).digest()[:KID_BYTES].hex()


def _raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_b64(public_key: Ed25519PublicKey) -> str:
    """The raw 32-byte public key in standard base64 (the form /api/keys publishes)."""
    return base64.b64encode(_raw(public_key)).decode()


def load_public_key(b64: str) -> Ed25519PublicKey:
    """Read a published public key (base64 of the raw 32 bytes, or a PEM block)."""
    text = (b64 or "").strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_public_key(text.encode())
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("not Ed25519")
            return key
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except ValueError:
        raise InvalidInput("公钥格式不正确（应为 Ed25519 公钥的 base64 或 PEM）。") from None


def _write_new(path: Path, data: bytes, *, replace: bool) -> bool:
    """Write a complete file atomically; without `replace`, only if the path does not exist yet (False then)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        if replace:
            os.replace(tmp, path)
            return True
        try:
            os.link(tmp, path)  # atomic create-if-absent with the whole content: no reader sees half a file
            return True
        except FileExistsError:
            return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: Ed25519PrivateKey

    def sign(self, message: bytes) -> bytes:
        return self.private_key.sign(message)


class KeyRing:
    """The signing keys of one data directory (shared safely by every worker process)."""

    def __init__(self, keys_dir: Path):
        self.dir = Path(keys_dir) / "signing"
        self._cache: tuple[int, str | None, dict[str, Ed25519PrivateKey], dict[str, Ed25519PublicKey]] | None = None

    def _generate(self) -> str:
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        private = Ed25519PrivateKey.generate()
        kid = key_id(private.public_key())
        pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        _write_new(self.dir / f"{kid}.pem", pem, replace=False)
        self._cache = None
        return kid

    def _load(self) -> tuple[str | None, dict[str, Ed25519PrivateKey], dict[str, Ed25519PublicKey]]:
        """The active kid and every key in the folder, cached until the folder changes (a rotation elsewhere)."""
        try:
            stamp = self.dir.stat().st_mtime_ns
        except FileNotFoundError:
            return None, {}, {}
        if self._cache and self._cache[0] == stamp:
            return self._cache[1:]
        try:  # read before the keys: a key file is always written before `active` names it
            active = (self.dir / _ACTIVE).read_text().strip() or None
        except FileNotFoundError:
            active = None
        keys: dict[str, Ed25519PrivateKey] = {}
        for path in sorted(self.dir.glob("*.pem")):
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue  # a worker that lost the race for the first key removed its own
            key = serialization.load_pem_private_key(data, password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ConfigError(f"签名密钥文件 {path.name} 不是 Ed25519 私钥。")
            keys[key_id(key.public_key())] = key
        if active is not None and active not in keys:
            raise ConfigError(f"当前签名密钥 {active} 的文件 {active}.pem 不在 {self.dir}，请从备份恢复。")
        self._cache = (stamp, active, keys, {kid: key.public_key() for kid, key in keys.items()})
        return self._cache[1:]

    def active(self) -> SigningKey:
        """The key that signs new certificates; created on first use (race-safe between processes)."""
        kid, keys, _ = self._load()
        if kid is None:
            new = self._generate()
            if not _write_new(self.dir / _ACTIVE, new.encode(), replace=False):
                (self.dir / f"{new}.pem").unlink(missing_ok=True)  # another process made the first key first
            kid, keys, _ = self._load()
        return SigningKey(kid, keys[kid])

    def rotate(self) -> str:
        """Make a new key the active one; the old ones stay published for verification. Returns the new kid."""
        self.active()  # a first key exists, so the old certificates' key is kept
        new = self._generate()
        _write_new(self.dir / _ACTIVE, new.encode(), replace=True)
        self._cache = None
        return new

    def public_keys(self) -> dict[str, Ed25519PublicKey]:
        """Every public key by kid (cached: verifying reads no file unless the folder changed)."""
        return self._load()[2]

    def published(self) -> dict:
        """The JSON that GET /api/keys serves and `cert keys export` writes (what offline verifiers load)."""
        active = self.active().kid
        return {"algorithm": "Ed25519", "active": active,
                "keys": {kid: public_key_b64(key) for kid, key in self.public_keys().items()}}


def keys_from_json(data: dict) -> dict[str, Ed25519PublicKey]:
    """Public keys from the /api/keys JSON (or a plain {kid: base64} mapping)."""
    if not isinstance(data, dict):
        raise InvalidInput("公钥文件应为 /api/keys 返回的 JSON。")
    entries = data.get("keys", data)
    if not isinstance(entries, dict) or not entries:
        raise InvalidInput("公钥文件中没有公钥（应为 /api/keys 返回的 JSON）。")
    return {str(kid): load_public_key(str(value)) for kid, value in entries.items()
            if kid not in ("algorithm", "active")}
