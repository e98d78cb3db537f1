import datetime as dt

from django.db import migrations

from community_events.seed import FACTORS


def seed(apps, schema_editor):
    Category = apps.get_model("listings", "Category")
    EmissionFactor = apps.get_model("community_events", "EmissionFactor")
    for slug, co2e, weight, rate, low, high, source in FACTORS:
        EmissionFactor.objects.get_or_create(
            category=Category.objects.get(slug=slug), version=1,
            defaults={"kg_co2e_new": co2e, "kg_weight": weight, "replacement_rate": rate, "replacement_low": low,
                      "replacement_high": high, "source": source, "valid_from": dt.date(2023, 1, 1)},
        )
    # The events index under the home page.
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    EventIndexPage = apps.get_model("community_events", "EventIndexPage")
    home = Page.objects.filter(depth=2).order_by("path").first()
    if home is None or EventIndexPage.objects.exists():
        return
    index_type, _ = ContentType.objects.get_or_create(app_label="community_events", model="eventindexpage")
    last_child = Page.objects.filter(depth=3, path__startswith=home.path).order_by("-path").first()
    next_number = int(last_child.path[-4:], 36) + 1 if last_child else 1
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    step = ""
    number = next_number
    for _ in range(4):
        step = alphabet[number % 36] + step
        number //= 36
    EventIndexPage.objects.create(
        title="社区换物活动", draft_title="社区换物活动", slug="events", content_type=index_type,
        path=home.path + step, depth=3, numchild=0, url_path=home.url_path + "events/", locale_id=home.locale_id,
        intro="街道办组织的邻里换物活动：报名摊位或参观，带上闲置物品，现场登记换取换物券。",
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("community_events", "0001_initial"),
        ("core", "0003_scheduled_job"),
        ("listings", "0002_seed_categories_and_rules"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
