"""schemathesis (pinned in requirements-dev.txt) against the API's own OpenAPI document (issue #27
item 16): generated valid and invalid requests, every check schemathesis has (no server error, status
codes, content type and bodies as documented, invalid input refused, valid input accepted).

The requests go to the WSGI application in this process, inside the test's transaction: Django's own
end-of-request connection close is held off for each call, as Django's test client does."""

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis import GenerationMode

from ..factories import in_village, make_news_page

pytestmark = pytest.mark.django_db
# Examples per generation mode: enough to reach every parameter's limits, a few seconds in all.
EXAMPLES = 40


def _application():
    handler = WSGIHandler()

    def application(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = handler(environ, start_response)
            body = b"".join(result)
            result.close()
            return [body]
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return application


def test_the_api_passes_every_schemathesis_check_against_its_openapi_document(village_factory):
    jlodro = village_factory("Jlodro", code="35.23.01.2001", district_name="Kenduruan")
    with in_village(jlodro):
        make_news_page("Musyawarah desa", date="2026-10-01")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", _application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 2  # berita-desa and layanan: every operation in the document is checked
    failures = []
    for operation in operations:
        _check(operation, failures)
    assert not failures, "\n".join(failures[:10])


def _check(operation, failures: list[str]) -> None:

    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(
        case=operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)
    )
    def check(case):
        try:
            case.call_and_validate()
        except Exception as error:  # noqa: BLE001 - every failure is collected and reported below
            failures.append(f"{case.formatted_path} {case.query}: {str(error)[:400]}")

    check()
