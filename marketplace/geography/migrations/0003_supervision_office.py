# Takes over SupervisionOffice from regulation; the table was renamed by regulation 0005, so this only
# changes the migration state.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('geography', '0002_seed_nankai'),
        ('regulation', '0005_move_supervision_office_table'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SupervisionOffice',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                        ('district', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='supervision_offices', to='geography.district', verbose_name='district')),
                    ],
                    options={
                        'verbose_name': 'market-supervision office',
                        'verbose_name_plural': 'market-supervision offices',
                        'ordering': ['name'],
                    },
                ),
            ],
        ),
    ]
