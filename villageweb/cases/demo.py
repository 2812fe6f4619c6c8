"""Demo cases for `seed_demo` (VILLAGEWEB_DEMO_FILLERS): every status, an overdue one, an extended
one, an information request answered with a link, and from the second demo village on, one forwarded
to it from the village before (the code stays the same)."""

import datetime

from django.utils import timezone

from tenants.models import Village
from villageweb.cases import services
from villageweb.cases.models import Case
from villageweb.cases.services import Submission

ACTOR = {"actor": "admin", "address": ""}


def _filed(village, days_ago: int, kind: str, category: str, subject: str, message: str, **person) -> Case:
    now = timezone.now() - datetime.timedelta(days=days_ago)
    submission = Submission(kind=kind, category=category, subject=subject, message=message, **person)
    if kind == Case.Kind.INFORMATION:
        submission.purpose = "Bahan laporan kegiatan karang taruna."
    return services.case_create(provider=village, submission=submission, now=now)


def cases_demo_fill(*, village: Village, demo) -> None:
    if Case.objects.filter(provider=village).exists():
        return
    place = village.display_name
    _filed(
        village,
        0,
        "pengaduan",
        "lingkungan",
        "Sampah menumpuk di saluran air",
        f"Saluran air di dekat balai {place} tersumbat sampah plastik; kalau hujan air meluap ke jalan.",
        name="Warga RT 02",
    )
    handled = _filed(
        village,
        3,
        "pengaduan",
        "infrastruktur",
        "Lampu penerangan jalan mati",
        "Tiga lampu jalan di RW 01 mati sejak minggu lalu, jalan gelap setelah magrib.",
        name="Ratna Juwita",
        phone="081234500001",
    )
    services.provider_case_get(provider=village, case_id=handled.pk, **ACTOR)
    services.case_assign(provider=village, case_id=handled.pk, **ACTOR, assignee="Kaur Perencanaan")
    services.case_note(
        provider=village, case_id=handled.pk, **ACTOR, text="Sudah dicek, perlu ganti 3 bola lampu."
    )

    answered = _filed(
        village,
        8,
        "pengaduan",
        "bantuan_sosial",
        "Jadwal pembagian BLT Dana Desa",
        "Kapan BLT Dana Desa tahap berikutnya dibagikan?",
        name="Rukmini",
    )
    services.case_reply(
        provider=village,
        case_id=answered.pk,
        **ACTOR,
        text="BLT Dana Desa tahap IV dibagikan di balai desa pada minggu kedua bulan depan; jadwal per RT "
        "diumumkan di papan pengumuman.",
        now=timezone.now() - datetime.timedelta(days=2),
    )
    closed = _filed(
        village,
        30,
        "informasi",
        "informasi_publik",
        "Salinan APBDes tahun ini",
        "Mohon salinan APBDes tahun berjalan beserta rinciannya.",
        name="Bagus Santoso",
        email="bagus@example.id",
    )
    services.case_reply(
        provider=village,
        case_id=closed.pk,
        **ACTOR,
        text="APBDes dapat diunduh di halaman Transparansi APBDes situs desa.",
        link=f"{village.url}/apbdes/",
        close=True,
        now=timezone.now() - datetime.timedelta(days=24),
    )
    late = _filed(
        village,
        40,
        "pengaduan",
        "administrasi",
        "Surat pengantar lama diproses",
        "Surat pengantar SKCK saya belum selesai setelah dua minggu.",
        name="Anwar",
    )
    services.case_reply(
        provider=village,
        case_id=late.pk,
        **ACTOR,
        text="Surat sudah selesai dan dapat diambil di kantor.",
        close=True,
        now=timezone.now() - datetime.timedelta(days=15),
    )
    overdue = _filed(
        village,
        25,
        "pengaduan",
        "infrastruktur",
        "Jembatan bambu rusak",
        "Jembatan bambu menuju sawah di dusun utara patah sebagian, berbahaya untuk anak sekolah.",
        name="Darmaji",
        phone="081234500002",
    )
    services.provider_case_get(provider=village, case_id=overdue.pk, **ACTOR)
    extended = _filed(
        village,
        9,
        "informasi",
        "keuangan_desa",
        "Rincian penggunaan Dana Desa untuk jalan",
        "Mohon rincian biaya pembangunan jalan rabat beton tahun lalu.",
        name="Lilis Handayani",
        phone="081234500003",
    )
    services.case_extend(
        provider=village,
        case_id=extended.pk,
        **ACTOR,
        reason="Dokumen pertanggungjawaban sedang dikumpulkan dari pelaksana kegiatan.",
    )
    before = (
        services.providers()
        .exclude(pk=village.pk)
        .filter(created_at__lt=village.created_at)
        .order_by("-created_at")
        .first()
    )
    if before is not None:
        wrong_door = _filed(
            before,
            2,
            "pengaduan",
            "ketertiban",
            f"Pencurian ternak di perbatasan {village.name}",
            f"Dua ekor kambing hilang di kandang dekat perbatasan {place}.",
            name="Samsul Hadi",
        )
        services.case_forward(
            provider=before,
            case_id=wrong_door.pk,
            **ACTOR,
            to_provider_id=village.pk,
            reason="Lokasi kejadian di wilayah desa tetangga.",
        )
