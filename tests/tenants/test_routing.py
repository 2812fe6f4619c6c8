"""Each host reaches its own village and only its own; unknown and closed villages say so in Indonesian."""

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tenants.models import Village

from ..factories import admin_client_for, in_village, make_image, make_news_page, village_of

pytestmark = pytest.mark.django_db


def _publish_news(village, title, image_name="foto.png", colour="red"):
    with in_village(village):
        image = make_image(f"Foto {title}", colour=colour, filename=image_name)
        make_news_page(title, slug="kerja-bakti", image=image)
        return image.file.url


def test_two_villages_with_same_slug_and_image_name_each_show_only_their_own(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    jlodro_image = _publish_news(jlodro, "Kerja bakti Jlodro", colour="red")
    wangi_image = _publish_news(wangi, "Kerja bakti Wangi", colour="blue")
    assert jlodro_image != wangi_image
    assert jlodro_image.startswith(f"/media/{jlodro.schema}/")

    jlodro_page = client_for(jlodro.domain).get("/berita/kerja-bakti/")
    wangi_page = client_for(wangi.domain).get("/berita/kerja-bakti/")
    assert jlodro_page.status_code == 200 and wangi_page.status_code == 200
    assert "Kerja bakti Jlodro" in jlodro_page.text and "Wangi" not in jlodro_page.text
    assert "Kerja bakti Wangi" in wangi_page.text and "Jlodro" not in wangi_page.text

    assert client_for(jlodro.domain).get(jlodro_image).status_code == 200
    # Another village's file is not served on this village's host.
    assert client_for(wangi.domain).get(jlodro_image).status_code == 404


def test_unknown_host_gets_indonesian_404_not_portal_content(village_factory, client_for):
    village_factory("Jlodro")
    response = client_for("tidakada.localhost").get("/")
    assert response.status_code == 404
    assert "Situs tidak ditemukan" in response.text
    assert "Portal Desa" not in response.text and "Jlodro" not in response.text


def test_portal_is_served_at_base_domain(village_factory, client_for):
    village_factory("Jlodro")
    response = client_for("localhost").get("/")
    assert response.status_code == 200
    assert "Portal Desa Kabupaten Tuban" in response.text
    assert "Desa Jlodro" in response.text


def test_suspended_village_answers_503_and_admin_is_closed(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    Village.objects.filter(code=jlodro.code).update(status=Village.Status.SUSPENDED)
    for path in ("/", "/admin/", "/admin/login/"):
        response = client_for(jlodro.domain).get(path)
        assert response.status_code == 503
        assert "Situs dinonaktifkan sementara" in response.text


def test_archived_village_is_unreachable(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    Village.objects.filter(code=jlodro.code).update(status=Village.Status.ARCHIVED)
    assert client_for(jlodro.domain).get("/").status_code == 404


def test_village_admin_session_cookie_is_anonymous_on_another_village(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    jlodro_client = client_for(jlodro.domain)
    login = jlodro_client.post("/admin/login/", {"username": "admin", "password": jlodro.admin_password})
    assert login.status_code == 302
    assert jlodro_client.cookies["sessionid"]["domain"] == ""  # host-only cookie

    intruder = client_for(wangi.domain)
    intruder.cookies["sessionid"] = jlodro_client.cookies["sessionid"].value
    response = intruder.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_first_login_with_issued_password_is_sent_to_change_it(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = client_for(jlodro.domain)
    client.post("/admin/login/", {"username": "admin", "password": jlodro.admin_password})
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/ganti-kata-sandi/"


def test_cache_keys_carry_the_schema(village_factory):
    from django.core.cache import caches
    from django.db import connection

    jlodro = village_factory("Jlodro")
    wangi = village_factory("Wangi")
    for alias in ("default", "renditions"):
        cache = caches[alias]
        with in_village(jlodro):
            cache.set("shared-key", "jlodro")
        with in_village(wangi):
            assert cache.get("shared-key") is None
        with in_village(jlodro):
            assert cache.get("shared-key") == "jlodro"
    assert connection.schema_name == "public"


def test_uploaded_media_lands_in_the_village_folder(village_factory, settings):
    jlodro = village_factory("Jlodro")
    with in_village(jlodro):
        image = Image.objects.create(title="Balai desa", file=get_test_image_file(filename="balai.png"))
        path = image.file.path
    assert path.startswith(f"{settings.MEDIA_ROOT}/{jlodro.schema}/")
    assert village_of(jlodro).schema_name == jlodro.schema


def test_issued_password_check_costs_no_query_once_the_password_is_the_users_own(village_factory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    jlodro = village_factory("Jlodro")
    client = admin_client_for(jlodro)

    def flag_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return sum("accounts_passwordchangerequired" in query["sql"] for query in captured.captured_queries)

    assert flag_queries() == 1  # first admin page of the session: checked once
    assert flag_queries() == 0  # then remembered in the session


def test_issued_password_keeps_sending_to_the_change_page(village_factory, client_for):
    jlodro = village_factory("Jlodro")
    client = client_for(jlodro.domain)
    client.post("/admin/login/", {"username": "admin", "password": jlodro.admin_password})
    for path in ("/admin/", "/admin/pages/", "/admin/"):
        assert client.get(path)["Location"] == "/admin/ganti-kata-sandi/"
