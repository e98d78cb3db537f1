from django.db import migrations

from listings.seed import CATEGORIES, RULES


def seed(apps, schema_editor):
    Category = apps.get_model("listings", "Category")
    RiskRule = apps.get_model("listings", "RiskRule")
    by_slug = {}
    for position, (slug, parent, name, name_en, attributes, threshold) in enumerate(CATEGORIES):
        parent_obj = by_slug.get(parent)
        path = f"{parent_obj.path}/{slug}" if parent_obj else slug
        by_slug[slug], _ = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "parent": parent_obj, "path": path, "name": name, "name_en": name_en, "position": position,
                "attributes": attributes, "high_value_threshold": threshold,
            },
        )
    for code, family, description, kind, terms, parameters, outcome, scope in RULES:
        RiskRule.objects.get_or_create(
            code=code,
            defaults={
                "family": family, "description": description, "kind": kind,
                "terms": terms if kind != "check" else "", "check_name": terms if kind == "check" else "",
                "parameters": parameters, "outcome": outcome, "scope": scope,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("listings", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
