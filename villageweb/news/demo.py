"""Demo news for the README's villages: realistic Indonesian items, categories, generated photos."""

import datetime
import io
import random

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

from villageweb.news.models import NewsCategory, NewsIndexPage, NewsPage

CATEGORIES = ["Pemerintahan", "Pembangunan", "Kesehatan", "Ekonomi Warga", "Kegiatan Warga"]

# What each demo village lives from, to make its news its own.
LIVELIHOOD = {
    "Kaliuntu": ("nelayan", "ikan asin", "Dusun Kaliuntu Wetan"),
    "Tasikmadu": ("nelayan", "terasi dan kerupuk ikan", "Dusun Tasikmadu Lor"),
    "Kutorejo": ("pelaku UMKM", "batik gedog dan jajanan khas Tuban", "RW 03"),
    "Jlodro": ("petani jagung", "keripik jagung dan susu sapi", "Dusun Krajan"),
}


def demo_photo(title: str, alt: str, *, seed: str) -> Image:
    """A simple generated picture (sky, land, sun) so demo pages look alive without stock photos."""
    rng = random.Random(seed)
    sky = (rng.randint(90, 160), rng.randint(150, 200), rng.randint(200, 240))
    land = (rng.randint(40, 110), rng.randint(110, 160), rng.randint(40, 90))
    picture = PILImage.new("RGB", (1200, 675), sky)
    draw = ImageDraw.Draw(picture)
    horizon = rng.randint(330, 430)
    draw.rectangle([0, horizon, 1200, 675], fill=land)
    sun_x = rng.randint(150, 1050)
    draw.ellipse([sun_x - 60, 80, sun_x + 60, 200], fill=(250, 214, 90))
    for _ in range(6):
        x = rng.randint(0, 1150)
        draw.rectangle(
            [x, horizon - rng.randint(40, 120), x + rng.randint(40, 90), horizon], fill=(150, 80, 50)
        )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82)
    image = Image(title=title, description=alt)
    image.file = ImageFile(buffer, name=f"{slugify(title)[:40]}.jpg")
    image.save()
    return image


def _items(village_name: str, display_name: str, today: datetime.date, *, kelurahan: bool) -> list[dict]:
    """Six news items; a kelurahan (no Dana Desa, no BLT Dana Desa) gets five, in its own words."""
    worker, product, hamlet = LIVELIHOOD.get(village_name, ("warga", "hasil bumi", "Dusun Krajan"))
    next_year = today.year + 1
    fund = "Dana Kelurahan" if kelurahan else "Dana Desa"
    items = [
        {
            "title": (
                f"Musrenbang Kelurahan Sepakati Usulan Pembangunan {next_year}"
                if kelurahan
                else f"Musyawarah Desa Sepakati Prioritas RKPDes {next_year}"
            ),
            "days_ago": 2,
            "category": "Pemerintahan",
            "tags": ["musdes", "perencanaan"],
            "summary": f"Perwakilan RT, RW, BPD, dan tokoh masyarakat {display_name} menyepakati "
            f"prioritas pembangunan tahun {next_year} di balai {'kelurahan' if kelurahan else 'desa'}.",
            "body": [
                (
                    f"Musyawarah perencanaan pembangunan kelurahan untuk tahun {next_year} dihadiri "
                    "58 peserta, terdiri atas lurah dan staf, LPMK, ketua RT dan RW, kader PKK, "
                    "karang taruna, dan perwakilan kelompok perempuan."
                    if kelurahan
                    else f"Musyawarah desa penyusunan Rencana Kerja Pemerintah Desa (RKPDes) {next_year} "
                    "dihadiri 64 peserta, terdiri atas perangkat desa, anggota BPD, ketua RT dan RW, "
                    "kader PKK, karang taruna, dan perwakilan kelompok perempuan."
                ),
                f"Tiga usulan dengan suara terbanyak adalah perbaikan jalan lingkungan {hamlet}, "
                "penambahan lampu penerangan jalan, dan pelatihan keterampilan bagi pemuda.",
            ],
            "photo": "Suasana musyawarah desa di balai desa",
        },
        {
            "title": f"Jalan Rabat Beton {hamlet} Sepanjang 350 Meter Rampung",
            "days_ago": 9,
            "category": "Pembangunan",
            "tags": [fund.lower(), "infrastruktur"],
            "summary": f"Pembangunan jalan rabat beton di {hamlet} yang dibiayai {fund} selesai "
            "dikerjakan secara padat karya oleh warga.",
            "body": [
                "Pekerjaan dilaksanakan selama 30 hari kerja dengan melibatkan 25 warga setempat "
                "sebagai tenaga kerja, sehingga upahnya ikut menggerakkan ekonomi desa.",
                "Tim Pelaksana Kegiatan (TPK) memasang papan informasi kegiatan berisi besar "
                "anggaran, volume pekerjaan, dan sumber dana agar warga dapat ikut mengawasi.",
            ],
            "photo": f"Jalan rabat beton baru di {hamlet}",
        },
        {
            "title": "Posyandu Balita dan Pemberian Makanan Tambahan untuk Cegah Stunting",
            "days_ago": 16,
            "category": "Kesehatan",
            "tags": ["posyandu", "stunting"],
            "summary": "Kader posyandu menimbang dan mengukur 86 balita serta membagikan makanan "
            "tambahan bergizi berbahan pangan lokal.",
            "body": [
                "Kegiatan didampingi bidan desa dari Puskesmas. Balita yang berat badannya tidak "
                "naik dua bulan berturut-turut dirujuk untuk pemeriksaan lanjutan.",
                "Menu makanan tambahan bulan ini berupa bubur kacang hijau, telur rebus, dan "
                "olahan ikan yang dimasak bersama oleh kader PKK.",
            ],
            "photo": "Kader posyandu menimbang balita",
        },
        {
            "title": f"Pelatihan Pengemasan Produk {product.capitalize()} bagi Kelompok Usaha",
            "days_ago": 25,
            "category": "Ekonomi Warga",
            "tags": ["umkm", "pelatihan"],
            "summary": f"Dua puluh pelaku usaha belajar mengemas dan memasarkan {product} secara daring "
            "agar harganya lebih baik.",
            "body": [
                f"Pelatihan diikuti para {worker} dan anggota kelompok wanita. Materi meliputi "
                "desain label, perizinan PIRT, dan cara berjualan melalui lokapasar.",
                "BUMDes akan menampung produk yang sudah berlabel untuk dipasarkan bersama.",
            ],
            "photo": None,
        },
        {
            "title": "Kerja Bakti Bersih Saluran Air Menyambut Musim Hujan",
            "days_ago": 33,
            "category": "Kegiatan Warga",
            "tags": ["gotong royong"],
            "summary": "Warga dari seluruh RT membersihkan saluran air dan memangkas dahan pohon "
            "untuk mencegah banjir dan pohon tumbang.",
            "body": [
                "Kerja bakti dimulai pukul 06.30 dan diikuti lebih dari 150 warga. Sampah yang "
                "terkumpul diangkut ke tempat pengolahan sampah terpadu desa.",
            ],
            "photo": "Warga membersihkan saluran air bersama-sama",
        },
        {
            "title": "Penyaluran BLT Dana Desa Bulan Ini Berjalan Tertib",
            "days_ago": 41,
            "category": "Pemerintahan",
            "tags": ["blt", "dana desa", "bansos"],
            "summary": "Bantuan Langsung Tunai Dana Desa disalurkan kepada keluarga penerima manfaat "
            "di balai desa dengan pendampingan BPD.",
            "body": [
                "Setiap keluarga penerima manfaat menerima Rp 300.000 per bulan. Daftar penerima "
                "ditetapkan melalui musyawarah desa khusus dan diumumkan di papan informasi desa.",
                "Warga yang ingin menyampaikan keberatan atas data penerima dapat menghubungi "
                "kantor desa pada jam kerja.",
            ],
            "photo": None,
        },
    ]
    return items[:-1] if kelurahan else items


def news_demo_fill(*, village, demo) -> None:
    index = NewsIndexPage.objects.get()
    categories = {name: NewsCategory.objects.get_or_create(name=name)[0] for name in CATEGORIES}
    today = timezone.localdate()
    items = _items(demo.name, village.display_name, today, kelurahan=village.kind == "kelurahan")
    for number, item in enumerate(items):
        if NewsPage.objects.filter(title=item["title"]).exists():
            continue
        image = None
        if item["photo"]:
            image = demo_photo(item["photo"], item["photo"], seed=f"{demo.code}-{number}")
        page = index.add_child(
            instance=NewsPage(
                title=item["title"],
                slug=slugify(item["title"])[:200],
                date=today - datetime.timedelta(days=item["days_ago"]),
                summary=item["summary"],
                main_image=image,
                body=[("paragraph", f"<p>{text}</p>") for text in item["body"]],
                live=False,
            )
        )
        page.categories.set([categories[item["category"]]])
        page.tags.add(*item["tags"])
        page.save_revision().publish()
