"""No public page, feed, API or export shows a complainant's personal data: every live page of a
village full of demo content and cases, its feeds, sitemap, search, /lacak/ of every code,
/transparansi/ and the APIs, on the village's host and the portal."""

import pytest
from django.db import connection
from wagtail.models import Page

from villageweb.cases.demo import cases_demo_fill
from villageweb.cases.models import Case
from villageweb.cases.services import Submission, case_create

from ..factories import fill_demo_content, in_village, village_of

pytestmark = pytest.mark.django_db

SECRET = Submission(
    kind="pengaduan",
    category="lainnya",
    subject="Keluhan pelayanan",
    message="Saya Wiwik Sulistyowati NIK 3523014405870001, HP 081377712345, surel wiwik.rahasia@example.id",
    name="Wiwik Sulistyowati",
    phone="081377712345",
    email="wiwik.rahasia@example.id",
)


def test_no_public_url_shows_personal_data(village_factory, client_for):
    kaliuntu = village_factory("Kaliuntu")
    fill_demo_content(kaliuntu)
    with in_village(kaliuntu):
        cases_demo_fill(village=village_of(kaliuntu), demo=None)
        paths = [page.url for page in Page.objects.live().public().specific() if page.url]
    connection.set_schema_to_public()
    case_create(provider=village_of(kaliuntu), submission=SECRET)
    secrets = {"Wiwik", "3523014405870001", "081377712345", "wiwik.rahasia"}
    for case in Case.objects.all():
        secrets |= {value for value in (case.name, case.phone, case.email) if len(value) > 3}
    codes = list(Case.objects.values_list("code", flat=True))
    village_paths = (
        paths
        + [
            "/transparansi/",
            "/api/v1/transparansi/",
            "/lacak/",
            "/sitemap.xml",
            "/cari/?q=keluhan+pelayanan",
            "/kontak/",
        ]
        + [f"/lacak/?kode={code}" for code in codes]
    )
    portal_paths = [
        "/",
        "/transparansi/",
        "/transparansi/?format=csv",
        "/api/v1/transparansi/",
        "/pengaduan/",
        "/berita-desa/",
        "/berita-desa/feed/",
        "/api/v1/berita-desa/",
    ] + [f"/lacak/?kode={code}" for code in codes]
    checked = 0
    for host, urls in ((kaliuntu.domain, village_paths), ("localhost", portal_paths)):
        client = client_for(host)
        for path in urls:
            response = client.get(path, REMOTE_ADDR=f"10.9.{checked // 200}.{checked % 200}")
            assert response.status_code == 200, (host, path, response.status_code)
            body = b"".join(response) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            leaked = [secret for secret in secrets if secret in text]
            assert not leaked, (host, path, leaked)
            checked += 1
    assert checked > 30
