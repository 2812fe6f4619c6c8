"""Village news. The portal and outside tools rely on the names NewsIndexPage and NewsPage."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from villageweb.news.feeds import NewsAtomFeed
from villageweb.schemas import VillagePageMixin
from villageweb.village.blocks import ContentStreamBlock
from villageweb.village.models.base import GuidancePanel

NEWS_PER_PAGE = 10
PAGE_PARAMETER = "halaman"
CATEGORY_PARAMETER = "kategori"
TAG_PARAMETER = "tag"


@register_snippet
class NewsCategory(index.Indexed, models.Model):
    """A village's own news sections (Pemerintahan, Pembangunan, ...): each schema has its own list."""

    name = models.CharField("nama", max_length=80, unique=True)
    slug = models.SlugField(
        "slug",
        max_length=80,
        unique=True,
        blank=True,
        help_text="Bagian alamat untuk menyaring berita, misalnya 'pembangunan'. Boleh dikosongkan.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "kategori berita"
        verbose_name_plural = "kategori berita"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(RoutablePageMixin, VillagePageMixin, Page):
    """Berita at /berita/: the list (paginated, filterable by category and tag) and its Atom feed."""

    intro = models.TextField(
        "pengantar",
        blank=True,
        help_text="Satu kalimat pembuka di atas daftar berita, misalnya ajakan membaca kabar desa.",
    )

    content_panels = [
        GuidancePanel(
            text=(
                "Halaman Berita memuat semua kabar desa. Untuk menulis berita baru, "
                'buka menu "Halaman", pilih halaman ini, lalu klik "Tambah halaman anak". '
                "Tulislah kegiatan yang benar-benar terjadi: musyawarah desa, kerja bakti, penyaluran "
                "bantuan, pembangunan jalan, prestasi warga. Sertakan tanggal, tempat, siapa yang "
                "terlibat, dan foto kegiatan."
            ),
        ),
        *Page.content_panels,
        FieldPanel("intro"),
    ]
    parent_page_types = ["village.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = "daftar berita"
        verbose_name_plural = "daftar berita"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feed_url"] = self.feed_url()
        return context

    def feed_url(self) -> str:
        return self.url + self.reverse_subpage("atom_feed")

    def news_items(self):
        """Live news dated today or earlier: an item dated ahead waits for its "Tanggal"."""
        return (
            NewsPage.objects.live()
            .child_of(self)
            .filter(date__lte=timezone.localdate())
            .select_related("main_image")
            .order_by("-date", "-first_published_at")
        )

    @path("")
    def news_list(self, request):
        items = self.news_items()
        category = tag = None
        if slug := request.GET.get(CATEGORY_PARAMETER):
            category = NewsCategory.objects.filter(slug=slug).first()
            if category is None:
                raise Http404("Kategori tidak ditemukan.")
            items = items.filter(categories=category)
        if slug := request.GET.get(TAG_PARAMETER):
            tag = NewsPageTag.tag_model().objects.filter(slug=slug).first()
            if tag is None:
                raise Http404("Tag tidak ditemukan.")
            items = items.filter(tags=tag)
        page_obj = Paginator(items, NEWS_PER_PAGE).get_page(request.GET.get(PAGE_PARAMETER))
        query = request.GET.copy()
        query.pop(PAGE_PARAMETER, None)
        return self.render(
            request,
            context_overrides={
                "news_items": page_obj,
                "page_obj": page_obj,
                "page_parameter": PAGE_PARAMETER,
                "query_without_page": query.urlencode(),
                "categories": NewsCategory.objects.filter(newspage__in=self.news_items()).distinct(),
                "active_category": category,
                "active_tag": tag,
            },
        )

    @path("feed/")
    def atom_feed(self, request):
        return NewsAtomFeed(self)(request)


class NewsPage(VillagePageMixin, Page):
    date = models.DateField("tanggal")
    summary = models.TextField(
        "ringkasan",
        max_length=300,
        help_text="Satu atau dua kalimat yang muncul di daftar berita dan di portal kabupaten.",
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="gambar utama",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ContentStreamBlock(), verbose_name="isi berita", blank=True)
    # Who wrote it, as a name (news brought from an old site keep their author; docs/migrating.md).
    byline = models.CharField("penulis", max_length=100, blank=True)
    categories = ParentalManyToManyField(NewsCategory, verbose_name="kategori", blank=True)
    tags = ClusterTaggableManager(
        "tag",
        through=NewsPageTag,
        blank=True,
        help_text="Kata kunci, dipisah koma, misalnya: posyandu, stunting.",
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    content_panels = [
        GuidancePanel(
            text=(
                "Judul singkat dan jelas (apa dan di mana). Ringkasan satu atau dua kalimat. "
                "Isi berita menjawab apa, siapa, kapan, di mana, mengapa, dan bagaimana. Foto wajib "
                "diberi teks alternatif yang menjelaskan isi foto bagi warga tunanetra."
            ),
        ),
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("byline"),
        FieldPanel("main_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")],
            heading="Kategori dan tag",
        ),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "berita"
        verbose_name_plural = "berita"

    def structured_data(self, request) -> dict:
        """schema.org NewsArticle: the village government as author and publisher."""
        site_root = request.build_absolute_uri("/")
        village = getattr(request, "tenant", None)
        government = {
            "@type": "GovernmentOrganization",
            "name": f"Pemerintah {village.display_name}" if village else site_root,
            "url": site_root,
        }
        data = {
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "inLanguage": "id",
            "mainEntityOfPage": request.build_absolute_uri(request.path),
            "author": government,
            "publisher": government,
        }
        if self.last_published_at:
            data["dateModified"] = timezone.localtime(self.last_published_at).isoformat()
        if self.main_image:
            rendition = self.main_image.get_rendition("fill-1200x630|format-jpeg")
            data["image"] = [request.build_absolute_uri(rendition.url)]
        return data


class NewsSubmission(models.Model):
    """The one-time key of a Tulis Kabar form that created a news item.

    A phone on a weak signal sends the same form again (a retry, a double tap, the browser's
    "resubmit"); the key makes the second send lead to the item the first one made instead of a copy.
    """

    key = models.UUIDField("kunci kiriman", unique=True)
    page = models.ForeignKey(NewsPage, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kiriman Tulis Kabar"
        verbose_name_plural = "kiriman Tulis Kabar"
