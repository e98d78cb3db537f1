"""Listings the regulator or an IP notice took down before holds existed get their hold, so that no
appeal or moderator's approval brings them back."""

from django.db import migrations

OPEN_NOTICE = ("taken_down", "counter_declared", "complaint_filed", "upheld")


def backfill(apps, schema_editor):
    Listing = apps.get_model("listings", "Listing")
    Flag = apps.get_model("regulation", "Flag")
    IPNotice = apps.get_model("regulation", "IPNotice")
    down = Listing.objects.filter(status__in=("removed", "blocked"), authority_hold="none")
    noticed = IPNotice.objects.filter(status__in=OPEN_NOTICE).values("listing_id")
    down.filter(pk__in=noticed).update(
        authority_hold="ip_notice", authority_hold_reason="Taken down after an IP notice"
    )
    decided = Flag.objects.filter(decision__in=("takedown", "refer_police")).values("listing_id")
    Listing.objects.filter(status__in=("removed", "blocked"), pk__in=decided).update(
        authority_hold="regulator", authority_hold_reason="Taken down by the market regulator"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("regulation", "0007_flag_type_other"),
        ("listings", "0003_authority_hold"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
