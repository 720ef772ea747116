"""Load the CBS key figures of 1 January 2024 (table 85984NED) for the 342 current municipalities."""

from django.db import migrations


def load(apps, schema_editor):
    from practices.figures import load_first_edition

    load_first_edition(
        apps.get_model("practices", "Municipality"),
        apps.get_model("practices", "MunicipalityFigures"),
    )


def unload(apps, schema_editor):
    apps.get_model("practices", "MunicipalityFigures").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("practices", "0004_municipalityfigures")]

    operations = [migrations.RunPython(load, unload)]
