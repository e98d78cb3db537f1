from django.db import migrations


def create_head(apps, schema_editor):
    apps.get_model("regulation", "AuditLogHead").objects.get_or_create(pk=1, defaults={"size": 0})


class Migration(migrations.Migration):
    dependencies = [("regulation", "0003_regulator_side")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
