"""`/api/v1/layanan/`: the catalogue for other systems, in the style of `/api/v1/berita-desa/` and
in the same OpenAPI document (/api/v1/openapi.json): the router joins the portal's API in
villageweb/urls_public.py."""

from datetime import date, datetime
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from villageweb.freshness.portal_cache import request_versions
from villageweb.portal.federation.api import ValidationErrorOut, page_link
from villageweb.portal.federation.queries import village_roster
from villageweb.services import queries, shapes
from villageweb.village.models.public_services import LIFE_EVENTS

router = Router(tags=["layanan"])

LifeEvent = Literal[tuple(event for event, _ in LIFE_EVENTS)]  # type: ignore[valid-type]


class ProviderOut(Schema):
    kind: Literal["opd", "kecamatan", "desa", "kelurahan"]
    code: str
    name: str
    url: str


class ChannelOut(Schema):
    kind: Literal["online", "location", "phone", "whatsapp"]
    label: str
    url: str | None = Field(None, description="Tautan (daring, tel:, wa.me).")
    address: str | None = None
    hours: str | None = None


class ServiceOut(Schema):
    name: str
    slug: str
    url: str = Field(description="Halaman mulai layanan di situs penyelenggara.")
    provider: ProviderOut
    requirements: list[str]
    procedure: list[str]
    duration: str
    cost: str = Field(description='Biaya; "Gratis" bila tidak dipungut biaya.')
    output: str
    legal_basis: list[str]
    complaints: str
    channels: list[ChannelOut] = Field(
        description="Saluran layanan; tautan daring yang rusak pada pemeriksaan harian tidak dicantumkan."
    )
    life_events: list[str]
    reviewed_at: date | None
    updated_at: datetime


class ServiceListOut(Schema):
    page: int
    page_size: int
    next: str | None = Field(description="Alamat halaman berikutnya, atau null.")
    previous: str | None
    items: list[ServiceOut]


class ServiceFilters(Schema):
    q: str = Field(
        "", description="Pencarian teks bahasa Indonesia, misalnya: akta kelahiran.", max_length=200
    )
    provider: str = Field(
        "",
        description="Kode penyelenggara: OPD.DINKES, kecamatan 35.23.12, desa 35.23.12.2014.",
        max_length=13,
    )
    event: LifeEvent | Literal[""] = Field("", description="Peristiwa hidup.")  # type: ignore[valid-type]
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(queries.PAGE_SIZE, ge=1, le=queries.MAX_PAGE_SIZE)


@router.get(
    "/layanan/",
    response={200: ServiceListOut, 422: ValidationErrorOut},
    summary="Katalog layanan publik",
    description=(
        "Parameter yang tidak valid (teks terlalu panjang, peristiwa hidup yang tidak dikenal, halaman di "
        "luar batas) dijawab 422 dengan alasannya, bagi setiap pemanggil."
    ),
    operation_id="layanan_list",
)
def service_list(request, filters: Query[ServiceFilters]):
    roster = village_roster(request_versions(request))
    services = queries.catalogue_services(
        query=filters.q, provider_code=filters.provider, event=filters.event, roster=roster
    )
    listing = queries.catalogue_page(services, number=filters.page, size=filters.page_size, roster=roster)
    return {
        "page": listing.number,
        "page_size": filters.page_size,
        "next": page_link(request, listing.number + 1) if listing.has_next else None,
        "previous": page_link(request, listing.number - 1) if listing.has_previous else None,
        "items": [shapes.api_item(service) for service in listing.items],
    }
