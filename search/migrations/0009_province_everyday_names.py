"""The province Fryslân is called Friesland in everyday Dutch and in English: a search for either
finds the other. An entry editors already made for it is left as it is."""

from django.db import migrations

ENTRY = "Fryslân, Friesland"


def add_synonym(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for language in ("nl", "en"):
        if not Synonym.objects.filter(terms__icontains="friesland", language=language).exists():
            Synonym.objects.create(terms=ENTRY, language=language)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_queryoutcome")]
    operations = [migrations.RunPython(add_synonym, migrations.RunPython.noop)]
