"""GB 11643 validation, masking, keyed hashing and encryption of ID numbers."""
import base64

import pytest

from core.errors import InvalidIdNumber
from core.identity import (
    birth_date, check_character, is_valid_id_number, mask_id_number, mask_name, normalise_id_number,
    redact_id_numbers,
)
from core.vault import Vault, load_master_key


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014", "11010519491231002x"])
def test_standard_examples_are_valid(number):
    assert normalise_id_number(number) == number.upper()


def test_check_character_of_standard_example():
    assert check_character("11010519491231002") == "X"
    assert check_character("44052418800101001") == "4"


def test_legacy_15_digit_number_is_upgraded_with_19_and_check_character():
    assert normalise_id_number("110105491231002") == "11010519491231002X"


@pytest.mark.parametrize("number, reason", [
    ("110105194912310021", "校验位"),       # wrong check character
    ("11010519491331002X", "出生日期不存在"),  # month 13
    ("11010519490230002X", "出生日期不存在"),  # 30 February
    ("99010519491231002X", "地区码"),
    ("1101051949123100", "18位"),
    ("11010519491231002Y", "最后一位"),
    ("", "请输入"),
    ("11010530491231002X", "出生日期"),     # born in 3049
])
def test_wrong_numbers_are_refused_with_a_chinese_reason(number, reason):
    with pytest.raises(InvalidIdNumber) as e:
        normalise_id_number(number)
    assert reason in e.value.message
    assert not is_valid_id_number(number)


def test_birth_date_is_read_from_the_number():
    assert str(birth_date("11010519491231002X")) == "1949-12-31"


def test_masking_for_display():
    assert mask_id_number("330902198503121234") == "330902********1234"
    assert mask_name("张伟") == "张*"
    assert mask_name("李小娜") == "李**"
    assert mask_name("欧阳修文") == "欧阳**"


def test_redaction_masks_id_numbers_inside_text_but_not_other_numbers():
    text = "申请人 11010519491231002X 电话 13800138000 档号 C038-001-002-003"
    assert redact_id_numbers(text) == "申请人 110105********002X 电话 13800138000 档号 C038-001-002-003"


def test_lookup_hash_is_stable_per_key_and_differs_between_deployments(tmp_path):
    vault = Vault(load_master_key(tmp_path / "a"))
    same = Vault(load_master_key(tmp_path / "a"))
    other = Vault(load_master_key(tmp_path / "b"))
    assert vault.lookup_hash("11010519491231002x") == same.lookup_hash("11010519491231002X")
    assert vault.lookup_hash("11010519491231002X") != other.lookup_hash("11010519491231002X")
    assert "11010519491231002X" not in vault.lookup_hash("11010519491231002X")


def test_encryption_round_trips_and_needs_the_right_key(tmp_path):
    vault = Vault(load_master_key(tmp_path / "a"))
    token = vault.encrypt("11010519491231002X")
    assert "11010519491231002X" not in token
    assert vault.decrypt(token) == "11010519491231002X"
    with pytest.raises(ValueError):
        Vault(load_master_key(tmp_path / "b")).decrypt(token)


def test_master_key_file_is_private_and_env_key_overrides(tmp_path):
    load_master_key(tmp_path)
    assert (tmp_path / "identity.key").stat().st_mode & 0o077 == 0
    key = base64.b64encode(bytes(range(32))).decode()
    assert load_master_key(tmp_path, key) == bytes(range(32))
