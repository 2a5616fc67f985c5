"""Photos and screenshots → A4 PDF pages: upright, reasonably sized, without metadata.

Phone photos carry GPS coordinates and device details in EXIF/XMP: a court file must not
leak where the person lives, so every page is re-encoded from bare pixels.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageFile, ImageOps

from lawdesk.errors import EvidenceError
from lawdesk.evidence.common import failures_as
from lawdesk.evidence.limits import MAX_PAGES, MAX_PIXELS, MAX_TOTAL_PIXELS, too_many_pages_message
from lawdesk.evidence.sniff import EvidenceKind
from lawdesk.i18n import _

# Pillow refuses above twice this bound by itself; between one and two times it only warns,
# and LawDesk refuses that range explicitly (see _checked_size), so the warning is noise.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.simplefilter("ignore", Image.DecompressionBombWarning)

# About 200 dpi on A4: sharp when printed, small enough for Télérecours' size limit.
PORTRAIT_BOX = (1654, 2339)
LANDSCAPE_BOX = (PORTRAIT_BOX[1], PORTRAIT_BOX[0])
JPEG_QUALITY = 85
DRAFT_SHARE = 0.8


@cache
def _layout() -> Any:
    """Pictures smaller than the page keep their size (at 96 dpi); larger ones shrink to fit; the
    page turns landscape for landscape pictures. (img2pdf, and pikepdf with it, is imported only
    when a picture is converted: a rebuild takes its pages from the cache.)"""
    import img2pdf

    a4, margin = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297)), img2pdf.mm_to_pt(15)
    return img2pdf.get_layout_fun(a4, None, (margin, margin), img2pdf.FitMode.shrink, auto_orient=True)

_PIL_FORMAT = {
    EvidenceKind.PNG: "PNG", EvidenceKind.JPEG: "JPEG", EvidenceKind.GIF: "GIF",
    EvidenceKind.WEBP: "WEBP", EvidenceKind.TIFF: "TIFF", EvidenceKind.HEIF: "HEIF",
}
_JPEG_COMPRESSED_TIFF = frozenset({"jpeg", "tiff_jpeg"})
_CHECK_SIZE = (64, 64)
_decoding_lock = threading.Lock()


def _undecodable_message() -> str:
    return _("image illisible ou incomplète (fichier tronqué ou endommagé) : ouvrez-la pour vérifier, "
             "puis exportez-la ou photographiez le document à nouveau")


def check_image(path: Path, kind: EvidenceKind, shown_as: str) -> None:
    """Decode every frame cheaply (JPEG at reduced scale) so that damaged files are found early."""
    with _strict_decoding(), _opened(path, kind, shown_as) as image, failures_as(shown_as, _undecodable_message()):
        for frame in _frames(image, kind, shown_as):
            frame.draft(None, _CHECK_SIZE)
            frame.load()


def image_to_pdf(path: Path, kind: EvidenceKind, shown_as: str) -> bytes:
    """One A4 page per frame (every page of a TIFF, the first frame of a GIF or WebP animation)."""
    lossless = _is_lossless(path, kind)
    with _strict_decoding(), _opened(path, kind, shown_as) as image, failures_as(shown_as, _undecodable_message()):
        pages = [_encode(_page_image(frame), lossless and not _jpeg_in_tiff(frame))
                 for frame in _frames(image, kind, shown_as)]
        import img2pdf

        return img2pdf.convert(pages, layout_fun=_layout(), nodate=True)


@contextmanager
def _strict_decoding() -> Iterator[None]:
    """Truncated images fail instead of being padded with grey.

    WeasyPrint sets Pillow's process-wide LOAD_TRUNCATED_IMAGES at import; it is turned off
    only while LawDesk decodes evidence, then put back.
    """
    with _decoding_lock:
        saved = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = saved


@cache
def _register_heif() -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()


@contextmanager
def _opened(path: Path, kind: EvidenceKind, shown_as: str) -> Iterator[Image.Image]:
    if kind is EvidenceKind.HEIF:
        _register_heif()
    with failures_as(shown_as, _undecodable_message()):
        try:
            image = Image.open(path, formats=[_PIL_FORMAT[kind]])
        except Image.DecompressionBombError:
            raise EvidenceError(shown_as, _too_large_message()) from None
    with image:
        yield image


def _frames(image: Image.Image, kind: EvidenceKind, shown_as: str) -> Iterator[Image.Image]:
    count = _frame_count(image, kind, shown_as)
    pixels = 0
    for index in range(count):
        image.seek(index)
        _checked_size(image, shown_as)
        pixels += image.size[0] * image.size[1]
        if pixels > MAX_TOTAL_PIXELS:
            raise EvidenceError(shown_as, _("images trop grandes : ses {count} pages font plus de {limit} millions de pixels en tout ; "
                                            "numérisez-les en 300 dpi au plus, ou scindez le fichier").format(
                count=count, limit=MAX_TOTAL_PIXELS // 1_000_000))
        yield image


def _frame_count(image: Image.Image, kind: EvidenceKind, shown_as: str) -> int:
    """The TIFF's pages (counted without decoding; refused beyond MAX_PAGES); 1 for other kinds."""
    if kind is not EvidenceKind.TIFF:
        return 1
    count = 1
    while count <= MAX_PAGES:
        try:
            image.seek(count)
        except EOFError:
            break
        count += 1
    image.seek(0)
    if count > MAX_PAGES:
        raise EvidenceError(shown_as, too_many_pages_message(None, MAX_PAGES))
    return count


def _checked_size(image: Image.Image, shown_as: str) -> None:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise EvidenceError(shown_as, _too_large_message(width, height))


def _too_large_message(width: int = 0, height: int = 0) -> str:
    size = f" ({width} × {height} pixels)" if width else ""
    return _("image trop grande{size} : plus de {limit} millions de pixels, elle ne peut pas être traitée sans risque "
             "(fichier piégé ou mal exporté) ; réduisez-la ou faites une capture d'écran du document").format(
        size=size, limit=MAX_PIXELS // 1_000_000)


def _page_image(frame: Image.Image) -> Image.Image:
    """The frame upright, flattened on white, within the A4 box, in sRGB, with no metadata at all."""
    final = _final_size(frame.size)
    # A JPEG is decoded at a reduced scale by its own DCT (4 to 64 times fewer pixels to decode and
    # to resample) when that keeps at least DRAFT_SHARE of the final size; Lanczos then brings it to
    # that size. A 12-megapixel photo takes half the time, as sharp: see
    # test_a_photo_decoded_at_a_reduced_scale_is_as_sharp_as_one_reduced_directly.
    frame.draft(None, (int(final[0] * DRAFT_SHARE), int(final[1] * DRAFT_SHARE)))
    profile = frame.info.get("icc_profile")
    image = _flattened(ImageOps.exif_transpose(_reduced(frame)))
    if (image.width > image.height) != (final[0] > final[1]):  # turned upright by its EXIF orientation
        final = final[::-1]
    if image.size != final:
        image = image.resize(final, Image.Resampling.LANCZOS, reducing_gap=2.0)
    image = _in_srgb(image, profile)
    image.info = {}
    return image


def _final_size(size: tuple[int, int]) -> tuple[int, int]:
    """The picture's size on its page: as large as the A4 box allows, never enlarged."""
    width, height = size
    scale = min(1.0, *(side / length for side, length in zip(_box(size), size)))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _reduced(frame: Image.Image) -> Image.Image:
    """A large picture shrunk by a whole factor at once, still at least twice the final size: the
    copies made to turn, flatten and convert it are then small (an 80-megapixel RGBA picture
    would otherwise need several of its 320 MB at the same time)."""
    width, height = frame.size
    fits = max(min(box[0] / width, box[1] / height) for box in (PORTRAIT_BOX, LANDSCAPE_BOX))
    factor = int(1 / (2 * fits)) if fits < 0.5 else 1
    if factor < 2:
        return frame
    frame.load()
    source = frame
    if frame.mode not in _REDUCIBLE:  # palette or 1-bit: converted once, like _flattened would
        source = frame.convert("L" if frame.mode == "1" else "RGBA" if "transparency" in frame.info else "RGB")
    reduced = source.reduce(factor)
    reduced.info = {key: value for key, value in frame.info.items() if key != "transparency"}  # EXIF orientation, ICC
    return reduced


_REDUCIBLE = frozenset({"L", "LA", "RGB", "RGBA", "CMYK", "I", "F"})


def _box(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    return LANDSCAPE_BOX if width > height else PORTRAIT_BOX


def _flattened(image: Image.Image) -> Image.Image:
    """RGB or L: transparency composed on white (PDF pages are white), 16-bit grey scaled to 8 bits."""
    if image.mode in ("RGB", "L"):
        return image
    if image.mode.startswith("I;16") or image.mode == "I":
        return image.point(lambda value: value / 256).convert("L")
    if "A" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        page = Image.new("RGB", rgba.size, "white")
        page.paste(rgba, mask=rgba.getchannel("A"))
        return page
    return image.convert("L" if image.mode == "1" else "RGB")


def _in_srgb(image: Image.Image, profile: bytes | None) -> Image.Image:
    """Colours converted from the embedded profile (e.g. an iPhone's Display P3) before it is dropped."""
    if not profile or image.mode != "RGB":
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image


def _encode(image: Image.Image, lossless: bool) -> bytes:
    """PNG (embedded as Flate) keeps screenshots sharp; photos become JPEG."""
    output = io.BytesIO()
    if lossless:
        image.save(output, "PNG")
    else:
        image.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue()


def _is_lossless(path: Path, kind: EvidenceKind) -> bool:
    if kind in (EvidenceKind.JPEG, EvidenceKind.HEIF):
        return False
    if kind is EvidenceKind.WEBP:
        return not _is_lossy_webp(path)
    return True


def _is_lossy_webp(path: Path) -> bool:
    """A WebP holds a lossy ("VP8 ") or a lossless ("VP8L") bitstream chunk, near its start."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    return b"VP8 " in head and b"VP8L" not in head


def _jpeg_in_tiff(frame: Image.Image) -> bool:
    return frame.info.get("compression") in _JPEG_COMPRESSED_TIFF
