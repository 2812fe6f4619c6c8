"""The page tree every village starts with, built once in the template schema and cloned.

Each page carries guidance for the official (shown in the editor only). Pages are published
from the start so the menu and sitemap are complete; an empty page tells citizens that its
content is being prepared.
"""

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page

from villageweb.village import models as village_models

KELURAHAN_TITLES = {
    "profil": "Profil Kelurahan",
    "pemerintahan": "Pemerintahan Kelurahan",
    "perangkat-desa": "Perangkat Kelurahan",
    "potensi": "Potensi Kelurahan",
}


@dataclass(frozen=True)
class Node:
    model: type
    slug: str
    title: str
    guidance: str
    intro: str = ""
    children: list["Node"] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


TREE = [
    Node(
        village_models.ContentPage,
        "profil",
        "Profil Desa",
        "Halaman induk profil. Tulis satu paragraf ringkas tentang desa: letak, mata pencaharian "
        "utama warga, dan hal yang membuat desa dikenal. Rincian ada di sub-halaman Sejarah, Visi "
        "dan Misi, serta Geografis dan Wilayah.",
        children=[
            Node(
                village_models.ContentPage,
                "sejarah",
                "Sejarah Desa",
                "Ceritakan asal-usul nama desa, tokoh pendiri (cikal bakal), peristiwa penting, dan "
                "daftar kepala desa dari masa ke masa. Tulis berdasarkan cerita sesepuh desa dan "
                "dokumen yang ada; sebutkan sumbernya. Tambahkan foto lama bila ada.",
            ),
            Node(
                village_models.VisionMissionPage,
                "visi-misi",
                "Visi dan Misi",
                "Salin visi dan misi kepala desa sesuai RPJMDes yang berlaku. Visi cukup satu "
                "kalimat; misi ditulis sebagai daftar bernomor. Sebutkan periode RPJMDes di kolom "
                "keterangan tambahan.",
            ),
            Node(
                village_models.GeographyPage,
                "geografis",
                "Geografis dan Wilayah",
                "Isi luas wilayah, batas desa di empat arah, jumlah dusun, RW, dan RT, serta jumlah "
                "penduduk laki-laki, perempuan, dan KK menurut data terakhir (sebutkan tahunnya). "
                "Koordinat balai desa dapat dilihat di aplikasi peta pada ponsel: tekan lama pada "
                "lokasi balai desa lalu salin angkanya.",
            ),
        ],
    ),
    Node(
        village_models.ContentPage,
        "pemerintahan",
        "Pemerintahan Desa",
        "Halaman induk pemerintahan desa. Jelaskan singkat susunan pemerintahan desa dan dasar "
        "hukumnya (Perbup tentang SOTK). Daftar perangkat, BPD, dan lembaga ada di sub-halaman.",
        children=[
            Node(
                village_models.OfficialsPage,
                "perangkat-desa",
                "Perangkat Desa",
                "Tambahkan setiap perangkat desa: nama, jabatan, foto, dan masa jabatan. Urutkan dari "
                "Kepala Desa. Di kolom 'bertanggung jawab kepada' tulis jabatan atasannya (misalnya "
                "Kaur Keuangan kepada Sekretaris Desa); bagan SOTK dibuat otomatis dari isian ini.",
            ),
            Node(
                village_models.BpdPage,
                "bpd",
                "Badan Permusyawaratan Desa",
                "Tambahkan ketua, wakil ketua, sekretaris, dan anggota BPD beserta masa jabatannya "
                "sesuai SK Bupati pengangkatan. Di pengantar, tulis fungsi BPD dan jadwal musyawarah.",
            ),
            Node(
                village_models.InstitutionsPage,
                "lembaga",
                "Lembaga Desa",
                "Tambahkan lembaga kemasyarakatan desa: LPMD, Tim Penggerak PKK, Karang Taruna, "
                "Posyandu, Linmas, RT dan RW, BUMDes. Untuk tiap lembaga isi ketua dan kegiatan utamanya.",
            ),
        ],
    ),
    Node(
        village_models.LegalProductIndexPage,
        "produk-hukum",
        "Produk Hukum",
        "Daftar di halaman ini terisi otomatis dari menu 'Produk hukum' di panel admin. Tambahkan setiap "
        "Perdes, Perkades, dan SK Kepala Desa dengan nomor, tahun, judul, dan berkas PDF hasil pindai "
        "yang sudah ditandatangani.",
        intro="Peraturan Desa, Peraturan Kepala Desa, dan Keputusan Kepala Desa yang berlaku.",
    ),
    Node(
        village_models.PublicInformationPage,
        "informasi-publik",
        "Informasi Publik",
        "Daftar di halaman ini terisi dari menu 'Informasi publik' di panel admin, dikelompokkan menurut "
        "UU 14/2008: berkala (misalnya APBDes, laporan realisasi), serta-merta (misalnya peringatan "
        "bencana), dan setiap saat (misalnya daftar aset, SOP layanan). Di pengantar, tulis nama PPID "
        "desa dan cara mengajukan permohonan informasi.",
        intro="Informasi yang wajib diumumkan desa menurut Undang-Undang Nomor 14 Tahun 2008 tentang "
        "Keterbukaan Informasi Publik.",
    ),
    Node(
        village_models.ContentPage,
        "potensi",
        "Potensi Desa",
        "Tulis potensi ekonomi desa: pertanian, perikanan, peternakan, kerajinan, dan wisata. "
        "Sebutkan hasil utama dan musimnya, lengkapi dengan foto kegiatan warga.",
        children=[
            Node(
                village_models.UmkmPage,
                "umkm",
                "UMKM dan Produk Desa",
                "Tambahkan produk usaha warga: nama produk, nama usaha, foto, harga, dan nomor "
                "WhatsApp penjual (dengan izin pemiliknya). Pembeli dapat langsung menghubungi penjual.",
            ),
        ],
    ),
    Node(
        village_models.GalleryIndexPage,
        "galeri",
        "Galeri",
        "Buat satu album (sub-halaman) untuk tiap kegiatan: musyawarah desa, kerja bakti, "
        "peringatan hari besar. Isi keterangan setiap foto dan teks alternatif gambarnya.",
    ),
    Node(
        village_models.ServiceIndexPage,
        "layanan",
        "Layanan",
        "Buat satu sub-halaman untuk tiap layanan administrasi (surat pengantar SKCK, surat "
        "keterangan domisili, surat keterangan usaha, pengantar KTP/KK). Tulis persyaratan, alur, "
        "lama, dan biaya persis seperti yang berlaku di kantor desa.",
        intro="Persyaratan dan alur layanan administrasi di kantor desa.",
    ),
    Node(
        village_models.ContactPage,
        "kontak",
        "Kontak dan Pengaduan",
        "Isi alamat kantor, telepon, WhatsApp layanan, surel, dan jam pelayanan. Pengaduan dan "
        "permohonan informasi warga masuk ke menu Pengaduan dengan batas jawab 10 hari kerja; "
        "pemberitahuan surel dikirim ke alamat surel akun pengguna desa.",
        intro="Sampaikan pengaduan, saran, atau permohonan informasi kepada pemerintah desa. "
        "Anda mendapat kode lacak dan jawaban paling lambat 10 hari kerja.",
        extra={
            "thank_you_text": "<p>Terima kasih, pesan Anda sudah kami terima dan akan ditindaklanjuti "
            "pada hari kerja.</p>",
        },
    ),
]


def _ensure(parent: Page, node: Node, *, in_menu: bool) -> Page:
    page = parent.get_children().filter(slug=node.slug).specific().first()
    if page is None:
        page = node.model(
            title=node.title,
            slug=node.slug,
            guidance=node.guidance,
            intro=node.intro,
            show_in_menus=in_menu,
            **node.extra,
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
    elif isinstance(page, node.model) and page.guidance != node.guidance:
        page.guidance = node.guidance
        page.save_revision().publish()
    return page


def _build(parent: Page, nodes: list[Node], *, in_menu: bool) -> None:
    for node in nodes:
        page = _ensure(parent, node, in_menu=in_menu)
        _build(page, node.children, in_menu=False)


@transaction.atomic
def village_tree_build() -> None:
    """Idempotently create the standard pages under the home page of the current (template) schema."""
    _build(village_models.HomePage.objects.get(), TREE, in_menu=True)


def village_tree_personalise(*, village) -> None:
    """Kelurahan are not desa: rename the pages whose titles say 'Desa'."""
    if village.kind != village.Kind.KELURAHAN:
        return
    home = village_models.HomePage.objects.get()
    for page in home.get_descendants().filter(slug__in=KELURAHAN_TITLES).specific():
        page.title = KELURAHAN_TITLES[page.slug]
        page.save_revision().publish()


def section_index_ensure(*, model, slug: str, title: str, intro: str, description: str) -> None:
    """A content app's index page under the home page, in the main menu like every top-level section.
    Created once (content apps' template builders call it); an existing page is left as the
    template has it, only put back in the menu."""
    home = village_models.HomePage.objects.get()
    if model.objects.exists() or home.get_children().filter(slug=slug).exists():
        model.objects.filter(show_in_menus=False).update(show_in_menus=True)
        return
    page = home.add_child(
        instance=model(
            title=title,
            slug=slug,
            intro=intro,
            search_description=description,
            live=False,
            show_in_menus=True,
        )
    )
    page.save_revision().publish()
