from django.db import migrations

from marketplace.geography.seed import CONFIRMED_COMMUNITIES, NANKAI, street_rows


def seed(apps, schema_editor):
    District = apps.get_model("geography", "District")
    Street = apps.get_model("geography", "Street")
    Community = apps.get_model("geography", "Community")
    district, _ = District.objects.get_or_create(code=NANKAI[0], defaults={"name": NANKAI[1]})
    streets = {}
    for code, name in street_rows():
        streets[name], _ = Street.objects.get_or_create(code=code, defaults={"name": name, "district": district})
    for street_name, name, lat, lon in CONFIRMED_COMMUNITIES:
        Community.objects.get_or_create(
            street=streets[street_name], name=name, defaults={"latitude": lat, "longitude": lon}
        )


class Migration(migrations.Migration):
    dependencies = [("geography", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
