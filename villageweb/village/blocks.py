"""The one StreamBlock village editors write with. No raw-HTML block, on purpose."""

from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import blocks as image_blocks


class ImageBlock(image_blocks.ImageBlock):
    """Wagtail's ImageBlock labels its chooser after the field name ("Image"), which no catalogue
    can translate; give it the msgid instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_blocks["image"].label = gettext_lazy("Image")


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(ImageBlock(), label="Foto")

    class Meta:
        icon = "image"
        label = "Galeri foto"
        template = "blocks/gallery_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Kutipan")
    attribution = blocks.CharBlock(label="Sumber", required=False)

    class Meta:
        icon = "openquote"
        label = "Kutipan"
        template = "blocks/quote_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Dokumen")
    title = blocks.CharBlock(label="Judul tautan", required=False)

    class Meta:
        icon = "doc-full"
        label = "Tautan dokumen"
        template = "blocks/document_link_block.html"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label="Judul tabel", required=False)
    header = blocks.ListBlock(blocks.CharBlock(label="Kolom"), label="Judul kolom")
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label="Sel", required=False), label="Baris"),
        label="Baris",
    )

    class Meta:
        icon = "table"
        label = "Tabel"
        template = "blocks/table_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="Paragraf",
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    image = ImageBlock(label="Gambar")
    gallery = GalleryBlock()
    quote = QuoteBlock()
    table = TableBlock()
    document = DocumentLinkBlock()
