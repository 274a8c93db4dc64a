"""Checks that every process of one deployment works with the same keys as its database."""
from __future__ import annotations

from sqlalchemy.orm import sessionmaker

from .errors import ConfigError
from .models import DeploymentSetting
from .vault import Vault

KEY_FINGERPRINT = "identity_key_fingerprint"


def check_identity_key(sessions: sessionmaker, vault: Vault) -> None:
    """Record the identity key's fingerprint on first use; refuse to run with a different key later.

    Without this, a second web node that generated its own key would silently fail to find or read citizens.
    """
    with sessions.begin() as s:
        row = s.get(DeploymentSetting, KEY_FINGERPRINT)
        if row is None:
            s.add(DeploymentSetting(name=KEY_FINGERPRINT, value=vault.fingerprint()))
        elif row.value != vault.fingerprint():
            raise ConfigError(
                "本进程的身份证加密密钥与数据库中记录的不一致：已有的身份信息将无法查找和解密。"
                "请给所有节点设置同一个 LANTAI_IDENTITY_KEY（或使用同一数据目录下的 keys/identity.key）。")
