"""The demo's regency templates (demo_data/village_templates.json: real Tuban-style village letters
with their legal bases) and what the demo villages change of them: Kaliuntu its service desk's
hours and WhatsApp and a note on SKCK, Tasikmadu "tidak dilayani" for birth letters (births there
are at the puskesmas or a midwife, whose letter serves), Kutorejo its kelurahan officer, Jlodro
nothing (the templates as they are). No online link: the demo villages have no application of
their own, and an invented address would be a dead "Mulai" button."""

import datetime
import json
from pathlib import Path

from django.db import transaction

from villageweb.services.local.services import override_save, template_save
from villageweb.services.models import VillageServiceTemplate

TEMPLATES = json.loads(
    (Path(__file__).parent.parent / "demo_data" / "village_templates.json").read_text("utf-8")
)

DEMO_OVERRIDES = {
    "35.23.12.2014": {
        None: {
            "officer": "Kepala Seksi Pelayanan",
            "hours": "Senin–Kamis 08.00–14.00 WIB, Jumat 08.00–11.00 WIB",
            "whatsapp": "0812-3456-0100",
        },
        "surat-pengantar-skck": {
            "notes": "Berkas dapat dititipkan ke Ketua RT; surat pengantar siap diambil keesokan harinya.",
        },
    },
    "35.23.18.2002": {
        None: {"hours": "Senin–Jumat 07.30–14.00 WIB", "whatsapp": "0813-3020-0200"},
        "surat-keterangan-kelahiran": {
            "not_served": True,
            "notes": "Warga Tasikmadu bersalin di Puskesmas Palang atau bidan desa: surat keterangan "
            "lahir dari tempat bersalin itulah yang dipakai untuk akta kelahiran. Operator SIAK desa "
            "membantu mengajukannya ke Dispendukcapil.",
        },
    },
    "35.23.16.1013": {
        None: {"officer": "Kepala Seksi Pemerintahan dan Pelayanan Umum"},
    },
}


@transaction.atomic
def regency_templates_fill() -> int:
    """The regency's village services (public schema), each on every existing village; idempotent."""
    created = 0
    for spec in TEMPLATES:
        if VillageServiceTemplate.objects.filter(slug=spec["slug"]).exists():
            continue
        template_save(template=VillageServiceTemplate(**spec, reviewed_at=datetime.date(2026, 11, 2)))
        created += 1
    return created


def village_overrides_demo_fill(*, village, demo) -> None:
    """What a demo village changes of the regency's services (hook villageweb_demo_fill)."""
    for slug, values in DEMO_OVERRIDES.get(village.code, {}).items():
        template = VillageServiceTemplate.objects.filter(slug=slug).first() if slug else None
        if slug is None or template is not None:
            override_save(village=village, template=template, values=values)
