from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        # Elasticsearch index updates on publish, unpublish, move, delete and renamed terms.
        from search import indexing

        indexing.connect()
        # Synonyms change what a search finds: cached search pages and API answers must go.
        import changes
        from search.models import Synonym

        changes.watch(Synonym)
        # Index rows a migration made stale are rebuilt after all migrations have run.
        from search.reindex import rebuild_database_index

        post_migrate.connect(rebuild_database_index, sender=self)
