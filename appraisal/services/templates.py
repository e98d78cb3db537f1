"""Inspection templates: which one a case uses, and revising one to a new version."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from listings.models import Category

from ..errors import AppraisalError
from ..models import InspectionTemplate


def template_for(category: Category) -> InspectionTemplate:
    """The current template of the category's top level, or the general one."""
    top = category.path.split("/")[0]
    template = InspectionTemplate.objects.filter(is_current=True, category__path=top).first()
    return template or InspectionTemplate.objects.get(is_current=True, category__isnull=True)


def revise_template(template: InspectionTemplate, *, changes: dict | None = None) -> InspectionTemplate:
    """Copy a template to its next version (the old one stays, for the reports that name it).

    Cases already started keep the version they started with; new cases get the revision.
    """
    AppraisalError.require(template.is_current, _("Revise the current version of a template."), "not_current")
    with transaction.atomic():
        items = list(template.items.all())
        InspectionTemplate.objects.filter(code=template.code, is_current=True).update(is_current=False)
        revised = InspectionTemplate.objects.create(
            code=template.code,
            version=template.version + 1,
            name=template.name,
            standard=template.standard,
            category=template.category,
            grading_rule=(changes or {}).get("grading_rule", template.grading_rule),
        )
        for item in items:
            item.pk = None
            item.template = revised
            item.save()
    return revised
