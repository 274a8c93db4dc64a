"""Issue, revoke, reissue and verify certificates (in the caller's transaction; every change audited)."""
from __future__ import annotations

import hashlib
import threading
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from .. import audit
from ..catalogue.fonds import default_archive
from ..clock import as_local, chinese_date, local_today
from ..errors import ConfigError, Conflict, InvalidInput, NotFound
from ..identity import mask_name
from ..models import Application, Archive, Certificate, Record
from ..models._types import utcnow
from ..settings import Settings
from . import notices
from .keys import KeyRing
from .pdf import Content, record_date, render, swap_url
from .qr import MAX_VERSION, fits, version_needed
from .token import DIGEST_BYTES, KINDS, NUMBER_PREFIX, Claims, format_number, parse_number, sign_token, token_length
from .verify import Verdict, verify_token

REISSUE_REASON = "已重新出具（新证明编号 {number}）"
MAX_RECORDS = 200
QR_ALPHANUMERIC_CAPACITY = 311  # characters at version 10, ECC M
DEFAULT_TZ = Settings.__dataclass_fields__["timezone"].default
_rings: dict[Path, KeyRing] = {}
_rings_lock = threading.Lock()


def keyring(settings: Settings) -> KeyRing:
    """The signing keys of this deployment (one cached KeyRing per keys folder, so verifying stays fast)."""
    with _rings_lock:
        return _rings.setdefault(settings.keys_dir, KeyRing(settings.keys_dir))


def verify_url(settings: Settings, token: str) -> str:
    """The URL in the QR: scheme and host upper-cased (they are case-insensitive) so the QR stays alphanumeric."""
    parts = urlsplit(settings.public_base_url.rstrip("/"))
    return f"{parts.scheme.upper()}://{parts.netloc.upper()}{parts.path}/V/{token}"


def _next_serial(session: Session, year: int) -> int:
    prefix = f"{NUMBER_PREFIX}-{year:04d}-"
    last = session.scalar(select(Certificate.number).where(Certificate.number.like(prefix + "%"))
                          .order_by(func.length(Certificate.number).desc(), Certificate.number.desc()).limit(1))
    return parse_number(last)[1] + 1 if last else 1


def _records_of(kind: str, records: list[Record]) -> list[Record]:
    if kind not in KINDS:
        raise InvalidInput("证明类型应为 record（档案查询证明）或 no_record（查无档案记录证明）。")
    if kind == "record" and not records:
        raise InvalidInput("档案查询证明至少要列出一件档案（档号）。")
    if kind == "no_record" and records:
        raise InvalidInput("查无档案记录证明不能列出档案。")
    if len({r.ref for r in records}) != len(records):
        raise InvalidInput("同一件档案（档号）列了两次。")
    if len(records) > MAX_RECORDS:
        raise InvalidInput(f"一份证明最多列{MAX_RECORDS}件档案，现在是{len(records)}件；请分开出具。")
    return records


def _fitting(settings: Settings, claims: Claims) -> Claims:
    """The claims with their 档号 if the QR then stays within version 10, else with a digest of them.

    ConfigError only when even the digest form does not fit: then the base URL is what is too long.
    """
    for candidate in (claims, claims.compact()):
        url = verify_url(settings, "A" * token_length(candidate))
        if fits(url):
            return candidate
    room = QR_ALPHANUMERIC_CAPACITY - token_length(candidate) - len("/V/")
    raise ConfigError(f"PUBLIC_BASE_URL（{settings.public_base_url}，{len(settings.public_base_url)} 个字符）太长："
                      f"核验网址有 {len(url)} 个字符，二维码需要第 {version_needed(url)} 版，超过第 {MAX_VERSION} 版。"
                      f"请把它缩短到约 {room} 个字符以内（路径中的小写字母和 :/.- 以外的符号会使二维码更大）。")


def issue_certificate(session: Session, services, *, kind: str, application: Application | None,
                      records: list[Record], subject_names: list[str], actor: str,
                      replaces: Certificate | None = None) -> Certificate:
    """Sign, render and register a certificate; the row is flushed, `.pdf` holds the PDF and `.token` the token.

    The token carries the 档号 while the QR stays within version 10, else a digest of them (token.py).
    """
    records = _records_of(kind, list(records))
    names = [n.strip() for n in (subject_names or (application.subject_names if application else [])) if n.strip()]
    if not names:
        raise InvalidInput("请给出证明所涉及的人名。")
    audit.lock_chain(session)  # the chain's lock before any row lock (see audit.lock_chain)
    archive = default_archive(session)
    # numbers are sequential per year: hold the archive row's lock while taking the next one (a row lock on
    # PostgreSQL, the write lock on SQLite), so two issuing processes never pick the same number
    session.execute(update(Archive).where(Archive.id == archive.id).values(code=Archive.code))
    today = local_today(services.settings.timezone)
    number = format_number(today.year, _next_serial(session, today.year))
    signing = keyring(services.settings).active()
    claims = _fitting(services.settings, Claims(kid=signing.kid, kind=kind, number=number, issue_date=today,
                                                archive=archive.code, record_refs=tuple(r.ref for r in records),
                                                digest=bytes(DIGEST_BYTES)))
    content = Content(kind=kind, number=number, issue_date=today, archive_name=archive.name, subject_names=names,
                      category=application.category if application else (records[0].category if records else None),
                      year_from=application.year_from if application else None,
                      year_to=application.year_to if application else None,
                      place=application.place if application else None,
                      purpose=application.purpose if application else None,
                      records=[(r.ref, r.title, record_date(r.date_year, r.date_month, r.date_day)) for r in records],
                      replaces=replaces.number if replaces else None)
    # the digest is taken over the PDF carrying a placeholder token; the real one then takes its place
    draft_url = verify_url(services.settings, "A" * token_length(claims))
    draft = render(content, draft_url)
    claims = replace(claims, digest=hashlib.sha256(draft).digest()[:DIGEST_BYTES])
    token = sign_token(claims, signing.sign)
    pdf = swap_url(draft, draft_url, verify_url(services.settings, token))
    cert = Certificate(number=number, application_id=application.id if application else None, kind=kind,
                       issue_date=today, issued_by=actor, key_id=signing.kid, token=token,
                       pdf_sha256=hashlib.sha256(pdf).hexdigest(), record_refs=[r.ref for r in records],
                       subject_masked=_masked(names), status="valid",
                       replaces_id=replaces.id if replaces else None, pdf=pdf)
    session.add(cert)
    session.flush()
    audit.append(session, actor=actor, action="certificate.issue", entity="certificate", entity_id=number,
                 data={"kind": kind, "application_id": cert.application_id, "record_refs": cert.record_refs,
                       "key_id": signing.kid, "pdf_sha256": cert.pdf_sha256,
                       "replaces": replaces.number if replaces else None,
                       "token_version": 2 if claims.refs_digest is not None else 1})
    return cert


def _masked(names: list[str]) -> str:
    text = "、".join(mask_name(n) for n in names)
    return text if len(text) <= 80 else text[:79] + "…"  # the column's width; the PDF has every name


def _find(session: Session, number: str, *, lock: bool = False) -> Certificate:
    query = select(Certificate).where(Certificate.number == (number or "").strip().upper())
    cert = session.scalar(query.with_for_update() if lock else query)
    if cert is None:
        raise NotFound(f"没有编号为 {number} 的证明。")
    return cert


def _reason_text(reason: str) -> str:
    # The reason is shown to whoever scans the QR and kept for ever in the audit chain: no ID number in it.
    return audit.written_reason(reason, missing="撤销证明须说明原因。", too_long="撤销原因请控制在200字以内。")


def _revoke(session: Session, cert: Certificate, *, reason: str, actor: str, tz: str) -> None:
    if cert.status == "revoked":
        when = chinese_date(as_local(cert.revoked_at, tz)) if cert.revoked_at else ""
        raise Conflict(f"证明 {cert.number} 已于{when}撤销（{cert.revoke_reason}）。")
    cert.status, cert.revoked_at, cert.revoke_reason = "revoked", utcnow(), reason
    session.flush()
    audit.append(session, actor=actor, action="certificate.revoke", entity="certificate", entity_id=cert.number,
                 data={"reason": reason})


def revoke_certificate(session: Session, number: str, *, reason: str, actor: str, tz: str = DEFAULT_TZ) -> Certificate:
    """Revoke a valid certificate with a reason; verifying it says so from now on.

    The application's history shows it and the applicant is told (outbox), in the same transaction. `tz` is the
    archive's time zone (Settings.timezone), for the date in the message when it was revoked before.
    """
    reason = _reason_text(reason)
    audit.lock_chain(session)
    cert = _find(session, number, lock=True)
    _revoke(session, cert, reason=reason, actor=actor, tz=tz)
    notices.revoked(session, cert, reason=reason, actor=actor)
    return cert


def reissue_certificate(session: Session, services, number: str, *, actor: str, kind: str | None = None,
                        records: list[Record] | None = None) -> Certificate:
    """Issue a new certificate for the same application in place of this one, valid or revoked.

    Without `records` and `kind` it says what the old one said (the 档号 read again from the catalogue); with
    them (kind "no_record", or "record" and the records) it corrects it. A valid old certificate is revoked
    ("已重新出具"); the new PDF names the number it replaces. Conflict when the certificate has no application
    (the names are the application's) or was already replaced.
    """
    audit.lock_chain(session)
    old = _find(session, number, lock=True)
    application = session.get(Application, old.application_id) if old.application_id else None
    if application is None:
        raise Conflict(f"证明 {old.number} 不是为查档申请出具的（没有关联的申请），不能重新出具："
                       f"证明涉及的人名只记在申请中。请为新的查档申请出具证明（app issue）。")
    successor = session.scalar(select(Certificate.number).where(Certificate.replaces_id == old.id).limit(1))
    if successor:
        raise Conflict(f"证明 {old.number} 已由 {successor} 取代；如需再次更正，请对 {successor} 重新出具。")
    if kind is None:
        kind = old.kind if records is None else ("record" if records else "no_record")
    if records is None:
        records = _catalogue_records(session, old.record_refs or []) if kind == old.kind else []
    new = issue_certificate(session, services, kind=kind, application=application, records=records,
                            subject_names=list(application.subject_names), actor=actor, replaces=old)
    if old.status == "valid":
        _revoke(session, old, reason=REISSUE_REASON.format(number=new.number), actor=actor,
                tz=services.settings.timezone)
    notices.reissued(session, application, new, old, actor=actor)
    return new


def _catalogue_records(session: Session, refs: list[str]) -> list[Record]:
    by_ref = {r.ref: r for r in session.scalars(select(Record).where(Record.ref.in_(refs)))}
    missing = [ref for ref in refs if ref not in by_ref]
    if missing:
        raise Conflict(f"档号 {'、'.join(missing)} 已不在目录中，不能照原样重新出具；请用 --records 列出现在的档号。")
    return [by_ref[ref] for ref in refs]


def certificate_status(session: Session, number: str) -> Certificate | None:
    """The archive's record of a certificate, for `verify_token(status_lookup=…)`."""
    return session.scalar(select(Certificate).where(Certificate.number == number))


def verify_online(services, token: str) -> tuple[Verdict, dict]:
    """Verify against this archive's keys and register: the verdict and the JSON the API and the page show."""
    found: list[Certificate | None] = []

    def lookup(number: str) -> Certificate | None:
        found.append(certificate_status(s, number))
        return found[-1]

    with services.sessions() as s:
        verdict = verify_token(token, keyring(services.settings).public_keys(), status_lookup=lookup,
                               tz=services.settings.timezone)
        out = verdict.as_dict()
        if verdict.claims is not None:
            archive = s.scalar(select(Archive).where(Archive.code == verdict.claims.archive))
            out["archive"]["name"] = archive.name if archive else None
        if found and found[0] is not None and verdict.status in ("valid", "revoked"):
            out["subject"] = found[0].subject_masked
    return verdict, out
