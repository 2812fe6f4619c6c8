from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Scheduled and heavy work across every village, run by procrastinate (docs/jobs.md).

    No tables of its own: the queue is procrastinate's, in the public schema.
    """

    name = "provisioning.jobs"
    label = "jobs"
    verbose_name = "Pekerjaan terjadwal"
