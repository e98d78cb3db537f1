from django.db import migrations

from search.dictionary import seed_entries


def seed(apps, schema_editor):
    """Load search/seed/dictionary.txt; rows staff have since added or changed are left alone."""
    Synonym = apps.get_model("search", "Synonym")
    Category = apps.get_model("listings", "Category")
    categories = {c.slug: c for c in Category.objects.all()}
    for row in seed_entries():
        Synonym.objects.get_or_create(
            term=row["term"],
            defaults={
                "synonyms": row["synonyms"],
                "narrower": row["narrower"],
                "category": categories.get(row["category"]),
                "is_brand": row["is_brand"],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_dictionary")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
