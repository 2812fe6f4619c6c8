from django.apps import AppConfig


class ServicesConfig(AppConfig):
    """The regency's catalogue of public services (issue #29): the portal's index of every provider's
    service pages, the application registry, link checks and citizens' feedback.

    Its tables live only in the public schema (SHARED_APPS only); a provider's publish writes the
    index through django-tenants' search path in the publish's own transaction, as the news
    federation does, from villageweb.publishing.changes.page_changed.
    """

    name = "villageweb.services"
    label = "layanan"
    verbose_name = "Katalog layanan publik"
