"""Restore a backup made by `manage.py backup`: the database and MEDIA_ROOT are replaced by it."""

from django.core.management.base import BaseCommand, CommandError

from operations.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Zet een back-up terug: vervangt de database en de uploads (MEDIA_ROOT)."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="de map van de back-up (var/backups/…)")
        parser.add_argument("--yes", action="store_true", help="niet vragen om bevestiging")
        parser.add_argument("--database-only", action="store_true", help="uploads niet terugzetten")
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="parallelle taken van pg_restore (standaard: één per processorkern, hoogstens 4)",
        )

    def handle(self, *args, **options):
        if not options["yes"] and options.get("interactive", True):
            answer = input("Dit vervangt de database en alle uploads. Doorgaan? [ja/nee] ")
            if answer.strip().lower() not in ("ja", "j", "yes", "y"):
                raise CommandError("Afgebroken.")
        try:
            manifest, seconds = restore_backup(
                options["backup"], media=not options["database_only"], jobs=options["jobs"]
            )
        except (BackupError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Teruggezet in {seconds} s: back-up van {manifest['created_at']}, {manifest['counts']}"
        )
