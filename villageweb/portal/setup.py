"""The portal's federation pages, created by `init_platform` (hook villageweb_portal_build)."""

from django.conf import settings

from villageweb.portal.models import PortalHomePage, VillageDirectoryPage, VillageNewsIndexPage


def portal_pages_ensure() -> None:
    """Idempotently add 'Berita Desa' and 'Direktori Desa' under the portal home page, both in its
    main menu (the way citizens reach them). Existing pages are left as Diskominfo keeps them."""
    home = PortalHomePage.objects.get()
    regency = settings.VILLAGEWEB_REGENCY_NAME
    pages = [
        VillageNewsIndexPage(
            title="Berita Desa",
            slug="berita-desa",
            intro=f"<p>Kabar terbaru dari seluruh desa dan kelurahan di {regency}.</p>",
            show_in_menus=True,
        ),
        VillageDirectoryPage(
            title="Direktori Desa",
            slug="desa",
            intro=f"<p>Situs resmi setiap desa dan kelurahan di {regency}.</p>",
            show_in_menus=True,
        ),
    ]
    for page in pages:
        if not type(page).objects.exists():
            home.add_child(instance=page)
            page.save_revision().publish()
