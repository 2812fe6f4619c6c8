from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Scheduled and heavy work across every village, run by procrastinate (docs/jobs.md).

    The queue is procrastinate's, in the public schema; this app adds the record of reminders sent
    and of Diskominfo's heavy actions (OperatorJob).
    """

    name = "provisioning.jobs"
    label = "jobs"
    verbose_name = "Pekerjaan terjadwal"
