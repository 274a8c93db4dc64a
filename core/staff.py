"""Staff accounts: window clerks, archivists and administrators, with Argon2-hashed passwords."""
from __future__ import annotations

import functools
import secrets
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from . import audit
from .clock import as_utc
from .errors import Conflict, InvalidInput, NotFound, PermissionDenied
from .models import STAFF_ROLES, ServiceCentre, StaffUser

_hasher = PasswordHasher()
ROLE_NAMES = {"clerk": "窗口人员", "archivist": "档案员", "admin": "管理员"}
#: Who may issue, revoke and reissue certificates.
CERTIFICATE_ROLES = ("archivist", "admin")
#: Consecutive wrong passwords that lock an account, and for how long.
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 5
#: One message for every refused sign-in: it must not tell whether the user name exists or is locked.
LOGIN_REFUSED = (f"用户名或密码不正确。连续输错{MAX_FAILED_LOGINS}次，账号将锁定{LOCK_MINUTES}分钟；"
                 f"如已锁定，请{LOCK_MINUTES}分钟后再试，或请管理员协助。")
LOCK_ACTION = "staff.login_locked"


def generate_password() -> str:
    """A random password that is easy to read out: four groups of four letters and digits."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))


def add_staff(session: Session, *, username: str, display_name: str, role: str,
              password: str, centre_code: str | None = None) -> StaffUser:
    """Create a staff account; clerks belong to a service centre."""
    username = username.strip()
    if not username or len(username) > 64:
        raise InvalidInput("用户名不能为空，且不超过64个字符。")
    if role not in STAFF_ROLES:
        raise InvalidInput(f"角色应为 {' / '.join(STAFF_ROLES)} 之一。")
    if len(password) < 10:
        raise InvalidInput("密码至少10位。")
    if session.scalar(select(StaffUser).where(StaffUser.username == username)):
        raise Conflict(f"用户名 {username} 已存在。")
    centre = None
    if centre_code:
        centre = session.scalar(select(ServiceCentre).where(ServiceCentre.code == centre_code))
        if centre is None:
            raise NotFound(f"没有编号为 {centre_code} 的服务中心。")
    elif role == "clerk":
        raise InvalidInput("窗口人员必须指定所属服务中心。")
    user = StaffUser(username=username, display_name=display_name.strip() or username, role=role,
                     password_hash=_hasher.hash(password), centre=centre)
    session.add(user)
    session.flush()
    return user


def centre_scope(user: StaffUser) -> int | None:
    """The one centre whose applications, visits and hand-offs this account works (clerks); None means all."""
    return user.centre_id if user.role == "clerk" else None


def may_see_centre(user: StaffUser, centre_id: int | None) -> bool:
    """Whether this account may see an item of that centre: clerks only their own, others everything."""
    scope = centre_scope(user)
    return scope is None or centre_id == scope


def find_staff(session: Session, username: str) -> StaffUser | None:
    """The active staff account with this user name, or None."""
    user = session.scalar(select(StaffUser).where(StaffUser.username == (username or "").strip()))
    return user if user is not None and user.active else None


def check_password(user: StaffUser, password: str) -> bool:
    """True when password matches the account's stored hash."""
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class LoginRefused(PermissionDenied):
    """Wrong user name or password, or a locked account (deliberately indistinguishable)."""

    status = 401


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the user name does not exist (same time as a wrong password); made on first
    use, not at import: argon2 costs ~0.1 s, and every process imports this module."""
    return _hasher.hash("lantai-no-such-account")


def authenticate(session: Session, username: str, password: str, now: datetime | None = None) -> StaffUser:
    """The active account if the password fits and it is not locked; LoginRefused otherwise.

    Counts consecutive failures in the database (so every web worker sees them), locks the account for
    LOCK_MINUTES after MAX_FAILED_LOGINS of them (audited) and clears the count on success. Call it in a
    transaction that commits even when it raises, or the count is lost.
    """
    now = now or datetime.now(timezone.utc)
    user = find_staff(session, username)
    # always verify something: an unknown name must take as long as a known one
    ok = check_password(user, password) if user is not None else _hasher_check(password)
    if user is None:
        raise LoginRefused(LOGIN_REFUSED, code="login_refused")
    locked = user.locked_until is not None and as_utc(user.locked_until) > now
    if ok and not locked:
        if user.failed_logins or user.locked_until is not None:
            user.failed_logins, user.locked_until = 0, None
            session.flush()
        return user
    if not locked:
        _count_failure(session, user, now)
    raise LoginRefused(LOGIN_REFUSED, code="login_refused")


def _hasher_check(password: str) -> bool:
    try:
        _hasher.verify(_dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        pass
    return False


def _count_failure(session: Session, user: StaffUser, now: datetime) -> None:
    audit.lock_chain(session)  # before the account's row lock (see audit.lock_chain)
    # one statement: two workers counting the same account's failures at once both count
    failures = session.execute(update(StaffUser).where(StaffUser.id == user.id)
                               .values(failed_logins=StaffUser.failed_logins + 1)
                               .returning(StaffUser.failed_logins)).scalar_one()
    if failures < MAX_FAILED_LOGINS:
        session.refresh(user)
        return
    until = now + timedelta(minutes=LOCK_MINUTES)
    session.execute(update(StaffUser).where(StaffUser.id == user.id).values(failed_logins=0, locked_until=until))
    session.refresh(user)
    audit.append(session, actor="system", action=LOCK_ACTION, entity="staff_user", entity_id=user.id,
                 data={"username": user.username, "failures": failures,
                       "until": until.astimezone(timezone.utc).isoformat(timespec="seconds")})


def require_role(session: Session, username: str, roles=CERTIFICATE_ROLES, *, action: str = "办理此事") -> StaffUser:
    """The active staff account `username` if its role is one of `roles`; NotFound or PermissionDenied otherwise.

    `action` names what was attempted, for the message: require_role(s, "wang", action="撤销证明").
    """
    user = session.scalar(select(StaffUser).where(StaffUser.username == (username or "").strip()))
    if user is None:
        raise NotFound(f"没有用户名为 {username} 的工作人员。")
    if not user.active:
        raise PermissionDenied(f"工作人员账号 {user.username} 已停用。")
    if user.role not in roles:
        allowed = "或".join(ROLE_NAMES[r] for r in roles)
        raise PermissionDenied(f"{user.username} 是{ROLE_NAMES.get(user.role, user.role)}，无权{action}："
                               f"只有{allowed}可以{action}。")
    return user
