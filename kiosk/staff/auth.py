"""Staff sign-in (Flask-Login), the role guard, and the signed-in account as a plain object."""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from core.errors import LantaiError
from core.staff import ROLE_NAMES, authenticate

from .. import services_of
from . import bp

login_manager = LoginManager()
login_manager.login_view = "staff.login"
login_manager.login_message = "请先登录。"
login_manager.login_message_category = "warning"


@dataclass(frozen=True)
class StaffAccount:
    """The signed-in staff member, detached from any database session."""

    id: int
    username: str
    display_name: str
    role: str
    centre_id: int | None
    centre_name: str | None
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False

    def get_id(self) -> str:
        return str(self.id)

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    @property
    def actor(self) -> str:
        """How the audit log names this account."""
        return f"staff:{self.username}"


def _account(user) -> StaffAccount:
    return StaffAccount(id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                        centre_id=user.centre_id, centre_name=user.centre.name if user.centre else None)


@login_manager.user_loader
def _load(user_id: str) -> StaffAccount | None:
    from core.models import StaffUser

    with services_of(current_app).sessions() as s:
        user = s.get(StaffUser, int(user_id)) if user_id.isdigit() else None
        return _account(user) if user is not None and user.active else None


def staff_user(session):
    """The signed-in account as a StaffUser of this database session (for core's scope checks)."""
    from core.models import StaffUser

    return session.get(StaffUser, current_user.id)


def staff_required(*roles: str):
    """Guard a view: signed in, and (when roles are given) with one of these roles; otherwise 403."""

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return guarded

    return decorate


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired("请输入用户名。"), Length(max=64)])
    password = PasswordField("密码", validators=[DataRequired("请输入密码。"), Length(max=200)])


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in with user name and password."""
    form = LoginForm()
    if form.validate_on_submit():
        refused = None
        # committed also when refused: the failure count must stick
        with services_of(current_app).sessions.begin() as s:
            try:
                account = _account(authenticate(s, form.username.data, form.password.data))
            except LantaiError as e:
                refused = e
        if refused is None:
            login_user(account)
            target = request.args.get("next") or ""
            safe = target.startswith("/staff/") and not target.startswith("//")
            return redirect(target if safe else url_for("staff.home"))
        flash(refused.message, "error")
        return render_template("staff/login.html", form=form), refused.status
    return render_template("staff/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
def logout():
    """Sign out."""
    logout_user()
    return redirect(url_for("staff.login"))


@bp.get("/")
@staff_required()
def home():
    """The console's front page: the queue."""
    return redirect(url_for("staff.queue"))
