# SupervisionOffice moves to geography (an office is a place with a jurisdiction). The rows stay where
# they are: the table is renamed here, and geography takes over the model in its 0003 without touching
# the database.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('regulation', '0004_audit_head'),
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='supervisionoffice', table='geography_supervisionoffice'),
            ],
        ),
    ]
