"""Berita as citizens read it (list, article, categories, tags, pages) and as the village admin edits it."""

import pytest

from villageweb.news.models import NewsCategory, NewsIndexPage

from ..factories import admin_client_for, in_village, make_image, make_news_page

pytestmark = pytest.mark.django_db


def test_new_village_has_news_page_at_berita(village_factory, client_for):
    village = village_factory("Jlodro")
    response = client_for(village.domain).get("/berita/")
    assert response.status_code == 200
    assert "<h1>Berita</h1>" in response.text
    assert "Belum ada berita" in response.text


def test_news_article_renders_date_summary_image_body_and_categories(village_factory, client_for):
    village = village_factory("Jlodro")
    with in_village(village):
        category = NewsCategory.objects.create(name="Pembangunan")
        make_news_page(
            "Rabat beton Dusun Krajan selesai",
            date="2026-11-27",
            summary="Jalan rabat beton sepanjang 350 meter selesai dikerjakan.",
            categories=[category],
            tags=["infrastruktur"],
            image=make_image("Jalan baru", alt="Jalan rabat beton yang baru selesai"),
            body=[
                ("paragraph", "<p>Pekerjaan dibiayai Dana Desa.</p>"),
                ("quote", {"text": "Jalan ini memudahkan panen.", "attribution": "Pak Kasno"}),
            ],
        )
    response = client_for(village.domain).get("/berita/rabat-beton-dusun-krajan-selesai/")
    assert response.status_code == 200
    text = response.text
    assert "Rabat beton Dusun Krajan selesai" in text
    assert "27 November 2026" in text
    assert "Jalan rabat beton sepanjang 350 meter" in text
    assert "Pekerjaan dibiayai Dana Desa." in text
    assert "Jalan ini memudahkan panen." in text
    assert 'alt="Jalan rabat beton yang baru selesai"' in text
    assert ".webp" in text and "srcset=" in text
    # The main image is the article's largest paint: fetched at once, never lazily (issue 27 item 17).
    main_image = text[text.index('<figure class="main-image">') :].split("</figure>")[0]
    assert 'fetchpriority="high"' in main_image and 'loading="lazy"' not in main_image
    assert "?kategori=pembangunan" in text and "#infrastruktur" in text


def test_category_filter_shows_only_that_category(village_factory, client_for):
    village = village_factory("Jlodro")
    with in_village(village):
        health = NewsCategory.objects.create(name="Kesehatan")
        farming = NewsCategory.objects.create(name="Pertanian")
        make_news_page("Posyandu balita bulan November", categories=[health])
        make_news_page("Panen raya jagung", categories=[farming])
    client = client_for(village.domain)
    response = client.get("/berita/?kategori=kesehatan")
    assert response.status_code == 200
    assert "Posyandu balita bulan November" in response.text
    assert "Panen raya jagung" not in response.text
    assert client.get("/berita/?kategori=tidak-ada").status_code == 404


def test_tag_filter_shows_only_tagged_news(village_factory, client_for):
    village = village_factory("Jlodro")
    with in_village(village):
        make_news_page("Posyandu balita bulan November", tags=["stunting"])
        make_news_page("Panen raya jagung", tags=["pertanian"])
    response = client_for(village.domain).get("/berita/?tag=stunting")
    assert "Posyandu balita bulan November" in response.text
    assert "Panen raya jagung" not in response.text


def test_news_list_is_paginated_with_indonesian_labels(village_factory, client_for):
    village = village_factory("Jlodro")
    with in_village(village):
        for day in range(1, 13):
            make_news_page(f"Kabar desa hari ke-{day}", date=f"2026-11-{day:02d}")
    client = client_for(village.domain)
    first = client.get("/berita/")
    assert "Kabar desa hari ke-12" in first.text and "Kabar desa hari ke-3<" in first.text
    assert "Kabar desa hari ke-2<" not in first.text
    assert "Halaman 1 dari 2" in first.text and "Berikutnya" in first.text
    assert 'aria-label="Navigasi halaman"' in first.text
    second = client.get("/berita/?halaman=2")
    assert "Kabar desa hari ke-2<" in second.text and "Kabar desa hari ke-1<" in second.text
    assert "Kabar desa hari ke-12" not in second.text and "Sebelumnya" in second.text
    # Nonsense page numbers fall back to a real page rather than failing.
    assert client.get("/berita/?halaman=abc").status_code == 200


def test_home_page_shows_latest_news(village_factory, client_for):
    village = village_factory("Jlodro")
    with in_village(village):
        make_news_page("Penyaluran bibit jagung untuk kelompok tani")
    response = client_for(village.domain).get("/")
    assert "Berita terbaru" in response.text
    assert "Penyaluran bibit jagung untuk kelompok tani" in response.text


def test_village_admin_can_open_news_editors(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        index = NewsIndexPage.objects.get()
        page = make_news_page()
        category = NewsCategory.objects.create(name="Pemerintahan")
    client = admin_client_for(village)
    for url in (
        f"/admin/pages/{index.pk}/edit/",
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/add/news/newspage/{index.pk}/",
        f"/admin/snippets/news/newscategory/edit/{category.pk}/",
    ):
        assert client.get(url).status_code == 200, url


def test_news_search_finds_summary_words(village_factory):
    village = village_factory("Jlodro")
    with in_village(village):
        make_news_page("Kabar dari balai desa", summary="Pelatihan pembuatan pupuk organik bagi petani.")
        from villageweb.news.models import NewsPage

        results = NewsPage.objects.live().search("pupuk organik")
        assert [page.title for page in results] == ["Kabar dari balai desa"]
