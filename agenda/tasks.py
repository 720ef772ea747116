"""Background work of the agenda (django-tasks): e-mails, and the periodic jobs cron can also run
as management commands (reminders, expired offers, erasing registrations)."""

from django_tasks import task

from agenda import mail
from agenda.models import Registration


@task()
def send_registration_mail(registration_id, kind, subject="", message=""):
    registration = Registration.objects.filter(pk=registration_id).first()
    if registration is None:  # erased meanwhile
        return False
    return mail.send_registration_mail(registration, kind, subject=subject, message=message)


@task()
def send_reminders_task():
    from agenda.jobs import send_reminders

    return send_reminders()


@task()
def expire_offers_task():
    from agenda.services import expire_offers

    return expire_offers()


@task()
def purge_registrations_task():
    from agenda.jobs import purge_registrations

    return purge_registrations()
