"""Demo villages for the README's run command: real Tuban codes, realistic Indonesian content.

Which villages, and what `seed_demo` hands each content app's demo filler (hook villageweb_demo_fill);
the content itself is the apps' own (villageweb/village/demo.py and demo_data/, news, budget...)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoVillage:
    code: str
    name: str
    district_name: str
    kind: str
    head_name: str
    greeting: str


DEMO_VILLAGES = [
    DemoVillage(
        "35.23.12.2014",
        "Kaliuntu",
        "Jenu",
        "desa",
        "Moh. Syaifuddin",
        "Desa Kaliuntu terletak di pesisir utara Kecamatan Jenu. Sebagian besar warga kami hidup "
        "dari laut sebagai nelayan dan pengolah ikan asin, sebagian lagi bertani dan berdagang. "
        "Melalui situs ini kami menyampaikan kabar desa, rencana dan realisasi APBDes, serta "
        "layanan administrasi agar warga dapat mengaksesnya kapan saja.",
    ),
    DemoVillage(
        "35.23.18.2002",
        "Tasikmadu",
        "Palang",
        "desa",
        "Hj. Siti Aminah",
        "Tasikmadu adalah desa nelayan di Kecamatan Palang dengan tempat pelelangan ikan yang "
        "ramai setiap pagi. Kami berkomitmen menjalankan pemerintahan desa yang terbuka: setiap "
        "rupiah Dana Desa kami laporkan di halaman Transparansi APBDes.",
    ),
    DemoVillage(
        "35.23.16.1013",
        "Kutorejo",
        "Tuban",
        "kelurahan",
        "Agus Prasetyo, S.STP.",
        "Kelurahan Kutorejo berada di jantung Kota Tuban, dekat alun-alun dan Masjid Agung. "
        "Situs ini memuat informasi layanan kelurahan, jadwal kegiatan warga, dan pengumuman "
        "penting bagi warga RW 01 sampai RW 06.",
    ),
    DemoVillage(
        "35.23.01.2001",
        "Jlodro",
        "Kenduruan",
        "desa",
        "Sutrisno",
        "Desa Jlodro dikelilingi hutan jati di ujung barat Kabupaten Tuban. Petani jagung dan "
        "peternak sapi menjadi tulang punggung ekonomi desa. Mari bersama membangun desa yang "
        "maju, mandiri, dan sejahtera.",
    ),
]


def demo_village_for(code: str) -> DemoVillage:
    return next(demo for demo in DEMO_VILLAGES if demo.code == code)
