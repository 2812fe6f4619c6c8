"""A catalogue service as other systems read it: the API item (the issue's contract), schema.org
GovernmentService JSON-LD for search engines and chat apps, CPSV-AP JSON-LD and CSV rows for the
national public-service registry. One home, so every output names a component the same way."""

from django.conf import settings

from tenants.models import site_url
from villageweb.services.models import CatalogueService

STATUS_OFFLINE = "sementara tidak tersedia daring"


def channels(service: CatalogueService) -> list[dict]:
    """Where the service is given: online (while its link works), at a location, by phone, by WhatsApp."""
    rows = []
    if service.online_available:
        rows.append(
            {"kind": "online", "label": service.online_label or "Layanan daring", "url": service.online_url}
        )
    if service.place or service.hours:
        rows.append(
            {
                "kind": "location",
                "label": service.officer or "Loket layanan",
                "address": service.place,
                "hours": service.hours,
            }
        )
    if service.phone:
        rows.append({"kind": "phone", "label": service.phone, "url": f"tel:{_tel(service.phone)}"})
    if service.whatsapp:
        rows.append(
            {"kind": "whatsapp", "label": f"+{service.whatsapp}", "url": f"https://wa.me/{service.whatsapp}"}
        )
    return rows


def _tel(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def api_item(service: CatalogueService) -> dict:
    provider = service.provider_listed
    return {
        "name": service.name,
        "slug": service.slug,
        "url": service.url,
        "provider": {
            "kind": provider.kind,
            "code": provider.code,
            "name": provider.name,
            "url": provider.url,
        },
        "requirements": service.requirements,
        "procedure": service.procedure,
        "duration": service.duration,
        "cost": service.cost,
        "output": service.output,
        "legal_basis": service.legal_basis,
        "complaints": service.complaints,
        "channels": channels(service),
        "life_events": service.life_events,
        "reviewed_at": service.reviewed_at,
        "updated_at": service.updated_at,
    }


def _area_served(provider) -> dict:
    if provider.kind in ("desa", "kelurahan"):
        return {"@type": "AdministrativeArea", "name": f"{provider.name}, Kecamatan {provider.district_name}"}
    if provider.kind == "kecamatan":
        return {"@type": "AdministrativeArea", "name": provider.name}
    return {"@type": "AdministrativeArea", "name": settings.VILLAGEWEB_REGENCY_NAME}


def government_service(service: CatalogueService) -> dict:
    """schema.org GovernmentService of one start page."""
    provider = service.provider_listed
    available = []
    for channel in channels(service):
        if channel["kind"] == "online":
            available.append(
                {"@type": "ServiceChannel", "name": channel["label"], "serviceUrl": channel["url"]}
            )
        elif channel["kind"] == "location":
            available.append(
                {
                    "@type": "ServiceChannel",
                    "name": channel["label"],
                    "serviceLocation": {"@type": "Place", "address": channel["address"]},
                    "hoursAvailable": channel["hours"],
                }
            )
        else:
            available.append(
                {"@type": "ServiceChannel", "name": channel["kind"], "servicePhone": channel["label"]}
            )
    return {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": service.name,
        "description": service.summary,
        "url": service.url,
        "serviceType": service.output or service.name,
        "provider": {"@type": "GovernmentOrganization", "name": provider.name, "url": provider.url},
        "areaServed": _area_served(provider),
        "availableChannel": available,
        "termsOfService": service.legal_basis,
    }


def cpsv_service(service: CatalogueService) -> dict:
    """One cpsv:PublicService of the CPSV-AP 3 vocabulary (SEMIC), in JSON-LD."""
    provider = service.provider_listed
    node = {
        "@id": service.url,
        "@type": "PublicService",
        "identifier": f"{provider.code}/{service.slug}",
        "name": {"@language": "id", "@value": service.name},
        "description": {"@language": "id", "@value": service.summary},
        "hasCompetentAuthority": {
            "@id": provider.url,
            "@type": "PublicOrganisation",
            "prefLabel": provider.name,
        },
        "hasCriterionRequirement": [
            {"@type": "CriterionRequirement", "name": {"@language": "id", "@value": text}}
            for text in service.requirements
        ],
        "hasCost": {"@type": "Cost", "description": {"@language": "id", "@value": service.cost}},
        "processingTime": service.duration,
        "produces": {"@type": "Output", "name": {"@language": "id", "@value": service.output}}
        if service.output
        else None,
        "hasLegalResource": [{"@type": "LegalResource", "title": text} for text in service.legal_basis],
        "isGroupedBy": [{"@type": "Event", "identifier": event} for event in service.life_events],
        "hasChannel": [
            {"@type": "Channel", "type": channel["kind"], **{k: v for k, v in channel.items() if k != "kind"}}
            for channel in channels(service)
        ],
        "hasContactPoint": {"@type": "ContactPoint", "telephone": service.phone} if service.phone else None,
        "modified": service.updated_at.isoformat(),
    }
    return {key: value for key, value in node.items() if value not in (None, "", [])}


CPSV_CONTEXT = {
    "@vocab": "http://data.europa.eu/m8g/",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "PublicService": "cpsv:PublicService",
    "name": "dct:title",
    "description": "dct:description",
    "identifier": "dct:identifier",
    "modified": "dct:modified",
    "prefLabel": "skos:prefLabel",
    "title": "dct:title",
    "type": "dct:type",
}


def cpsv_document(services) -> dict:
    return {
        "@context": CPSV_CONTEXT,
        "@id": site_url(settings.VILLAGEWEB_BASE_DOMAIN) + "/layanan/ekspor/cpsv-ap.jsonld",
        "@graph": [cpsv_service(service) for service in services],
    }


CSV_COLUMNS = [
    "nama_layanan",
    "penyelenggara",
    "jenis_penyelenggara",
    "kode_penyelenggara",
    "alamat_halaman",
    "persyaratan",
    "prosedur",
    "jangka_waktu",
    "biaya_tarif",
    "produk_layanan",
    "dasar_hukum",
    "pengaduan",
    "tempat_layanan",
    "jam_layanan",
    "telepon",
    "whatsapp",
    "tautan_daring",
    "peristiwa_hidup",
    "terakhir_ditinjau",
    "terakhir_diubah",
]


def _cell(value: str) -> str:
    """A spreadsheet opening the file must not run an editor's text as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_row(service: CatalogueService) -> list[str]:
    provider = service.provider_listed
    return [_cell(value) for value in _csv_values(service, provider)]


def _csv_values(service: CatalogueService, provider) -> list[str]:
    return [
        service.name,
        provider.name,
        provider.kind,
        provider.code,
        service.url,
        "; ".join(service.requirements),
        "; ".join(f"{number}. {step}" for number, step in enumerate(service.procedure, 1)),
        service.duration,
        service.cost,
        service.output,
        "; ".join(service.legal_basis),
        service.complaints,
        service.place,
        service.hours,
        service.phone,
        service.whatsapp,
        service.online_url,
        ", ".join(service.life_events),
        service.reviewed_at.isoformat() if service.reviewed_at else "",
        service.updated_at.isoformat(),
    ]
