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
from ..clock import local_today
from ..errors import Conflict, InvalidInput, NotFound
from ..identity import mask_name
from ..models import Application, Archive, Certificate, Record
from ..models._types import utcnow
from ..settings import Settings
from .keys import KeyRing
from .pdf import Content, render, swap_url
from .token import DIGEST_BYTES, KINDS, NUMBER_PREFIX, Claims, format_number, parse_number, sign_token, token_length
from .verify import Verdict, verify_token

REISSUE_REASON = "已重新出具（新证明编号 {number}）"
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
    return records


def issue_certificate(session: Session, services, *, kind: str, application: Application | None,
                      records: list[Record], subject_names: list[str], actor: str,
                      replaces: Certificate | None = None) -> Certificate:
    """Sign, render and register a certificate; the row is flushed, `.pdf` holds the PDF and `.token` the token."""
    records = _records_of(kind, list(records))
    names = [n.strip() for n in (subject_names or (application.subject_names if application else [])) if n.strip()]
    if not names:
        raise InvalidInput("请给出证明所涉及的人名。")
    archive = default_archive(session)
    # numbers are sequential per year: hold the archive row's lock while taking the next one (a row lock on
    # PostgreSQL, the write lock on SQLite), so two issuing processes never pick the same number
    session.execute(update(Archive).where(Archive.id == archive.id).values(code=Archive.code))
    today = local_today(services.settings.timezone)
    number = format_number(today.year, _next_serial(session, today.year))
    signing = keyring(services.settings).active()
    claims = Claims(kid=signing.kid, kind=kind, number=number, issue_date=today, archive=archive.code,
                    record_refs=tuple(r.ref for r in records), digest=bytes(DIGEST_BYTES))
    content = Content(kind=kind, number=number, issue_date=today, archive_name=archive.name, subject_names=names,
                      category=application.category if application else (records[0].category if records else None),
                      year_from=application.year_from if application else None,
                      year_to=application.year_to if application else None,
                      place=application.place if application else None,
                      purpose=application.purpose if application else None,
                      records=[(r.ref, r.title, r.date_display) for r in records])
    # the digest is taken over the PDF carrying a placeholder token; the real one then takes its place
    draft_url = verify_url(services.settings, "A" * token_length(claims))
    draft = render(content, draft_url)
    claims = replace(claims, digest=hashlib.sha256(draft).digest()[:DIGEST_BYTES])
    token = sign_token(claims, signing.sign)
    pdf = swap_url(draft, draft_url, verify_url(services.settings, token))
    cert = Certificate(number=number, application_id=application.id if application else None, kind=kind,
                       issue_date=today, issued_by=actor, key_id=signing.kid, token=token,
                       pdf_sha256=hashlib.sha256(pdf).hexdigest(), record_refs=list(claims.record_refs),
                       subject_masked=_masked(names), status="valid",
                       replaces_id=replaces.id if replaces else None, pdf=pdf)
    session.add(cert)
    session.flush()
    audit.append(session, actor=actor, action="certificate.issue", entity="certificate", entity_id=number,
                 data={"kind": kind, "application_id": cert.application_id, "record_refs": cert.record_refs,
                       "key_id": signing.kid, "pdf_sha256": cert.pdf_sha256,
                       "replaces": replaces.number if replaces else None})
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


def revoke_certificate(session: Session, number: str, *, reason: str, actor: str) -> Certificate:
    """Revoke a valid certificate with a reason; verifying it says so from now on."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("撤销证明须说明原因。")
    if len(reason) > 200:
        raise InvalidInput("撤销原因请控制在200字以内。")
    cert = _find(session, number, lock=True)
    if cert.status == "revoked":
        raise Conflict(f"证明 {cert.number} 已于 {cert.revoked_at:%Y-%m-%d} 撤销（{cert.revoke_reason}）。")
    cert.status, cert.revoked_at, cert.revoke_reason = "revoked", utcnow(), reason
    session.flush()
    audit.append(session, actor=actor, action="certificate.revoke", entity="certificate", entity_id=cert.number,
                 data={"reason": reason})
    return cert


def reissue_certificate(session: Session, services, number: str, *, actor: str) -> Certificate:
    """Issue a new certificate with the same content and revoke the old one ("已重新出具")."""
    old = _find(session, number, lock=True)
    if old.status == "revoked":
        raise Conflict(f"证明 {old.number} 已撤销，不能重新出具；请重新办理查档申请。")
    application = session.get(Application, old.application_id) if old.application_id else None
    if application is None:
        raise Conflict(f"证明 {old.number} 没有关联的查档申请，无法取回证明涉及的人名，不能自动重新出具。")
    by_ref = {r.ref: r for r in session.scalars(select(Record).where(Record.ref.in_(old.record_refs or [])))}
    missing = [ref for ref in old.record_refs or [] if ref not in by_ref]
    if missing:
        raise Conflict(f"档号 {'、'.join(missing)} 已不在目录中，不能重新出具。")
    new = issue_certificate(session, services, kind=old.kind, application=application,
                            records=[by_ref[ref] for ref in old.record_refs or []],
                            subject_names=list(application.subject_names), actor=actor, replaces=old)
    revoke_certificate(session, old.number, reason=REISSUE_REASON.format(number=new.number), actor=actor)
    return new


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
        verdict = verify_token(token, keyring(services.settings).public_keys(), status_lookup=lookup)
        out = verdict.as_dict()
        if verdict.claims is not None:
            archive = s.scalar(select(Archive).where(Archive.code == verdict.claims.archive))
            out["archive"]["name"] = archive.name if archive else None
        if found and found[0] is not None and verdict.status in ("valid", "revoked"):
            out["subject"] = found[0].subject_masked
    return verdict, out
