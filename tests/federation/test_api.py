"""The read-only JSON API /api/v1/berita-desa/ and its OpenAPI document."""

import pytest

from ..factories import in_village, make_diskominfo_staff, make_news_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(village_factory):
    jlodro = village_factory("Jlodro", code="35.23.01.2001", district_name="Kenduruan")
    kaliuntu = village_factory("Kaliuntu", code="35.23.12.2014", district_name="Jenu")
    with in_village(jlodro):
        for day in range(1, 6):
            make_news_page(f"Kabar Jlodro {day}", date=f"2026-10-{day:02d}")
    with in_village(kaliuntu):
        make_news_page("Nelayan melaut", date="2026-10-10", summary="Cuaca cerah untuk melaut.")
    return jlodro, kaliuntu


def api(client_for, query=""):
    response = client_for("localhost").get(f"/api/v1/berita-desa/{query}")
    return response.status_code, response.json()


def test_api_lists_news_newest_first_with_village_and_absolute_links(news, client_for):
    jlodro, kaliuntu = news
    status, data = api(client_for)
    assert status == 200
    assert [item["title"] for item in data["items"]][:2] == ["Nelayan melaut", "Kabar Jlodro 5"]
    first = data["items"][0]
    assert first["url"] == f"http://{kaliuntu.domain}/berita/nelayan-melaut/"
    assert first["village"] == {
        "code": kaliuntu.code,
        "name": "Desa Kaliuntu",
        "kind": "desa",
        "url": f"http://{kaliuntu.domain}/",
    }
    assert first["district"] == {"code": "35.23.12", "name": "Jenu"}
    assert first["date"] == "2026-10-10"
    assert data["next"] is None and data["previous"] is None


def test_api_filters_by_kecamatan_village_and_search(news, client_for):
    _, data = api(client_for, "?kecamatan=35.23.01")
    assert len(data["items"]) == 5 and all(i["district"]["code"] == "35.23.01" for i in data["items"])
    _, data = api(client_for, "?desa=35.23.12.2014")
    assert [item["title"] for item in data["items"]] == ["Nelayan melaut"]
    _, data = api(client_for, "?q=cuaca")
    assert [item["title"] for item in data["items"]] == ["Nelayan melaut"]


def test_api_pages_with_next_and_previous_links(news, client_for):
    _, first = api(client_for, "?page_size=4")
    assert len(first["items"]) == 4 and first["previous"] is None
    assert first["next"] == "http://localhost/api/v1/berita-desa/?page_size=4&page=2"
    _, second = api(client_for, "?page_size=4&page=2")
    assert [item["title"] for item in second["items"]] == ["Kabar Jlodro 2", "Kabar Jlodro 1"]
    assert second["next"] is None and second["previous"].endswith("page=1")


def test_api_rejects_bad_parameters_with_422_not_500(news, client_for):
    for query in ("?page=0", "?page=abc", "?page_size=1000"):
        status, data = api(client_for, query)
        assert status == 422
        assert data["detail"] == "Parameter tidak valid."


def test_openapi_document_describes_the_endpoint(platform, client_for):
    response = client_for("localhost").get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    operation = schema["paths"]["/api/v1/berita-desa/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {
        "kecamatan",
        "desa",
        "q",
        "page",
        "page_size",
    }
    assert "200" in operation["responses"]


def test_api_is_not_served_on_village_hosts(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    assert client_for(jlodro.domain).get("/api/v1/berita-desa/").status_code == 404


@pytest.mark.parametrize("query", ["?desa=35.23.12.20149", "?kecamatan=35.23.123", f"?q={'a' * 201}"])
def test_a_too_long_filter_is_422_for_anonymous_and_signed_in_callers_alike(news, client_for, query):
    """The portal's page cache normalises anonymous requests; it cut 35.23.12.20149 to Kaliuntu's
    real code 35.23.12.2014 and answered for it, while a caller with a cookie got 422."""
    anonymous = client_for("localhost").get(f"/api/v1/berita-desa/{query}")
    with_cookie = client_for("localhost")
    with_cookie.force_login(make_diskominfo_staff())  # a live session skips the page cache
    signed_in = with_cookie.get(f"/api/v1/berita-desa/{query}")
    assert anonymous.status_code == signed_in.status_code == 422
    assert anonymous.json() == signed_in.json()
    assert anonymous.json()["detail"] == "Parameter tidak valid."


def test_openapi_document_describes_the_422_answer(platform, client_for):
    schema = client_for("localhost").get("/api/v1/openapi.json").json()
    answer = schema["paths"]["/api/v1/berita-desa/"]["get"]["responses"]["422"]
    reference = answer["content"]["application/json"]["schema"]["$ref"]
    assert set(schema["components"]["schemas"][reference.rsplit("/", 1)[1]]["properties"]) == {
        "detail",
        "errors",
    }
