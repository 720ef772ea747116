"""PostgreSQL's search index now uses the "simple" configuration (search.analysis is the one
analyser). Rows written with the "dutch" configuration hold tokens stemmed twice; they are rebuilt
once every migration has run (search.reindex), not here: the page models must match their tables."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0006_remove_facetdataversion")]

    operations = []
