import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('regulation', '0005_move_supervision_office_table'),
        ('geography', '0003_supervision_office'),
        ('accounts', '0002_supervision_office_in_geography'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='regulatorclient',
                    name='office',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='clients', to='geography.supervisionoffice'),
                ),
                migrations.DeleteModel(name='SupervisionOffice'),
            ],
        ),
    ]
