"""Demo services of the OPD and kecamatan sites `seed_demo` provisions (provisioning/demo.py):
real Tuban-style services with their requirements, costs and legal bases (demo_data/providers.json).
The national systems' links (oss.go.id, simbg.pu.go.id) are real; the regency's own application
addresses stand for the ones Diskominfo enters in the application registry."""

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
        "OPD.DUKCAPIL",
        "Layanan Daring Dispendukcapil Tuban",
        "https://dukcapil.tubankab.go.id/layanan-online/",
        "Permohonan akta kelahiran, akta kematian, dan surat pindah tanpa datang ke kantor; dokumen dikirim "
        "dalam bentuk PDF untuk dicetak sendiri.",
    ),
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
    (
        "OPD.RSUD",
        "Pendaftaran Daring RSUD dr. R. Koesma",
        "https://rsud.tubankab.go.id/pendaftaran-online",
        "Antrean rawat jalan daring untuk pasien umum dan peserta BPJS Kesehatan.",
    ),
]


def applications_fill(*, owners: dict) -> None:
    """The demo application registry (public schema); `owners` maps provider codes to tenants."""
    for code, name, url, description in DEMO_APPLICATIONS:
        if code in owners:
            Application.objects.get_or_create(
                name=name, defaults={"owner": owners[code], "url": url, "description": description}
            )
