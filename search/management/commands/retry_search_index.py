"""Send the index updates the search engine missed while it was unreachable."""

from django.core.management.base import BaseCommand

from search.indexing import retry_pending_updates


class Command(BaseCommand):
    help = "Send queued Elasticsearch index updates again (run every few minutes, e.g. from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="At most this many updates.")

    def handle(self, *args, limit=None, **options):
        sent, pending = retry_pending_updates(limit=limit)
        self.stdout.write(f"Sent {sent} queued search index updates; {pending} still pending.")
