from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_scheduled_job'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='scheduledjob',
            options={'ordering': ['name'], 'verbose_name': 'periodic task', 'verbose_name_plural': 'periodic tasks'},
        ),
        migrations.AlterField(
            model_name='scheduledjob',
            name='name',
            field=models.CharField(max_length=200, unique=True, verbose_name='task'),
        ),
        migrations.AlterField(
            model_name='scheduledjob',
            name='last_enqueued_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last enqueued'),
        ),
        migrations.AddField(
            model_name='scheduledjob',
            name='last_succeeded_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last succeeded'),
        ),
        migrations.AddField(
            model_name='scheduledjob',
            name='last_failed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last failed'),
        ),
        migrations.AddField(
            model_name='scheduledjob',
            name='last_error',
            field=models.TextField(blank=True, verbose_name='last error'),
        ),
        migrations.AddField(
            model_name='scheduledjob',
            name='failures',
            field=models.PositiveIntegerField(default=0, verbose_name='failures in a row'),
        ),
        migrations.CreateModel(
            name='Heartbeat',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, unique=True, verbose_name='process')),
                ('beat_at', models.DateTimeField(verbose_name='last heartbeat')),
                ('pid', models.PositiveIntegerField(default=0)),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started')),
            ],
            options={'ordering': ['name'], 'verbose_name': 'heartbeat', 'verbose_name_plural': 'heartbeats'},
        ),
    ]
