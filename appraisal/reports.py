"""Report contents, PDF and verification. The payload is the single source of what a report says."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from listings.models import Category
from marketplace.accounts.identity import mask_name
from marketplace.core import signing as signing_core
from marketplace.core.models import SigningKey

from . import grading
from .models import TemplateItem
from .signing import PURPOSE


def build_payload(case, *, number: str, version: int, supersedes: str | None, issued_at) -> dict:
    appraiser = case.appraiser
    results = []
    for result in case.results.select_related("item", "defect", "evidence").order_by("item__position"):
        results.append(
            {
                "code": result.item.code,
                "section": result.item.section,
                "check": result.item.label,
                "passed": result.passed,
                "score": str(result.score) if result.score is not None else None,
                "measurement": result.measurement,
                "note": result.note,
                "defect": {
                    "code": result.defect.code,
                    "description": result.defect.description,
                    "deduction_percent": str(result.defect.deduction_percent),
                }
                if result.defect
                else None,
                "evidence_photo_hash": result.evidence.phash if result.evidence else None,
            }
        )
    reviewer = case.reviewer
    return {
        "number": number,
        "version": version,
        "supersedes": supersedes,
        "issued_at": issued_at.isoformat(),
        "item": {"name": case.item_name, "category": case.category.path, "listing_id": case.listing_id},
        "owner": mask_name(case.owner.public_name),
        "template": {
            "code": case.template.code,
            "version": case.template.version,
            "name": case.template.name,
            "standard": case.template.standard,
        },
        "results": results,
        "grade": case.grade,
        "score": str(case.score) if case.score is not None else None,
        "counterfeit": case.counterfeit,
        "grading_reasons": case.grading_reasons,
        "valuation": case.valuation,
        "appraiser": {
            "name": appraiser.user.public_name,
            "certificate": appraiser.certificate_number,
            "active_from": appraiser.active_from.isoformat(),
            "active_until": appraiser.active_until.isoformat() if appraiser.active_until else None,
        },
        "reviewer": {"name": reviewer.user.public_name, "certificate": reviewer.certificate_number}
        if reviewer
        else None,
        "agency": {"name": appraiser.agency.name, "credit_code": appraiser.agency.credit_code},
    }


def verify_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("appraisal:verify", args=[number])


def category_names(path: str) -> str:
    """ "electronics/phones" as its names in the reader's language, "电子产品 / 手机"; the path itself
    only for a category that no longer exists."""
    parts = path.split("/") if path else []
    paths = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    found = {c.path: c.label for c in Category.objects.filter(path__in=paths)}
    return " / ".join(found[p] for p in paths if p in found) or path


def local_time(value: str) -> dt.datetime:
    """A signed ISO timestamp as the time in the site's zone (Asia/Shanghai)."""
    return timezone.localtime(dt.datetime.fromisoformat(value), timezone.get_default_timezone())


def _check_labels(payload: dict) -> dict[str, str]:
    template = payload["template"]
    labels = dict(
        TemplateItem.objects.filter(
            template__code=template["code"], template__version=template["version"]
        ).values_list("code", "label")
    )
    return labels | {r["code"]: r["check"] for r in payload["results"]}


def readable(payload: dict) -> dict:
    """What the page and the PDF print beside the signed payload: names and local dates, never codes."""
    model = (payload.get("valuation") or {}).get("model") or {}
    appraiser = payload["appraiser"]
    return {
        "category": category_names(payload["item"]["category"]),
        "model_category": category_names(model["category"]) if model.get("category") else "",
        "issued_at": local_time(payload["issued_at"]),
        "active_from": dt.date.fromisoformat(appraiser["active_from"]),
        "active_until": dt.date.fromisoformat(appraiser["active_until"])
        if appraiser["active_until"]
        else None,
        "reasons": grading.describe_reasons(payload.get("grading_reasons") or [], _check_labels(payload)),
    }


def report_html(payload: dict, *, signature: str, key_id: str, fingerprint: str) -> str:
    """The printed report, always in Chinese, with times in Beijing time."""
    qr = segno.make(verify_url(payload["number"]), error="m").svg_inline(scale=3)
    with translation.override("zh-hans"), timezone.override(timezone.get_default_timezone()):
        return render_to_string(
            "appraisal/report_pdf.html",
            {
                "report": payload,
                "shown": readable(payload),
                "signature": signature,
                "key_id": key_id,
                "fingerprint": signing_core.grouped(fingerprint),
                "qr": qr,
                "verify_url": verify_url(payload["number"]),
            },
        )


def render_pdf(payload: dict, *, signature: str, key) -> bytes:
    """The printed report carries the signing key's id and SHA-256 fingerprint, so a reader can check
    the key against the published key set before trusting the signature."""
    import weasyprint

    html = report_html(payload, signature=signature, key_id=key.key_id, fingerprint=key.fingerprint)
    return weasyprint.HTML(string=html).write_pdf()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle(report) -> dict:
    """What `verify_report` needs offline: the signed text, its signature, the PDF's hash and signature.
    The public key is included for convenience only: verifiers check it against a pinned key set."""
    key = SigningKey.objects.filter(key_id=report.key_id).first()
    return {
        "number": report.number,
        "canonical": report.canonical,
        "signature": report.signature,
        "key_id": report.key_id,
        "key_fingerprint": key.fingerprint if key else None,
        "public_key": key.public_key if key else None,
        "pdf_sha256": report.pdf_sha256,
        "pdf_signature": report.pdf_signature,
    }


def verify_bundle(data: dict, *, keyset: signing_core.KeySet, pdf: bytes | None = None) -> list[str]:
    """Every problem found; an empty list means the report was signed by a pinned key that was valid and
    not revoked when it signed, the contents are as signed, and the certificate was valid that day."""
    try:
        payload = json.loads(data["canonical"])
        issued_at = dt.datetime.fromisoformat(payload["issued_at"])
    except (KeyError, TypeError, ValueError):
        return ["the signed data cannot be read"]
    public_key, problems = keyset.check(data.get("key_id", ""), purpose=PURPOSE, signed_at=issued_at)
    if public_key is None:
        return problems
    if not signing_core.verify(data["canonical"].encode(), data["signature"], public_key):
        problems.append("report signature does not match its contents")
        return problems
    if payload.get("number") != data.get("number"):
        problems.append("report number differs from the signed one")
    issued = issued_at.date()
    certificate = payload["appraiser"]
    if dt.date.fromisoformat(certificate["active_from"]) > issued or (
        certificate["active_until"] and dt.date.fromisoformat(certificate["active_until"]) < issued
    ):
        problems.append("the appraiser's certificate was not valid on the day of issue")
    if pdf is not None:
        if sha256(pdf) != data["pdf_sha256"]:
            problems.append("the PDF is not the one issued (its hash differs)")
        elif not signing_core.verify(pdf, data["pdf_signature"], public_key):
            problems.append("the PDF signature does not match")
    return problems
