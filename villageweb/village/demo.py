"""Demo content for the README's demo villages: profile, government, law, UMKM, gallery, services.

The facts are plausible for each place (coast, town, teak forest) but are demo data, not official
statistics.
"""

import datetime
import io
from dataclasses import dataclass

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.rich_text import RichText

from villageweb.village import models as m


@dataclass(frozen=True)
class VillageFacts:
    history: list[str]
    vision: str
    area_km2: str
    borders: tuple[str, str, str, str]
    dusun: list[str]
    rw: int
    rt: int
    male: int
    female: int
    households: int
    latitude: str
    longitude: str
    secretary: str
    staff: list[tuple[str, str]]
    bpd: list[tuple[str, str]]
    products: list[tuple[str, str, str, int, str, str]]
    potential: str
    address: str
    phone: str
    whatsapp: str


FACTS = {
    "35.23.12.2014": VillageFacts(
        history=[
            "Menurut cerita para sesepuh, nama Kaliuntu berasal dari sebuah kali (sungai) kecil yang di "
            "tepinya tumbuh pohon untu-untu. Di muara kali itulah para nelayan pertama menambatkan perahu "
            "dan membangun permukiman di pesisir utara Jenu.",
            "Pada masa kolonial, Kaliuntu dikenal sebagai penghasil ikan asin yang dikirim ke pasar Tuban "
            "dan Lamongan. Tradisi sedekah laut setiap bulan Syura masih dilestarikan sampai sekarang "
            "sebagai wujud syukur warga atas hasil laut.",
        ],
        vision="Terwujudnya Desa Kaliuntu yang maju, mandiri, dan sejahtera berbasis potensi pesisir.",
        area_km2="3.42",
        borders=("Laut Jawa", "Desa Beji", "Desa Sumurgeneng", "Desa Jenu"),
        dusun=["Krajan", "Pandean"],
        rw=4,
        rt=17,
        male=2314,
        female=2391,
        households=1478,
        latitude="-6.812400",
        longitude="112.007900",
        secretary="Ahmad Khoirul Anam",
        staff=[
            ("Kaur Keuangan", "Siti Nur Hidayah"),
            ("Kaur Perencanaan", "Muhammad Faizin"),
            ("Kaur Tata Usaha dan Umum", "Dwi Rahmawati"),
            ("Kasi Pemerintahan", "Slamet Riyadi"),
            ("Kasi Kesejahteraan", "Nur Kholis"),
            ("Kasi Pelayanan", "Lilik Maslahah"),
        ],
        bpd=[
            ("Ketua BPD", "H. Abdul Rochim"),
            ("Wakil Ketua BPD", "Suwarni"),
            ("Sekretaris BPD", "Imam Mahmudi"),
            ("Anggota", "Kasmuri"),
            ("Anggota", "Rohmatul Ummah"),
        ],
        products=[
            (
                "Ikan asin teri nasi",
                "UD Bahari Kaliuntu",
                "Teri nasi dijemur di para-para bambu, kadar garam rendah.",
                85000,
                "per kg",
                "081234560101",
            ),
            (
                "Ikan asin kapasan",
                "Kelompok Pengolah Ikan Mina Sari",
                "Ikan kapasan belah, cocok digoreng kering.",
                45000,
                "per kg",
                "081234560102",
            ),
            (
                "Terasi udang rebon",
                "Bu Kasemi",
                "Terasi dari udang rebon tangkapan nelayan sendiri, tanpa pewarna.",
                12000,
                "per 100 gram",
                "085745600103",
            ),
        ],
        potential="Sebagian besar warga bekerja sebagai nelayan dan pengolah ikan. Musim ikan teri "
        "berlangsung Mei sampai Oktober; di luar musim, warga mengolah ikan kapasan dan membuat terasi. "
        "Lahan tegalan di selatan desa ditanami jagung dan kacang tanah.",
        address="Jl. Raya Tuban–Semarang Km 7, Kaliuntu, Kecamatan Jenu, Kabupaten Tuban 62352",
        phone="(0356) 321401",
        whatsapp="081234560100",
    ),
    "35.23.18.2002": VillageFacts(
        history=[
            "Tasikmadu berarti 'telaga madu'. Konon di desa ini dahulu terdapat telaga berair tawar yang "
            "manis di tengah wilayah pesisir yang payau, sehingga menjadi tempat singgah para pelaut.",
            "Tempat Pelelangan Ikan Tasikmadu dibangun pada tahun 1980-an dan sejak itu menjadi pusat "
            "kegiatan ekonomi desa. Setiap pagi perahu-perahu nelayan merapat membawa hasil tangkapan.",
        ],
        vision="Tasikmadu yang terbuka, berdaya saing, dan sejahtera bersama nelayan.",
        area_km2="4.18",
        borders=("Laut Jawa", "Desa Glodog", "Desa Palang", "Desa Karangagung"),
        dusun=["Tasikmadu", "Gesikan", "Sambong"],
        rw=5,
        rt=21,
        male=3120,
        female=3178,
        households=1960,
        latitude="-6.895300",
        longitude="112.138600",
        secretary="Moch. Arifin",
        staff=[
            ("Kaur Keuangan", "Eni Susanti"),
            ("Kaur Perencanaan", "Hadi Purnomo"),
            ("Kaur Tata Usaha dan Umum", "Anik Rahayu"),
            ("Kasi Pemerintahan", "Sutikno"),
            ("Kasi Kesejahteraan", "Ali Mustofa"),
            ("Kasi Pelayanan", "Nurul Aini"),
        ],
        bpd=[
            ("Ketua BPD", "Rasmadi"),
            ("Wakil Ketua BPD", "Hj. Umi Kulsum"),
            ("Sekretaris BPD", "Bambang Sugiarto"),
            ("Anggota", "Karsono"),
            ("Anggota", "Fatimatuz Zahro"),
        ],
        products=[
            (
                "Ikan asap manyung",
                "Pengasapan Ikan Pak Darmo",
                "Ikan manyung diasap dengan sabut kelapa, tahan tiga hari.",
                60000,
                "per kg",
                "081330200201",
            ),
            (
                "Kerupuk ikan tengiri",
                "KUB Mina Tasik",
                "Kerupuk mentah dari daging ikan tengiri segar.",
                25000,
                "per 500 gram",
                "085231200202",
            ),
            (
                "Petis ikan",
                "Bu Sulastri",
                "Petis hitam kental dari kaldu ikan, cocok untuk rujak.",
                15000,
                "per botol",
                "081231200203",
            ),
        ],
        potential="Perikanan tangkap adalah tulang punggung ekonomi desa, ditopang pengolahan ikan asap, "
        "kerupuk, dan petis. Tambak bandeng di sisi barat desa panen dua kali setahun.",
        address="Jl. Pelabuhan No. 2, Tasikmadu, Kecamatan Palang, Kabupaten Tuban 62391",
        phone="(0356) 411202",
        whatsapp="081330200200",
    ),
    "35.23.16.1013": VillageFacts(
        history=[
            "Kutorejo berarti 'kota yang ramai'. Wilayahnya berada di dekat alun-alun Tuban, pusat "
            "pemerintahan sejak masa Kadipaten Tuban.",
            "Sebagai kelurahan di pusat kota, Kutorejo tumbuh menjadi kawasan perdagangan, jasa, dan "
            "permukiman. Warga menjaga tradisi kampung seperti kerja bakti bulanan dan pengajian RW.",
        ],
        vision="Kutorejo yang bersih, tertib, dan melayani warga kota dengan sepenuh hati.",
        area_km2="0.86",
        borders=("Kelurahan Kingking", "Kelurahan Kebonsari", "Kelurahan Latsari", "Kelurahan Sidorejo"),
        dusun=[],
        rw=6,
        rt=24,
        male=2876,
        female=3012,
        households=1845,
        latitude="-6.899800",
        longitude="112.050600",
        secretary="Rina Kartikasari, S.E.",
        staff=[
            ("Kasi Pemerintahan", "Budi Santoso"),
            ("Kasi Ekonomi dan Pembangunan", "Yuli Astutik"),
            ("Kasi Kesejahteraan Sosial", "Ahmad Zainuri"),
        ],
        bpd=[],
        products=[
            (
                "Kain batik gedog Tuban",
                "Galeri Batik Gedog Sekar Jagad",
                "Batik tulis dari kain tenun gedog "
                "karya perajin Kerek, motif lok can dan kijing miring, pewarna alam.",
                750000,
                "per lembar",
                "081231400301",
            ),
            (
                "Legen segar",
                "Warung Legen Mbah Sakri",
                "Legen (nira siwalan) segar dipetik pagi hari; habiskan di hari yang sama.",
                10000,
                "per botol 1 liter",
                "085655400302",
            ),
            (
                "Kerupuk rambak",
                "Bu Endang",
                "Kerupuk kulit sapi khas Tuban, renyah dan gurih.",
                30000,
                "per 250 gram",
                "081331400303",
            ),
        ],
        potential="Perdagangan dan jasa menjadi mata pencaharian utama warga. Kutorejo juga menjadi "
        "tempat pemasaran batik gedog dari Kecamatan Kerek dan minuman legen dari pohon siwalan Tuban.",
        address="Jl. Basuki Rahmat No. 15, Kutorejo, Kecamatan Tuban, Kabupaten Tuban 62311",
        phone="(0356) 322303",
        whatsapp="081231400300",
    ),
    "35.23.01.2001": VillageFacts(
        history=[
            "Jlodro dibuka oleh Mbah Jlodro, seorang pengembara yang membuka hutan jati di ujung barat "
            "Tuban. Makamnya di Dusun Krajan masih diziarahi warga menjelang bersih desa.",
            "Sejak masa Perhutani, warga Jlodro hidup berdampingan dengan hutan jati sebagai pesanggem "
            "(petani penggarap di lahan hutan) sambil bertani jagung dan beternak sapi.",
        ],
        vision="Jlodro maju, mandiri, dan sejahtera dengan menjaga kelestarian hutan.",
        area_km2="12.65",
        borders=(
            "Desa Sidomukti",
            "Desa Tawaran",
            "Kawasan hutan Perhutani KPH Jatirogo",
            "Kabupaten Rembang",
        ),
        dusun=["Krajan", "Ngampel", "Sumberejo"],
        rw=3,
        rt=14,
        male=1642,
        female=1688,
        households=1104,
        latitude="-6.930500",
        longitude="111.673200",
        secretary="Suyanto",
        staff=[
            ("Kaur Keuangan", "Sri Wahyuni"),
            ("Kaur Perencanaan", "Joko Susilo"),
            ("Kaur Tata Usaha dan Umum", "Warsito"),
            ("Kasi Pemerintahan", "Mujiono"),
            ("Kasi Kesejahteraan", "Sumarni"),
            ("Kasi Pelayanan", "Tri Handayani"),
        ],
        bpd=[
            ("Ketua BPD", "Kasdi"),
            ("Wakil Ketua BPD", "Siti Rukayah"),
            ("Sekretaris BPD", "Agus Salim"),
            ("Anggota", "Parmin"),
            ("Anggota", "Sulastri"),
        ],
        products=[
            (
                "Jagung pipil kering",
                "Gapoktan Sumber Makmur",
                "Jagung pipil kadar air 15%, untuk pakan dan olahan.",
                5200,
                "per kg",
                "081234700401",
            ),
            (
                "Madu hutan jati",
                "KTH Wana Lestari",
                "Madu lebah hutan dari kawasan jati, dipanen tanpa merusak sarang.",
                120000,
                "per botol 500 ml",
                "082334700402",
            ),
            (
                "Kerajinan akar jati",
                "Sanggar Jati Ukir",
                "Meja dan hiasan dari limbah akar jati.",
                350000,
                "mulai",
                "085234700403",
            ),
        ],
        potential="Pertanian jagung di lahan tegalan dan lahan pesanggem menjadi andalan desa, bersama "
        "ternak sapi potong. Madu hutan dan kerajinan akar jati mulai dipasarkan ke luar daerah.",
        address="Jl. Raya Kenduruan–Jatirogo, Jlodro, Kecamatan Kenduruan, Kabupaten Tuban 62363",
        phone="",
        whatsapp="081234700400",
    ),
}

SERVICES = [
    (
        "Surat Pengantar SKCK",
        "surat-pengantar-skck",
        "Pengantar dari desa untuk membuat Surat Keterangan Catatan Kepolisian di Polsek/Polres.",
        "KTP elektronik asli dan fotokopi\nKartu Keluarga asli dan fotokopi\nSurat pengantar RT dan RW\n"
        "Pas foto berwarna 4x6 sebanyak 2 lembar",
        "Minta surat pengantar ke Ketua RT lalu Ketua RW\nSerahkan berkas ke petugas pelayanan kantor desa\n"
        "Petugas memeriksa berkas dan mencetak surat pengantar\nSurat ditandatangani Kepala Desa atau "
        "Sekretaris Desa\nBawa surat pengantar ke Polsek untuk proses SKCK",
        "1 hari kerja",
        "Gratis",
    ),
    (
        "Surat Keterangan Domisili",
        "surat-keterangan-domisili",
        "Keterangan tempat tinggal untuk keperluan sekolah, pekerjaan, atau perbankan.",
        "KTP elektronik asli dan fotokopi\nKartu Keluarga asli dan fotokopi\nSurat pengantar RT dan RW",
        "Minta surat pengantar ke Ketua RT dan RW\nSerahkan berkas ke petugas pelayanan\n"
        "Ambil surat keterangan yang sudah ditandatangani",
        "1 hari kerja",
        "Gratis",
    ),
    (
        "Surat Keterangan Usaha",
        "surat-keterangan-usaha",
        "Keterangan memiliki usaha untuk pengajuan KUR atau izin usaha mikro.",
        "KTP elektronik dan Kartu Keluarga\nFoto tempat usaha\nSurat pengantar RT dan RW",
        "Serahkan berkas ke petugas pelayanan\nPetugas dapat meninjau tempat usaha\n"
        "Surat ditandatangani Kepala Desa",
        "1–2 hari kerja",
        "Gratis",
    ),
]


def _paragraphs(texts: list[str]) -> list:
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def _demo_image(title: str, description: str, colour: tuple[int, int, int]) -> Image:
    """A simple drawn picture (no stock photos ship with the code), with its alt text."""
    picture = PILImage.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(picture)
    for step in range(0, 800, 40):
        shade = tuple(min(255, c + step // 8) for c in colour)
        draw.rectangle([0, step, 1200, step + 40], fill=shade)
    draw.ellipse([850, 120, 1010, 280], fill=(250, 220, 120))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    slug = title.lower().replace(" ", "-")
    return Image.objects.create(
        title=title, description=description, file=ImageFile(buffer, name=f"{slug}.jpg")
    )


def _publish(page) -> None:
    page.save_revision().publish()


def _child(parent, slug: str):
    return parent.get_children().filter(slug=slug).specific().get()


DEMO_ALBUM_SLUG = "kerja-bakti-bersih-desa"


def village_demo_fill(*, village, demo) -> None:
    """Fill the village pages with a demo village's facts; a second run changes nothing."""
    facts = FACTS.get(demo.code)
    if facts is None or m.GalleryAlbumPage.objects.filter(slug=DEMO_ALBUM_SLUG).exists():
        return
    home = m.HomePage.objects.get()
    kind = "Kelurahan" if village.kind == village.Kind.KELURAHAN else "Desa"
    head_title = "Lurah" if kind == "Kelurahan" else "Kepala Desa"

    home.hero_image = _demo_image(
        f"Balai {village.display_name}",
        f"Ilustrasi balai {village.display_name} di bawah langit cerah",
        (40, 110, 70),
    )
    _publish(home)

    profile = _child(home, "profil")
    profile.body = _paragraphs(
        [
            f"{village.display_name} terletak di Kecamatan {village.district_name}, Kabupaten Tuban, "
            f"dengan luas wilayah {facts.area_km2.replace('.', ',')} km² dan {facts.male + facts.female:,} "
            "jiwa penduduk.".replace(",", "."),
            facts.potential,
        ]
    )
    _publish(profile)
    history = _child(profile, "sejarah")
    history.body = _paragraphs(facts.history)
    _publish(history)
    vision = _child(profile, "visi-misi")
    vision.vision = facts.vision
    vision.mission = (
        "<ol><li>Meningkatkan mutu pelayanan administrasi yang cepat, mudah, dan tanpa biaya.</li>"
        "<li>Mengelola keuangan desa secara terbuka dan dapat dipertanggungjawabkan.</li>"
        "<li>Membangun jalan lingkungan, drainase, dan sarana air bersih secara merata.</li>"
        "<li>Mengembangkan usaha ekonomi warga dan BUMDes berbasis potensi lokal.</li>"
        "<li>Meningkatkan kesehatan ibu dan anak melalui posyandu dan pencegahan stunting.</li></ol>"
    )
    _publish(vision)
    geo = _child(profile, "geografis")
    geo.area_km2 = facts.area_km2
    geo.border_north, geo.border_east, geo.border_south, geo.border_west = facts.borders
    geo.dusun_count = len(facts.dusun)
    geo.rw_count, geo.rt_count = facts.rw, facts.rt
    geo.population_male, geo.population_female, geo.households = facts.male, facts.female, facts.households
    geo.population_year = 2026
    geo.latitude, geo.longitude = facts.latitude, facts.longitude
    if facts.dusun:
        names = [f"Dusun {name}" for name in facts.dusun]
        listed = ", ".join(names[:-1]) + f" dan {names[-1]}" if len(names) > 1 else names[0]
        geo.body = _paragraphs([f"Wilayah desa terbagi atas {listed}."])
    _publish(geo)

    government = _child(home, "pemerintahan")
    officials = _child(government, "perangkat-desa")
    term = (datetime.date(2021, 12, 20), datetime.date(2027, 12, 20))
    officials.officials.add(
        m.Official(name=demo.head_name, position=head_title, term_start=term[0], term_end=term[1])
    )
    secretary = f"Sekretaris {kind}"
    officials.officials.add(m.Official(name=facts.secretary, position=secretary, reports_to=head_title))
    for position, name in facts.staff:
        boss = secretary if position.startswith("Kaur") else head_title
        officials.officials.add(m.Official(name=name, position=position, reports_to=boss))
    for dusun, name in zip(facts.dusun, ["Sukardi", "Mulyadi", "Rusdi"], strict=False):
        officials.officials.add(
            m.Official(name=name, position=f"Kepala Dusun {dusun}", reports_to=head_title)
        )
    _publish(officials)
    bpd = _child(government, "bpd")
    for position, name in facts.bpd:
        bpd.members.add(m.BpdMember(name=name, position=position, term_start=datetime.date(2023, 8, 1)))
    if facts.bpd:
        bpd.intro = (
            "BPD membahas dan menyepakati rancangan Peraturan Desa bersama Kepala Desa "
            "serta menampung aspirasi warga."
        )
    _publish(bpd)
    institutions = _child(government, "lembaga")
    for name, chair, description in [
        (
            "Lembaga Pemberdayaan Masyarakat (LPM)",
            "Drs. Sugeng Riyanto",
            "Menyusun usulan pembangunan bersama warga dan mengawal musrenbang.",
        ),
        (
            "Tim Penggerak PKK",
            f"Ibu {demo.head_name.split(',')[0]}",
            "Posyandu balita dan lansia, dasawisma, pelatihan olahan pangan.",
        ),
        (
            "Karang Taruna",
            "Rizal Fahmi",
            "Kegiatan pemuda: olahraga, kerja bakti, dan pelatihan keterampilan.",
        ),
        ("Linmas", "Paiman", "Menjaga ketertiban dan membantu penanganan bencana."),
    ]:
        institutions.institutions.add(m.Institution(name=name, chairperson=chair, description=description))
    _publish(institutions)

    for kind_value, number, year, title in [
        (m.LegalProduct.Kind.PERDES, "1", 2026, "Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2026"),
        (m.LegalProduct.Kind.PERDES, "2", 2025, "Rencana Kerja Pemerintah Desa Tahun 2026"),
        (
            m.LegalProduct.Kind.PERKADES,
            "1",
            2026,
            "Penjabaran Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2026",
        ),
        (m.LegalProduct.Kind.SK, "5", 2026, "Pembentukan Tim Pelaksana Kegiatan Pembangunan Desa"),
    ]:
        m.LegalProduct.objects.get_or_create(
            kind=kind_value, number=number, year=year, defaults={"title": title}
        )
    for category, title, description in [
        (
            "berkala",
            "Laporan Realisasi APBDes Semester I Tahun 2026",
            "Diumumkan di papan informasi balai desa dan situs ini.",
        ),
        ("berkala", "Profil dan struktur organisasi pemerintah desa", "Lihat halaman Pemerintahan."),
        (
            "serta_merta",
            "Peringatan dini gelombang tinggi dan cuaca ekstrem",
            "Mengikuti informasi BMKG dan BPBD Kabupaten Tuban.",
        ),
        ("setiap_saat", "Daftar aset dan inventaris desa", "Dapat dilihat di kantor desa pada jam kerja."),
        ("setiap_saat", "Standar pelayanan administrasi desa", "Lihat halaman Layanan."),
    ]:
        m.PublicInformation.objects.get_or_create(
            title=title, defaults={"category": category, "description": description, "year": 2026}
        )

    potential = _child(home, "potensi")
    potential.body = _paragraphs([facts.potential])
    _publish(potential)
    umkm = _child(potential, "umkm")
    for name, producer, description, price, unit, whatsapp in facts.products:
        umkm.products.add(
            m.Product(
                name=name,
                producer=producer,
                description=description,
                price=price,
                unit=unit,
                whatsapp=whatsapp,
            )
        )
    _publish(umkm)

    gallery = _child(home, "galeri")
    album = m.GalleryAlbumPage(
        title="Kerja bakti bersih desa",
        slug=DEMO_ALBUM_SLUG,
        intro="Warga membersihkan saluran air dan jalan lingkungan menjelang musim hujan.",
        date=datetime.date(2026, 10, 25),
    )
    for number, (colour, caption) in enumerate(
        [
            ((60, 120, 160), "Warga RT 01 membersihkan saluran air"),
            ((120, 90, 50), "Pemuda karang taruna mengangkut sampah"),
        ]
    ):
        image = _demo_image(f"Kerja bakti {number + 1}", caption, colour)
        album.gallery_images.add(m.GalleryImage(image=image, caption=caption, sort_order=number))
    gallery.add_child(instance=album)
    _publish(album)

    services = _child(home, "layanan")
    for title, slug, intro, requirements, steps, duration, cost in SERVICES:
        page = m.ServicePage(
            title=title,
            slug=slug,
            intro=intro,
            requirements=requirements,
            steps=steps,
            duration=duration,
            cost=cost,
            place="Kantor desa, Senin–Jumat pukul 08.00–14.00 WIB",
        )
        services.add_child(instance=page)
        _publish(page)

    _office_contact_set(facts)


def _office_contact_set(facts) -> None:
    """The office's details go where every page reads them: the site's branding settings."""
    from wagtail.models import Site

    from themes.models import VillageBranding

    branding = VillageBranding.for_site(Site.objects.get(is_default_site=True))
    branding.address = facts.address
    branding.phone = facts.phone
    branding.whatsapp = facts.whatsapp
    branding.office_hours = "Senin–Jumat, 08.00–14.00 WIB"
    branding.save()
