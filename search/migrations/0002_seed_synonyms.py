from django.db import migrations


def seed(apps, schema_editor):
    from search.synonym_seed import DUTCH_SYNONYMS, ENGLISH_SYNONYMS

    Synonym = apps.get_model("search", "Synonym")
    for language, rows in (("nl", DUTCH_SYNONYMS), ("en", ENGLISH_SYNONYMS)):
        for terms in rows:
            Synonym.objects.get_or_create(terms=terms, language=language)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_synonym")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
