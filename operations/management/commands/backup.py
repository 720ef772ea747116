"""Back up the database and the uploads (MEDIA_ROOT) into one folder under BACKUP_DIR (run from cron)."""

import os

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, backup_root, make_backup


class Command(BaseCommand):
    help = "Maakt een back-up van de database en de uploads (BACKUP_DIR, standaard var/backups)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="map voor de back-ups (anders BACKUP_DIR)")
        parser.add_argument(
            "--keep",
            type=int,
            default=int(os.environ.get("BACKUP_KEEP", 14)),
            help="bewaar zoveel back-ups, de oudste gaan weg (BACKUP_KEEP, standaard 14)",
        )
        parser.add_argument(
            "--database-only", action="store_true", help="zonder uploads (die staan in S3)"
        )

    def handle(self, *args, **options):
        try:
            folder = make_backup(
                options["dir"] or backup_root(), options["keep"], media=not options["database_only"]
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(folder))
