"""What search engines and chat apps read (issue #27 item 17): the canonical link and og:url without
the query string, the article's main image loaded at once (it is the page's largest paint), JSON-LD
NewsArticle and GovernmentOrganization, twitter: tags, and the Atom feeds linked from the home pages."""

import json
import re

import pytest

from ..factories import in_village, make_image, make_news_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def jlodro(village_factory):
    return village_factory("Jlodro")


def _json_ld(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]


def test_news_article_has_a_clean_canonical_an_eager_main_image_json_ld_and_twitter_tags(jlodro, client_for):
    with in_village(jlodro):
        page = make_news_page(
            "Posyandu <Melati> & kader", summary="Kader menimbang 58 balita.", image=make_image()
        )
        path = page.url
    html = client_for(jlodro.domain).get(f"{path}?utm_source=whatsapp&fbclid=abc").text

    assert f'<link rel="canonical" href="http://{jlodro.domain}{path}">' in html
    assert f'<meta property="og:url" content="http://{jlodro.domain}{path}">' in html
    figure = re.search(r'<figure class="main-image">(.*?)</figure>', html, re.S).group(1)
    assert 'loading="lazy"' not in figure and 'fetchpriority="high"' in figure
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta name="twitter:title" content="Posyandu &lt;Melati&gt; &amp; kader">' in html
    assert '<meta name="twitter:image" content="http://' in html
    [article] = _json_ld(html)
    assert "</script" not in html.split('application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
    assert article["headline"] == "Posyandu <Melati> & kader"
    assert article["datePublished"] == "2026-11-01" and article["inLanguage"] == "id"
    assert article["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": "Pemerintah Desa Jlodro",
        "url": f"http://{jlodro.domain}/",
    }
    assert article["mainEntityOfPage"] == f"http://{jlodro.domain}{path}"
    assert article["image"][0].startswith(f"http://{jlodro.domain}/media/")


def test_home_pages_name_their_government_and_link_their_feeds(jlodro, client_for):
    village_home = client_for(jlodro.domain).get("/").text
    [organisation] = _json_ld(village_home)
    assert (
        organisation["@type"] == "GovernmentOrganization" and organisation["name"] == "Pemerintah Desa Jlodro"
    )
    assert organisation["parentOrganization"]["name"] == "Pemerintah Kabupaten Tuban"
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" [^>]*href="/berita/[^"]+"', village_home
    )

    portal_home = client_for("localhost").get("/").text
    [regency] = _json_ld(portal_home)
    assert regency == {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": "Pemerintah Kabupaten Tuban",
        "url": "http://localhost/",
    }
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" [^>]*href="/berita-desa/[^"]*"', portal_home
    )
