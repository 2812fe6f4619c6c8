"""Read-only JSON API of the federated village news, for other regency systems.

Served at /api/v1/ on the portal host; its OpenAPI document is /api/v1/openapi.json.
"""

from datetime import date, datetime

from django.conf import settings
from ninja import NinjaAPI, Query, Schema
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from villageweb.freshness.portal_cache import request_versions
from villageweb.portal.federation import queries

api = NinjaAPI(
    title=f"{settings.VILLAGEWEB_PORTAL_NAME}: API Berita Desa",
    version="1.0.0",
    description=(
        "Berita yang diterbitkan situs desa dan kelurahan, terbaru lebih dulu (berita yang disematkan "
        "Diskominfo di atas). Hanya baca; tanpa autentikasi."
    ),
    urls_namespace="federation_api",
    docs_url=None,
    openapi_url="/openapi.json",
)


class VillageOut(Schema):
    code: str
    name: str
    kind: str
    url: str


class DistrictOut(Schema):
    code: str
    name: str


class NewsItemOut(Schema):
    title: str
    summary: str
    url: str = Field(description="Alamat berita di situs desa (domain utama desa).")
    date: date
    published_at: datetime
    updated_at: datetime
    categories: list[str]
    thumbnail_url: str | None = Field(description="Gambar WebP 480×270 di situs desa, bila ada.")
    pinned: bool
    village: VillageOut
    district: DistrictOut


class NewsListOut(Schema):
    page: int
    page_size: int
    next: str | None = Field(description="Alamat halaman berikutnya, atau null.")
    previous: str | None
    items: list[NewsItemOut]


class ValidationErrorOut(Schema):
    detail: str = Field(description='Selalu "Parameter tidak valid."')
    errors: list[dict] = Field(description="Setiap parameter yang ditolak dan alasannya (format Pydantic).")


class NewsFilters(Schema):
    kecamatan: str = Field("", description="Kode kecamatan Kemendagri, misalnya 35.23.01.", max_length=8)
    desa: str = Field("", description="Kode desa Kemendagri, misalnya 35.23.01.2001.", max_length=13)
    q: str = Field(
        "", description="Pencarian teks (sintaks websearch PostgreSQL, bahasa Indonesia).", max_length=200
    )
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(queries.PAGE_SIZE, ge=1, le=queries.MAX_PAGE_SIZE)


def _item_out(item) -> dict:
    village = item.listed_village
    return {
        "title": item.title,
        "summary": item.summary,
        "url": item.url,
        "date": item.date,
        "published_at": item.first_published_at,
        "updated_at": item.last_published_at,
        "categories": item.categories,
        "thumbnail_url": item.thumbnail_url or None,
        "pinned": item.pinned,
        "village": {
            "code": village.code,
            "name": village.display_name,
            "kind": village.kind,
            "url": village.site_url,
        },
        "district": {"code": village.district_code, "name": village.district_name},
    }


def page_link(request, number: int) -> str:
    """The same listing's page `number`, every other parameter kept (the APIs' `next`/`previous`)."""
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@api.get(
    "/berita-desa/",
    response={200: NewsListOut, 422: ValidationErrorOut},
    summary="Daftar berita desa",
    description=(
        "Parameter yang tidak valid (kode terlalu panjang, halaman di luar batas) dijawab 422 dengan "
        "alasannya, bagi setiap pemanggil; tidak pernah dipotong diam-diam."
    ),
    operation_id="berita_desa_list",
)
def news_list(request, filters: Query[NewsFilters]):
    items = queries.news_items(district_code=filters.kecamatan, village_code=filters.desa, query=filters.q)
    roster = queries.village_roster(request_versions(request))
    listing = queries.news_page(items, number=filters.page, size=filters.page_size, roster=roster)
    return {
        "page": listing.number,
        "page_size": filters.page_size,
        "next": page_link(request, listing.number + 1) if listing.has_next else None,
        "previous": page_link(request, listing.number - 1) if listing.has_previous else None,
        "items": [_item_out(item) for item in listing.items],
    }


@api.exception_handler(NinjaValidationError)
def validation_failed(request, error):
    return api.create_response(
        request, {"detail": "Parameter tidak valid.", "errors": error.errors}, status=422
    )
