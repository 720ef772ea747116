"""Load the CBS municipalities of 2015 and 2026, their provinces and the mergers between them."""

from django.db import migrations


def load(apps, schema_editor):
    from practices.places import load_places

    load_places(
        apps.get_model("practices", "Province"),
        apps.get_model("practices", "Municipality"),
        apps.get_model("practices", "MunicipalitySuccession"),
    )


class Migration(migrations.Migration):
    dependencies = [("practices", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
