"""Synonyms added to the starting list after it was first seeded: HRM and P&O beside HR,
management beside leidinggevende, B&W. An entry editors have changed since is left as they made it."""

from django.db import migrations

HR_BEFORE = "hr, personeelszaken, human resources"
HR_NOW = "hr, hrm, p&o, personeelszaken, human resources, human resource management"
ADDED = ["management, manager, leidinggevende", "b&w, college van burgemeester en wethouders"]


def add_synonyms(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms=HR_BEFORE, language="nl").update(terms=HR_NOW)
    if not Synonym.objects.filter(terms__icontains="hrm", language="nl").exists():
        Synonym.objects.create(terms=HR_NOW, language="nl")
    for terms in ADDED:
        Synonym.objects.get_or_create(terms=terms, language="nl")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_facetdataversion")]
    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
