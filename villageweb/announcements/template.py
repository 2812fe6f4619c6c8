"""The "Pengumuman" and "Agenda" sections every new village starts with (hook villageweb_template_build,
run in the template schema; idempotent)."""

from django.db import transaction

from villageweb.announcements.models import AnnouncementIndexPage, EventIndexPage
from villageweb.village.tree import section_index_ensure


@transaction.atomic
def announcements_template_build() -> None:
    section_index_ensure(
        model=AnnouncementIndexPage,
        slug="pengumuman",
        title="Pengumuman",
        intro="Informasi penting yang perlu diketahui warga, lengkap dengan masa berlakunya.",
        description="Pengumuman resmi pemerintah desa untuk warga.",
    )
    section_index_ensure(
        model=EventIndexPage,
        slug="agenda",
        title="Agenda",
        intro="Jadwal kegiatan desa: musyawarah, posyandu, kerja bakti, dan acara warga lainnya.",
        description="Agenda kegiatan desa yang akan datang dan yang sudah berlangsung.",
    )
