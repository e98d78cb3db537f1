import django.db.models.deletion
from django.db import migrations, models

from listings.seed.catalogue import load_catalogue


def seed(apps, schema_editor):
    load_catalogue(
        apps.get_model("listings", "ProhibitedItem"),
        apps.get_model("listings", "Category"),
        apps.get_model("listings", "RiskRule"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('listings', '0003_authority_hold'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProhibitedItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(unique=True)),
                ('name', models.CharField(max_length=60, verbose_name='name (Chinese)')),
                ('name_en', models.CharField(max_length=80, verbose_name='name (English)')),
                ('family', models.CharField(choices=[('prohibited', 'Prohibited item'), ('counterfeit', 'Counterfeit slang'), ('price_anomaly', 'Famous goods at an unusual price or quantity')], default='prohibited', max_length=30, verbose_name='family')),
                ('outcome', models.CharField(choices=[('hold', 'Hold for review'), ('block', 'Block')], default='block', max_length=10, verbose_name='outcome')),
                ('legal_basis', models.TextField(help_text='The laws and platform rules it rests on.', verbose_name='legal basis')),
                ('keywords', models.TextField(help_text='One per line; “a|b” means either, “a&b” means both.', verbose_name='keywords')),
                ('exceptions', models.TextField(blank=True, help_text='One per line: words containing a keyword that mean something ordinary (身份证套).', verbose_name='not meant by the keywords')),
                ('not_when', models.TextField(blank=True, help_text='One per line: accessories and containers the entry does not apply to (空酒瓶, 手机壳).', verbose_name='not when the title names')),
                ('title_only', models.BooleanField(default=False, help_text='Match the title only, not the description.', verbose_name='title only')),
                ('price_below', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, verbose_name='only when the price is below (CNY)')),
                ('quantity_at_least', models.PositiveIntegerField(blank=True, null=True, verbose_name='or when the quantity is at least')),
                ('notes', models.TextField(blank=True, help_text='What is still allowed, and why.', verbose_name='notes')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('categories', models.ManyToManyField(blank=True, help_text='The categories (with their subcategories) it applies to; none means every category.', related_name='+', to='listings.category', verbose_name='categories')),
                ('latest_revision', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision', verbose_name='latest revision')),
            ],
            options={
                'verbose_name': 'prohibited item',
                'verbose_name_plural': 'prohibited goods catalogue',
                'ordering': ['family', 'code'],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
