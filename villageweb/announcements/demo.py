"""Demo announcements (one already expired) and agenda events (past and upcoming)."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from villageweb.announcements.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    EventIndexPage,
    EventPage,
)


def _announcements(display_name: str, today: datetime.date) -> list[tuple[str, int, int, str, str]]:
    """(title, published days ago, valid for days from today, summary, body)."""
    return [
        (
            "Jadwal Pembayaran PBB-P2 Tahun Ini",
            5,
            20,
            "Batas akhir pembayaran Pajak Bumi dan Bangunan perdesaan adalah akhir bulan ini.",
            "Pembayaran dapat dilakukan melalui petugas pemungut di tiap dusun atau langsung di "
            "kantor desa pada hari kerja pukul 08.00–14.00 WIB. Bawa SPPT PBB tahun berjalan.",
        ),
        (
            "Pendaftaran Anggota Linmas Baru",
            3,
            10,
            f"Pemerintah {display_name} membuka pendaftaran enam anggota Perlindungan Masyarakat.",
            "Syarat: warga desa berusia 20–45 tahun, sehat jasmani, berkelakuan baik. Berkas "
            "(fotokopi KTP, KK, dan surat pernyataan) diserahkan ke kantor desa.",
        ),
        (
            "Pelayanan Administrasi Kependudukan Keliling",
            1,
            6,
            "Petugas Dispendukcapil melayani perekaman KTP-el dan pencetakan KIA di balai desa.",
            "Warga yang belum merekam KTP-el atau anak yang belum memiliki Kartu Identitas Anak "
            "dipersilakan datang membawa Kartu Keluarga asli.",
        ),
        (
            "Penutupan Sementara Jalan Desa untuk Pengecoran",
            40,
            -25,
            "Jalan utama dusun ditutup sementara selama pengecoran rabat beton.",
            "Kendaraan roda empat dialihkan melalui jalan dusun sebelah. Mohon maaf atas ketidaknyamanannya.",
        ),
    ]


def _events(today: datetime.date, *, kelurahan: bool) -> list[tuple[str, int, int, int, str, str]]:
    """(title, days from today, start hour, hours, place, description)."""
    first = (
        (
            "Sosialisasi Program Pembangunan Kelurahan",
            6,
            19,
            3,
            "Balai Kelurahan",
            "Penjelasan kegiatan yang dibiayai Dana Kelurahan tahun depan. Terbuka untuk warga.",
        )
        if kelurahan
        else (
            "Musyawarah Desa Penetapan APBDes",
            6,
            19,
            3,
            "Balai Desa",
            "Pembahasan dan penetapan Rancangan APBDes tahun depan bersama BPD. Terbuka untuk warga.",
        )
    )
    return [
        first,
        (
            "Posyandu Balita dan Lansia",
            9,
            8,
            3,
            "Polindes",
            "Penimbangan balita, imunisasi, pemeriksaan tekanan darah lansia. Bawa buku KIA.",
        ),
        (
            "Kerja Bakti Bersih Desa",
            13,
            6,
            4,
            "Seluruh dusun, berkumpul di depan masjid",
            "Membersihkan saluran air menjelang puncak musim hujan. "
            "Warga diminta membawa cangkul dan sapu lidi.",
        ),
        (
            "Rapat Koordinasi RT/RW",
            -12,
            19,
            2,
            "Balai pertemuan warga",
            "Evaluasi penyaluran bantuan sosial dan pendataan warga miskin.",
        ),
        (
            "Pengajian Umum Peringatan Maulid Nabi",
            -30,
            19,
            3,
            "Masjid Jami'",
            "Pengajian umum bersama warga dan tokoh agama.",
        ),
    ]


def announcements_demo_fill(*, village, demo) -> None:
    today = timezone.localdate()
    index = AnnouncementIndexPage.objects.get()
    for title, ago, valid_for, summary, body in _announcements(village.display_name, today):
        if AnnouncementPage.objects.filter(title=title).exists():
            continue
        page = index.add_child(
            instance=AnnouncementPage(
                title=title,
                slug=slugify(title),
                date=today - datetime.timedelta(days=ago),
                valid_until=today + datetime.timedelta(days=valid_for),
                summary=summary,
                body=[("paragraph", f"<p>{body}</p>")],
                live=False,
            )
        )
        page.save_revision().publish()
    agenda = EventIndexPage.objects.get()
    for title, days, hour, hours, place, description in _events(today, kelurahan=village.kind == "kelurahan"):
        if EventPage.objects.filter(title=title).exists():
            continue
        start = timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
        )
        page = agenda.add_child(
            instance=EventPage(
                title=title,
                slug=slugify(title),
                start=start,
                end=start + datetime.timedelta(hours=hours),
                place=place,
                description=description,
                live=False,
            )
        )
        page.save_revision().publish()
