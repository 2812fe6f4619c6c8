"""Demo content for the README's demo villages: profile, government, law, UMKM, gallery, services.

The facts are plausible for each place (coast, town, teak forest) but are demo data, not official
statistics.
"""

import datetime
import io
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Site
from wagtail.rich_text import RichText

from themes.models import VillageBranding
from villageweb.village import models as m

DATA = Path(__file__).resolve().parent / "demo_data"


@dataclass(frozen=True)
class Product:
    name: str
    producer: str
    description: str
    price: int
    unit: str
    whatsapp: str


@dataclass(frozen=True)
class VillageFacts:
    """One demo village's facts as `demo_data/facts.json` holds them (keyed by Kemendagri code)."""

    history: list[str]
    vision: str
    area_km2: str  # as the model's DecimalField takes it: "3.42"
    borders: tuple[str, str, str, str]  # north, east, south, west
    dusun: list[str]
    rw: int
    rt: int
    male: int
    female: int
    households: int
    latitude: str
    longitude: str
    secretary: str
    staff: list[tuple[str, str]]  # (position, name)
    bpd: list[tuple[str, str]]
    products: list[Product]
    potential: str
    address: str
    phone: str
    whatsapp: str

    @classmethod
    def from_json(cls, data: dict) -> "VillageFacts":
        return cls(
            **{
                **data,
                "borders": tuple(data["borders"]),
                "staff": [(person["position"], person["name"]) for person in data["staff"]],
                "bpd": [(person["position"], person["name"]) for person in data["bpd"]],
                "products": [Product(**product) for product in data["products"]],
            }
        )


@dataclass(frozen=True)
class Service:
    title: str
    slug: str
    intro: str
    requirements: str  # one line per item
    steps: str
    duration: str
    cost: str
    output: str = ""
    legal_basis: str = ""  # one line per regulation
    complaints: str = ""
    life_events: list = field(default_factory=list)
    keywords: str = ""


def _read(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


FACTS = {code: VillageFacts.from_json(data) for code, data in _read("facts.json").items()}
SERVICES = [Service(**service) for service in _read("services.json")]
# What every demo village shares: mission, institutions, legal products, public information, the album.
COMMON = _read("common.json")


def number_id(value, decimals: int = 0) -> str:
    """A number as Indonesians write it: 4567 -> "4.567", 3.42 -> "3,42" (thousands ".", decimal ",")."""
    text = f"{float(value):,.{decimals}f}" if decimals else f"{int(value):,}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


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


DEMO_ALBUM_SLUG = COMMON["album"]["slug"]


def home_demo_fill(*, village, demo) -> None:
    """The home page's greeting, signed by the demo village's head (provisioning.demo.DEMO_VILLAGES)."""
    home = m.HomePage.objects.get()
    home.greeting = f"<p>Assalamu'alaikum warahmatullahi wabarakatuh.</p><p>{demo.greeting}</p>"
    head = "Lurah" if village.kind == village.Kind.KELURAHAN else "Kepala Desa"
    home.greeting_author = f"{demo.head_name}, {head} {village.name}"
    home.save_revision().publish()


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
            f"dengan luas wilayah {number_id(facts.area_km2, 2)} km² dan "
            f"{number_id(facts.male + facts.female)} jiwa penduduk.",
            facts.potential,
        ]
    )
    _publish(profile)
    history = _child(profile, "sejarah")
    history.body = _paragraphs(facts.history)
    _publish(history)
    vision = _child(profile, "visi-misi")
    vision.vision = facts.vision
    vision.mission = "<ol>" + "".join(f"<li>{item}</li>" for item in COMMON["mission"]) + "</ol>"
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
    for dusun, name in zip(facts.dusun, COMMON["dusun_heads"], strict=False):
        officials.officials.add(
            m.Official(name=name, position=f"Kepala Dusun {dusun}", reports_to=head_title)
        )
    _publish(officials)
    bpd = _child(government, "bpd")
    for position, name in facts.bpd:
        bpd.members.add(m.BpdMember(name=name, position=position, term_start=datetime.date(2023, 8, 1)))
    if facts.bpd:
        bpd.intro = COMMON["bpd_intro"]
    _publish(bpd)
    institutions = _child(government, "lembaga")
    head = demo.head_name.split(",")[0]
    for institution in COMMON["institutions"]:
        institutions.institutions.add(
            m.Institution(**{**institution, "chairperson": institution["chairperson"].format(head=head)})
        )
    _publish(institutions)

    for law in COMMON["legal_products"]:
        m.LegalProduct.objects.get_or_create(
            kind=law["kind"], number=law["number"], year=law["year"], defaults={"title": law["title"]}
        )
    for info in COMMON["public_information"]:
        m.PublicInformation.objects.get_or_create(
            title=info["title"],
            defaults={
                "category": info["category"],
                "description": info["description"],
                "year": 2026,
                "holder": "Sekretaris Desa",
                "responsible": "Kepala Desa",
                "made": "2026, Kantor Desa",
                "retention": "5 tahun",
            },
        )

    potential = _child(home, "potensi")
    potential.body = _paragraphs([facts.potential])
    _publish(potential)
    umkm = _child(potential, "umkm")
    for product in facts.products:
        umkm.products.add(m.Product(**asdict(product)))
    _publish(umkm)

    gallery = _child(home, "galeri")
    spec = COMMON["album"]
    album = m.GalleryAlbumPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        date=datetime.date.fromisoformat(spec["date"]),
    )
    for number, picture in enumerate(spec["images"]):
        caption = picture["caption"]
        image = _demo_image(f"Kerja bakti {number + 1}", caption, tuple(picture["colour"]))
        album.gallery_images.add(m.GalleryImage(image=image, caption=caption, sort_order=number))
    gallery.add_child(instance=album)
    _publish(album)

    # The letters every village gives are the regency's templates (villageweb/services/local); a
    # desa's own page here is a service of its own (its hall is a village asset, Permendagri 1/2016).
    services = _child(home, "layanan")
    for service in SERVICES if village.kind == village.Kind.DESA else []:
        page = m.ServicePage(
            **asdict(service),
            place=f"Kantor {kind} {village.name}",
            hours=COMMON["office_hours"],
            officer="Kepala Seksi Pelayanan",
            reviewed_at=datetime.date(2026, 11, 2),
        )
        services.add_child(instance=page)
        _publish(page)

    _office_contact_set(facts)


def _office_contact_set(facts) -> None:
    """The office's details go where every page reads them: the site's branding settings."""
    branding = VillageBranding.for_site(Site.objects.get(is_default_site=True))
    branding.address = facts.address
    branding.phone = facts.phone
    branding.whatsapp = facts.whatsapp
    branding.office_hours = COMMON["office_hours"]
    branding.save()
