import uuid

from django.db import migrations, models


def create_version_row(apps, schema_editor):
    apps.get_model("search", "FacetDataVersion").objects.create(pk=1, token=uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_pendingindexupdate"),
    ]

    operations = [
        migrations.CreateModel(
            name="FacetDataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
            options={
                "verbose_name": "versie van de facetgegevens",
                "verbose_name_plural": "versies van de facetgegevens",
            },
        ),
        migrations.RunPython(create_version_row, migrations.RunPython.noop),
    ]
