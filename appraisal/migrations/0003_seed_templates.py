from django.db import migrations

from appraisal.seed import DEFECTS, TEMPLATES


def seed(apps, schema_editor):
    Category = apps.get_model("listings", "Category")
    InspectionTemplate = apps.get_model("appraisal", "InspectionTemplate")
    TemplateItem = apps.get_model("appraisal", "TemplateItem")
    DefectCode = apps.get_model("appraisal", "DefectCode")
    for spec in TEMPLATES:
        if InspectionTemplate.objects.filter(code=spec["code"]).exists():
            continue
        template = InspectionTemplate.objects.create(
            code=spec["code"], version=1, name=spec["name"], standard=spec["standard"],
            category=Category.objects.get(slug=spec["category"]) if spec["category"] else None,
            grading_rule=spec["rule"],
        )
        for position, (section, code, label, label_en, kind, weight, flags) in enumerate(spec["items"]):
            TemplateItem.objects.create(
                template=template, position=position, section=section, code=code, label=label, label_en=label_en,
                kind=kind, weight=weight, accident="accident" in flags, critical="critical" in flags,
                authenticity="authenticity" in flags, photo_required="photo" in flags,
                unit="%" if code == "battery" else ("km" if code == "odometer" else ""),
            )
    for slug, code, description, deduction in DEFECTS:
        DefectCode.objects.get_or_create(
            category=Category.objects.get(slug=slug), code=code,
            defaults={"description": description, "deduction_percent": deduction},
        )


class Migration(migrations.Migration):
    dependencies = [("appraisal", "0002_cases_templates_reports"),
                    ("listings", "0002_seed_categories_and_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
