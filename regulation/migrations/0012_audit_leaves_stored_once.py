from django.db import migrations, models


def drop_leaf_nodes(apps, schema_editor):
    """A leaf's hash is kept with its entry only; the copies stored as level-0 nodes go."""
    apps.get_model("regulation", "AuditNode").objects.filter(level=0).delete()


def restore_leaf_nodes(apps, schema_editor):
    AuditEntry = apps.get_model("regulation", "AuditEntry")
    AuditNode = apps.get_model("regulation", "AuditNode")
    rows = AuditEntry.objects.order_by("index").values_list("index", "leaf_hash").iterator(chunk_size=5000)
    AuditNode.objects.bulk_create(
        (AuditNode(level=0, position=index, hash=bytes.fromhex(leaf)) for index, leaf in rows), batch_size=5000
    )


class Migration(migrations.Migration):
    """Fewer writes per audit entry: no query looks entries up by event type, and leaf hashes are stored
    once."""

    dependencies = [
        ("regulation", "0011_admin_labels"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="event_type",
            field=models.CharField(max_length=60),
        ),
        migrations.RunPython(drop_leaf_nodes, restore_leaf_nodes),
    ]
