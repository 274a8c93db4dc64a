"""The signed token, the keys and the QR size: no database needed."""
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from core.certificates.keys import KeyRing, keys_from_json
from core.certificates.qr import MAX_VERSION, fits, qr_version
from core.certificates.service import verify_url
from core.certificates.token import Claims, sign_token, split_token
from core.certificates.verify import verify_token
from core.errors import ConfigError
from core.settings import Settings
from tests.core.certificate_factories import ITEM_REFS, LONG_BASE_URL, REFS

# a token made by the first release (version 1, the 档号 inside), with the key below: it must keep verifying
OLD_TOKEN = ("AFLEOWVHAASVQAAAAB5QAAICAMCAKBQHBAEQUCYMBUHA6BKMJJCECRYDC7NOQPQAWTETTBPGOSHQXYIAA2IBPTSBD"
             "B3OBCJZQXTHIR244EAQBIAQJMBTPIAAJQAAFYIACLAEBZHOEY46TUMXCNRPC222ZBCTVF3TFEX4XWWA26PLVIMKB2E"
             "BQWRUZO353H5V3EBDXERJUGRGJUZXEMAK64YXTRBK7R2C4PJXPD7PBM")
OLD_KEYS = {"keys": {"56475aa7": "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg="}}


def claims(kid: str, **overrides) -> Claims:
    values = dict(kid=kid, kind="record", number="LT-2026-000123", issue_date=date(2026, 3, 5), archive="LJDAG",
                  record_refs=tuple(REFS), digest=bytes(range(16)))
    values.update(overrides)
    return Claims(**values)


@pytest.fixture
def ring(tmp_path):
    return KeyRing(tmp_path / "keys")


def test_token_round_trip_keeps_every_claim(ring):
    key = ring.active()
    original = claims(key.kid, record_refs=("Z109-WS·1985-Y-MZJ-0012", "档案-甲·1", "c038-001"))  # packed and raw
    token = sign_token(original, key.sign)
    assert token == token.upper() and "=" not in token
    verdict = verify_token(token, ring.public_keys())
    assert (verdict.status, verdict.reason) == ("valid", "valid")
    assert verdict.claims == original
    assert "撤销" in verdict.message  # offline: says it cannot know about revocation
    assert verify_token(token.lower(), ring.public_keys()).claims == original


def test_a_token_names_nobody():
    token = sign_token(claims("0a0b0c0d"), lambda m: bytes(64))
    import base64
    raw = base64.b32decode(token + "=" * (-len(token) % 8))
    for name in ("张伟", "李娜", "张", "伟"):
        assert name.encode() not in raw


def test_every_flipped_character_is_caught(ring):
    key = ring.active()
    token = sign_token(claims(key.kid), key.sign)
    keys = ring.public_keys()
    for i in range(len(token)):
        flipped = token[:i] + ("B" if token[i] != "B" else "C") + token[i + 1:]
        verdict = verify_token(flipped, keys)
        assert verdict.status == "invalid", i
        assert verdict.reason in ("tampered", "unknown_key", "malformed"), i
    middle = len(token) // 2
    assert verify_token(token[:middle] + ("B" if token[middle] != "B" else "C") + token[middle + 1:],
                        keys).reason == "tampered"


def test_unknown_key_and_malformed_tokens_have_their_own_verdicts(ring, tmp_path):
    other = KeyRing(tmp_path / "elsewhere").active()
    token = sign_token(claims(other.kid), other.sign)
    verdict = verify_token(token, ring.public_keys())
    assert (verdict.status, verdict.reason) == ("invalid", "unknown_key")
    assert other.kid in verdict.message and "公钥" in verdict.message
    for junk in ("", "hello!", "ABCDEFGH", "A" * 300, "1" * 200):
        verdict = verify_token(junk, ring.public_keys())
        assert (verdict.status, verdict.reason) == ("invalid", "malformed")
        assert "格式不正确" in verdict.message


def test_rotation_keeps_old_certificates_verifiable(ring, tmp_path):
    old = ring.active()
    old_token = sign_token(claims(old.kid), old.sign)
    new_kid = ring.rotate()
    assert new_kid != old.kid and ring.active().kid == new_kid
    new_token = sign_token(claims(new_kid), ring.active().sign)
    fresh = KeyRing(tmp_path / "keys")  # another worker process, reading the same folder
    assert fresh.active().kid == new_kid
    for token in (old_token, new_token):
        assert verify_token(token, fresh.public_keys()).status == "valid"
    published = fresh.published()
    assert published["active"] == new_kid and set(published["keys"]) == {old.kid, new_kid}
    assert verify_token(old_token, keys_from_json(published)).status == "valid"  # the offline key file


def test_workers_starting_together_agree_on_one_first_key(tmp_path):
    barrier = threading.Barrier(8)

    def first_key(_):
        ring = KeyRing(tmp_path / "keys")  # each gunicorn worker has its own
        barrier.wait()
        return ring.active().kid

    with ThreadPoolExecutor(8) as pool:
        kids = set(pool.map(first_key, range(8)))
    assert len(kids) == 1
    assert [p.name for p in (tmp_path / "keys" / "signing").glob("*.pem")] == [f"{kids.pop()}.pem"]


def test_key_files_are_private_and_made_once(ring, tmp_path):
    kid = ring.active().kid
    assert KeyRing(tmp_path / "keys").active().kid == kid
    pem = tmp_path / "keys" / "signing" / f"{kid}.pem"
    assert pem.stat().st_mode & 0o777 == 0o600
    assert len(kid) == 8


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000", LONG_BASE_URL, "https://dangan.example.cn:8443"])
def test_qr_of_the_worst_realistic_certificate_stays_within_version_10(ring, base):
    key = ring.active()
    token = sign_token(claims(key.kid, number="LT-2026-999999"), key.sign)
    url = verify_url(Settings.from_env({"PUBLIC_BASE_URL": base}, data_dir="/tmp"), token)
    assert url.startswith(base.upper().split("//")[0]) and url.endswith("/V/" + token)
    assert qr_version(url) <= 10
    assert len(url) <= 311  # alphanumeric capacity of version 10 at ECC M


def test_a_version_1_token_from_the_first_release_still_verifies():
    verdict = verify_token(OLD_TOKEN, keys_from_json(OLD_KEYS))
    assert (verdict.status, verdict.reason) == ("valid", "valid")
    assert verdict.claims.record_refs == tuple(REFS) and verdict.claims.refs_known
    assert verdict.claims.number == "LT-2026-000123" and verdict.as_dict()["record_count"] == 3


def test_item_refs_that_do_not_fit_travel_as_a_digest_and_round_trip(ring):
    key = ring.active()
    full = claims(key.kid, number="LT-2026-999999", record_refs=tuple(ITEM_REFS))
    url = verify_url(Settings.from_env({}, data_dir="/tmp"), sign_token(full, key.sign))
    assert not fits(url)  # the 档号 themselves: QR version 11 or more, whatever the base URL
    compact = full.compact()
    token = sign_token(compact, key.sign)
    assert split_token(token)[0][0] == 2  # version 2: the 档号's digest
    for base in ("http://127.0.0.1:8000", LONG_BASE_URL, "https://dangan.example.cn:8443"):
        settings = Settings.from_env({"PUBLIC_BASE_URL": base}, data_dir="/tmp")
        assert qr_version(verify_url(settings, token)) <= MAX_VERSION
    verdict = verify_token(token, ring.public_keys())
    assert verdict.status == "valid" and verdict.claims == compact
    assert verdict.claims.record_count == 20 and not verdict.claims.refs_known
    body = verdict.as_dict()
    assert body["record_refs"] is None and body["record_count"] == 20
    # the 档号 from the register or the PDF are accepted only if they are the ones signed (any order)
    assert verdict.claims.with_refs(ITEM_REFS).record_refs == tuple(ITEM_REFS)
    assert verdict.claims.with_refs(list(reversed(ITEM_REFS))) is not None
    assert verdict.claims.with_refs(ITEM_REFS[:-1]) is None
    assert verdict.claims.with_refs(ITEM_REFS[:-1] + ["X001-WS·2000-D30-MSK-0021"]) is None
    # tampering with any character is still caught
    keys = ring.public_keys()
    for i in range(len(token)):
        flipped = token[:i] + ("B" if token[i] != "B" else "C") + token[i + 1:]
        assert verify_token(flipped, keys).status == "invalid", i


def test_the_qr_error_names_the_url_not_a_setting():
    with pytest.raises(ConfigError, match="核验网址太长") as e:
        qr_version("HTTPS://" + "X" * 400)
    assert "PUBLIC_BASE_URL" not in e.value.message  # issuing says which setting, when it is one (test_certificates)


def test_a_token_spelled_with_stray_low_bits_is_not_a_second_valid_token(ring):
    key = ring.active()
    token = sign_token(claims(key.kid), key.sign)
    payload, signature = split_token(token)
    assert (len(payload) + len(signature)) * 8 % 5  # the last character carries unused bits
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    respelled = token[:-1] + alphabet[alphabet.index(token[-1]) ^ 1]
    assert verify_token(respelled, ring.public_keys()).reason == "malformed"
