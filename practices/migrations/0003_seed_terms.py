"""Add the starting themes, professional groups and learning forms in Dutch and English."""

from django.db import migrations


def seed(apps, schema_editor):
    from practices.taxonomy_seed import seed_terms

    seed_terms(
        apps.get_model("wagtailcore", "Locale"),
        apps.get_model("practices", "Theme"),
        apps.get_model("practices", "ProfessionalGroup"),
        apps.get_model("practices", "LearningForm"),
    )


class Migration(migrations.Migration):
    dependencies = [("practices", "0002_load_places"), ("wagtailcore", "0098_apitoken")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
