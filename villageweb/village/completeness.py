"""The village's own items of the Kelengkapan Situs checklist (villageweb/health/completeness.py
gathers every app's through the `villageweb_completeness_items` hook), and the item type the other
content apps build theirs with.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from themes.models import VillageBranding
from villageweb.village.models import ContentPage, OfficialsPage, VisionMissionPage


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    hint: str
    page_id: int | None = None
    edit_url: str = ""  # where to fix it when it is not a page


def _vision_mission() -> ChecklistItem:
    page = VisionMissionPage.objects.live().first()
    return ChecklistItem(
        "visi_misi",
        "Visi dan misi",
        bool(page and page.vision.strip() and page.mission.strip()),
        "Isi visi dan misi sesuai RPJMDes.",
        page.pk if page else None,
    )


def _history() -> ChecklistItem:
    page = ContentPage.objects.live().filter(slug="sejarah").first()
    return ChecklistItem(
        "sejarah",
        "Sejarah desa",
        bool(page and len(page.body) > 0),
        "Tulis sejarah dan asal-usul desa.",
        page.pk if page else None,
    )


def _officials() -> ChecklistItem:
    page = OfficialsPage.objects.live().first()
    return ChecklistItem(
        "perangkat",
        "Perangkat desa",
        bool(page and page.officials.exists()),
        "Masukkan daftar perangkat desa beserta jabatannya.",
        page.pk if page else None,
    )


def _contact() -> ChecklistItem:
    branding = VillageBranding.objects.filter(site__is_default_site=True).first()
    return ChecklistItem(
        "kontak",
        "Kontak kantor desa",
        bool(branding and (branding.address.strip() or branding.phone.strip() or branding.whatsapp.strip())),
        "Isi alamat, telepon, atau WhatsApp kantor desa di Pengaturan › Identitas dan tampilan situs.",
        edit_url=reverse("wagtailsettings:edit", args=["themes", "villagebranding"]),
    )


def profile_completeness_items(*, today: datetime.date) -> list[ChecklistItem]:
    return [_vision_mission(), _history(), _officials()]


def contact_completeness_items(*, today: datetime.date) -> list[ChecklistItem]:
    return [_contact()]
