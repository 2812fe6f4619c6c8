"""Case categories, each mapped to the national SP4N-LAPOR! category its export carries (docs/cases.md)."""

CATEGORIES = [
    # (our key, Indonesian label shown to citizens, national LAPOR! category)
    ("infrastruktur", "Jalan, jembatan, dan fasilitas umum", "Infrastruktur"),
    ("administrasi", "Pelayanan administrasi (surat, KTP, KK)", "Administrasi Kependudukan"),
    ("bantuan_sosial", "Bantuan sosial", "Sosial"),
    ("kesehatan", "Kesehatan", "Kesehatan"),
    ("pendidikan", "Pendidikan", "Pendidikan"),
    ("lingkungan", "Lingkungan dan kebersihan", "Lingkungan Hidup dan Kehutanan"),
    ("ketertiban", "Keamanan dan ketertiban", "Ketentraman, Ketertiban Umum, dan Perlindungan Masyarakat"),
    ("keuangan_desa", "Dana desa dan keuangan desa", "Pembangunan Desa, Daerah Tertinggal, dan Transmigrasi"),
    ("informasi_publik", "Informasi publik", "Keterbukaan Informasi Publik"),
    ("lainnya", "Lainnya", "Topik Lainnya"),
]

CATEGORY_CHOICES = [(key, label) for key, label, _ in CATEGORIES]
NATIONAL_CATEGORY = {key: national for key, _, national in CATEGORIES}
CATEGORY_LABEL = dict(CATEGORY_CHOICES)
