"""Demo services of the OPD and kecamatan sites `seed_demo` provisions (provisioning/demo.py):
real Tuban-style services with their requirements, costs and legal bases (demo_data/providers.json).
Only real addresses are used: the national systems (oss.go.id, simbg.pu.go.id) are the online
channels of DPMPTSP's services; Dispendukcapil's and the RSUD's own applications are not known to
this project, so their demo services have no online link (a made-up address would be a dead "Mulai"
button) and Diskominfo registers the real ones in the application registry."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from villageweb.services.models import Application
from villageweb.village.models import ServiceIndexPage, ServicePage

PROVIDER_SERVICES = json.loads((Path(__file__).parent / "demo_data" / "providers.json").read_text("utf-8"))
REVIEWED = datetime.date(2026, 11, 2)


@transaction.atomic
def provider_services_fill(*, village) -> int:
    """Create the provider's demo services under its /layanan/ (current schema); idempotent."""
    index = ServiceIndexPage.objects.get()
    created = 0
    for spec in PROVIDER_SERVICES.get(village.code, []):
        if ServicePage.objects.filter(slug=spec["slug"]).exists():
            continue
        page = ServicePage(**spec, reviewed_at=REVIEWED)
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created


DEMO_APPLICATIONS = [
    (
        "OPD.DPMPTSP",
        "OSS (Online Single Submission)",
        "https://oss.go.id/",
        "Sistem perizinan berusaha terintegrasi secara elektronik milik Kementerian Investasi/BKPM: NIB dan "
        "izin usaha; DPMPTSP Tuban mendampingi pelaku usaha.",
    ),
    (
        "OPD.DPMPTSP",
        "SIMBG",
        "https://simbg.pu.go.id/",
        "Sistem Informasi Manajemen Bangunan Gedung milik Kementerian PUPR: permohonan PBG dan SLF.",
    ),
]


def applications_fill(*, owners: dict) -> None:
    """The demo application registry (public schema); `owners` maps provider codes to tenants."""
    for code, name, url, description in DEMO_APPLICATIONS:
        if code in owners:
            Application.objects.get_or_create(
                name=name, defaults={"owner": owners[code], "url": url, "description": description}
            )
