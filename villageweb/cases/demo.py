"""Demo cases for `seed_demo` (hook villageweb_demo_fill, wagtail_hooks.py, run in the village's
schema): every status, an overdue one, an extended one, one assigned to the village's Kaur
Perencanaan (a demo account without a password), an information request answered with a link, an
objection waiting for the Kepala Desa, and from the second demo village on, one forwarded to it from
the village before (the code stays the same)."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from tenants.models import Village
from villageweb.accounts.roles import GROUP_OPERATOR
from villageweb.cases import services
from villageweb.cases.models import Case
from villageweb.cases.services import Submission

ACTOR = {"actor": "admin", "address": ""}
DEMO_OFFICIAL = ("kaur.perencanaan", "Sutrisno", "Kaur Perencanaan")


def _demo_official() -> str:
    """An Operator account of the village (no usable password: nobody signs in as it) to assign to."""
    username, first, last = DEMO_OFFICIAL
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": f"({last})"}
    )
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=GROUP_OPERATOR))
    return username


def _filed(village, days_ago: int, kind: str, category: str, subject: str, message: str, **person) -> Case:
    now = timezone.now() - datetime.timedelta(days=days_ago)
    submission = Submission(kind=kind, category=category, subject=subject, message=message, **person)
    if kind == Case.Kind.INFORMATION:
        submission.purpose = "Bahan laporan kegiatan karang taruna."
    return services.case_create(provider=village, submission=submission, now=now)


# (days ago, kind, category, subject, message, sender, what the official did: None, "read",
# ("assign", note), ("reply", days ago, text, link path or "", close), ("extend", reason) or
# ("object", reply as above, the citizen's objection)).
DEMO_CASES = [
    (
        0,
        "pengaduan",
        "lingkungan",
        "Sampah menumpuk di saluran air",
        "Saluran air di dekat balai desa tersumbat sampah plastik; kalau hujan air meluap ke jalan.",
        {"name": "Warga RT 02"},
        None,
    ),
    (
        3,
        "pengaduan",
        "infrastruktur",
        "Lampu penerangan jalan mati",
        "Tiga lampu jalan di RW 01 mati sejak minggu lalu, jalan gelap setelah magrib.",
        {"name": "Ratna Juwita", "phone": "081234500001"},
        ("assign", "Sudah dicek, perlu ganti 3 bola lampu."),
    ),
    (
        8,
        "pengaduan",
        "bantuan_sosial",
        "Jadwal pembagian BLT Dana Desa",
        "Kapan BLT Dana Desa tahap berikutnya dibagikan?",
        {"name": "Rukmini"},
        (
            "reply",
            2,
            "BLT Dana Desa tahap IV dibagikan di balai desa pada minggu kedua bulan depan; jadwal "
            "per RT diumumkan di papan pengumuman.",
            "",
            False,
        ),
    ),
    (
        30,
        "informasi",
        "informasi_publik",
        "Salinan APBDes tahun ini",
        "Mohon salinan APBDes tahun berjalan beserta rinciannya.",
        {"name": "Bagus Santoso", "email": "bagus@example.id"},
        ("reply", 24, "APBDes dapat diunduh di halaman Transparansi APBDes situs desa.", "/apbdes/", True),
    ),
    (
        40,
        "pengaduan",
        "administrasi",
        "Surat pengantar lama diproses",
        "Surat pengantar SKCK saya belum selesai setelah dua minggu.",
        {"name": "Anwar"},
        ("reply", 15, "Surat sudah selesai dan dapat diambil di kantor.", "", True),
    ),
    (
        25,
        "pengaduan",
        "infrastruktur",
        "Jembatan bambu rusak",
        "Jembatan bambu menuju sawah di dusun utara patah sebagian, berbahaya untuk anak sekolah.",
        {"name": "Darmaji", "phone": "081234500002"},
        "read",
    ),
    (
        9,
        "informasi",
        "keuangan_desa",
        "Rincian penggunaan Dana Desa untuk jalan",
        "Mohon rincian biaya pembangunan jalan rabat beton tahun lalu.",
        {"name": "Lilis Handayani", "phone": "081234500003"},
        ("extend", "Dokumen pertanggungjawaban sedang dikumpulkan dari pelaksana kegiatan."),
    ),
    (
        20,
        "informasi",
        "keuangan_desa",
        "Laporan realisasi APBDes semester I",
        "Mohon laporan realisasi APBDes semester pertama.",
        {"name": "Joko Susilo", "email": "joko@example.id"},
        (
            "object",
            ("reply", 12, "Laporan realisasi belum dapat kami berikan.", "", False),
            "Laporan realisasi wajib diumumkan; mohon diberikan.",
        ),
    ),
]


def _handle(village: Village, case: Case, action) -> None:
    target = {"provider": village, "case_id": case.pk, **ACTOR}
    if action == "read":
        services.provider_case_get(**target)
    elif action[0] == "assign":
        services.case_assign(**target, assignee=_demo_official())
        services.case_note(**target, text=action[1])
    elif action[0] == "object":
        _handle(village, case, action[1])
        services.case_object(code=case.code, text=action[2], address="")
    elif action[0] == "reply":
        _, days_ago, text, path, close = action
        answered = timezone.now() - datetime.timedelta(days=days_ago)
        link = f"{village.url}{path}" if path else ""
        services.case_reply(**target, text=text, link=link, close=close, now=answered)
    elif action[0] == "extend":
        services.case_extend(**target, reason=action[1])


def cases_demo_fill(*, village: Village, demo) -> None:
    if Case.objects.filter(provider=village).exists():
        return
    for days_ago, kind, category, subject, message, sender, action in DEMO_CASES:
        case = _filed(village, days_ago, kind, category, subject, message, **sender)
        if action is not None:
            _handle(village, case, action)
    # "No wrong door": a complaint sent to the demo village made before this one, forwarded here.
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
            f"Dua ekor kambing hilang di kandang dekat perbatasan {village.display_name}.",
            name="Samsul Hadi",
        )
        services.case_forward(
            provider=before,
            case_id=wrong_door.pk,
            **ACTOR,
            to_provider_id=village.pk,
            reason="Lokasi kejadian di wilayah desa tetangga.",
        )
