"""Village site pages: everything a desa publishes except news, announcements, agenda and APBDes.

Every page created by the template builder carries `guidance`: a note to the official on what to
write there. It is shown in the editor (never on the public site) so a new village starts with
instructions instead of placeholder text.
"""

from villageweb.village.models.base import (
    DOCUMENT,
    IMAGE,
    GuidancePanel,
    GuidedContent,
    VillagePage,
    image_field,
)
from villageweb.village.models.contact import ContactDetailsPanel, ContactFormField, ContactPage
from villageweb.village.models.economy import Product, UmkmPage
from villageweb.village.models.gallery import GalleryAlbumPage, GalleryImage, GalleryIndexPage
from villageweb.village.models.government import (
    BpdMember,
    BpdPage,
    Institution,
    InstitutionsPage,
    Official,
    OfficialsPage,
    PersonFields,
)
from villageweb.village.models.home import HomePage
from villageweb.village.models.law import (
    LegalProduct,
    LegalProductIndexPage,
    PublicInformation,
    PublicInformationPage,
)
from villageweb.village.models.profile import ContentPage, GeographyPage, VisionMissionPage
from villageweb.village.models.public_services import ServiceIndexPage, ServicePage

__all__ = [
    "DOCUMENT",
    "GuidancePanel",
    "GuidedContent",
    "IMAGE",
    "VillagePage",
    "image_field",
    "HomePage",
    "ContentPage",
    "GeographyPage",
    "VisionMissionPage",
    "BpdMember",
    "BpdPage",
    "Institution",
    "InstitutionsPage",
    "Official",
    "OfficialsPage",
    "PersonFields",
    "LegalProduct",
    "LegalProductIndexPage",
    "PublicInformation",
    "PublicInformationPage",
    "Product",
    "UmkmPage",
    "GalleryAlbumPage",
    "GalleryImage",
    "GalleryIndexPage",
    "ServiceIndexPage",
    "ServicePage",
    "ContactDetailsPanel",
    "ContactFormField",
    "ContactPage",
]
