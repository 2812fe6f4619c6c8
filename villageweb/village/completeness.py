"""How complete a village's site is: the checklist behind the dashboard panel "Kelengkapan Situs".

Plain functions over the current schema, so the regency side can score any village with
`with schema_context(village.schema_name): site_completeness()`.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from villageweb.village.models import ContentPage, OfficialsPage, VisionMissionPage

RECENT_NEWS_DAYS = 30


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    hint: str
    page_id: int | None = None
    edit_url: str = ""  # where to fix it when it is not a page


@dataclass(frozen=True)
class Completeness:
    items: list[ChecklistItem]

    @property
    def score(self) -> int:
        """0–100: the share of checklist items done, rounded."""
        if not self.items:
            return 0
        return round(100 * sum(item.done for item in self.items) / len(self.items))

    def as_dict(self) -> dict:
        return {
            "score": self.score,
            "items": [{"key": i.key, "label": i.label, "done": i.done} for i in self.items],
        }


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


def _budget_this_year(today: datetime.date) -> ChecklistItem:
    """Through the app registry: the budget app sits above this one (pyproject's layers)."""
    page = apps.get_model("budget", "BudgetYearPage").objects.live().filter(year=today.year).first()
    done, page_id = page is not None, page.pk if page else None
    return ChecklistItem(
        "apbdes",
        f"APBDes tahun {today.year}",
        done,
        f"Terbitkan APBDes tahun {today.year} di halaman Transparansi APBDes.",
        page_id,
    )


def _recent_news(today: datetime.date) -> ChecklistItem:
    since = today - datetime.timedelta(days=RECENT_NEWS_DAYS)
    done = apps.get_model("news", "NewsPage").objects.live().filter(date__gte=since).exists()
    return ChecklistItem(
        "berita",
        f"Berita dalam {RECENT_NEWS_DAYS} hari terakhir",
        done,
        "Terbitkan berita kegiatan desa setidaknya sebulan sekali.",
    )


def _contact() -> ChecklistItem:
    from themes.models import VillageBranding

    branding = VillageBranding.objects.filter(site__is_default_site=True).first()
    return ChecklistItem(
        "kontak",
        "Kontak kantor desa",
        bool(branding and (branding.address.strip() or branding.phone.strip() or branding.whatsapp.strip())),
        "Isi alamat, telepon, atau WhatsApp kantor desa di Pengaturan › Identitas dan tampilan situs.",
        edit_url=reverse("wagtailsettings:edit", args=["themes", "villagebranding"]),
    )


def site_completeness(*, today: datetime.date | None = None) -> Completeness:
    """The checklist for the site of the current schema."""
    today = today or timezone.localdate()
    return Completeness(
        items=[
            _vision_mission(),
            _history(),
            _officials(),
            _budget_this_year(today),
            _recent_news(today),
            _contact(),
        ]
    )
