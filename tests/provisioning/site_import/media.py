"""Old sites' upload folders, built as WordPress and OpenSID leave them (real image files)."""

from pathlib import Path

from PIL import Image


def image_write(path: Path, *, size=(320, 200), color=(30, 120, 60)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


def wordpress_uploads(root: Path) -> Path:
    """wp-content/uploads of the subfolder fixture: two photos and a PDF."""
    image_write(root / "2024/05/kerja-bakti-foto.jpg")
    image_write(root / "2024/05/kerja-bakti-foto-300x200.jpg", size=(300, 200))
    image_write(root / "2024/05/saluran-selesai.png", color=(10, 60, 160))
    pdf = root / "2024/01/perdes-apbdes-2024.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return root


def opensid_uploads(root: Path) -> Path:
    """desa/upload of the OpenSID fixtures: article photos (with OpenSID's sedang_/kecil_ copies),
    gallery photos and a document."""
    for name in ("1696000000_posyandu.jpg", "1696000001_jalan.jpg"):
        image_write(root / "artikel" / f"sedang_{name}")
        image_write(root / "artikel" / f"kecil_{name}", size=(120, 80))
    for name in ("panen-1.jpg", "panen-2.jpg"):
        image_write(root / "galeri" / f"sedang_{name}", color=(200, 160, 20))
    document = root / "dokumen" / "perdes-1-2023.pdf"
    document.parent.mkdir(parents=True, exist_ok=True)
    document.write_bytes(b"%PDF-1.4\n%%EOF\n")
    return root


def wordpress_gallery_uploads(root: Path) -> Path:
    """wp-content/uploads of the galleries fixture: six photos, each with WordPress's resized copy."""
    for number, name in enumerate(["lomba-1", "lomba-2", "upacara-1", "upacara-2", "karnaval", "posyandu"]):
        image_write(root / f"2024/08/{name}.jpg", size=(640, 427), color=(40 * number, 120, 60))
        image_write(root / f"2024/08/{name}-1024x683.jpg", size=(400, 267), color=(40 * number, 120, 60))
    return root
