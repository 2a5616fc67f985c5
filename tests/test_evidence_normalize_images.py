"""Photos and screenshots become A4 pages: upright, scaled, sharp when lossless, without any metadata."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageFile, ImageStat
from pypdf import PdfReader

from lawdesk.errors import EvidenceError
from lawdesk.evidence import normalize_files
from lawdesk.evidence.images import LANDSCAPE_BOX, PORTRAIT_BOX
from tests import evidence_factory as make

MM = 72 / 25.4
A4 = (595.3, 841.9)


def normalize(path: Path) -> tuple[bytes, PdfReader]:
    piece = normalize_files([path], [f"pieces/{path.name}"])
    assert piece.warnings == []
    return piece.pdf, PdfReader(io.BytesIO(piece.pdf))


def page_size(reader: PdfReader, index: int = 0) -> tuple[float, float]:
    box = reader.pages[index].mediabox
    return round(float(box.width), 1), round(float(box.height), 1)


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    source = make.jpeg_photo(tmp_path, orientation=6, size=(300, 400))
    with Image.open(source) as stored:
        assert stored.size == (400, 300)  # stored sideways
    pdf, reader = normalize(source)
    [[image]] = make.page_images(pdf)
    assert image.size == (300, 400)
    top, bottom = image.convert("RGB").getpixel((150, 5)), image.convert("RGB").getpixel((150, 395))
    assert top[0] > 180 and top[2] < 60  # the red band is at the top again
    assert bottom[2] > 180 and bottom[0] < 60
    assert page_size(reader) == A4


def test_gps_and_all_metadata_are_stripped(tmp_path: Path) -> None:
    source = make.jpeg_photo(tmp_path)
    with Image.open(source) as original:
        assert original.getexif().get_ifd(0x8825)  # the source does hold GPS coordinates
    assert make.CAMERA.encode() in source.read_bytes()
    pdf, _reader = normalize(source)
    assert make.CAMERA.encode() not in pdf and b"Exif" not in pdf
    assert not make.holds(pdf, make.CAMERA.encode())
    [[image]] = make.page_images(pdf)
    assert not image.getexif() and "exif" not in image.info
    assert make.image_filters(pdf) == ["/DCTDecode"]  # a photo stays a JPEG


def test_screenshots_stay_lossless_and_lose_their_metadata(tmp_path: Path) -> None:
    source = make.png_screenshot(tmp_path)
    pdf, _reader = normalize(source)
    assert make.image_filters(pdf) == ["/FlateDecode"]
    [[image]] = make.page_images(pdf)
    with Image.open(source) as original:
        assert ImageChops.difference(image.convert("RGB"), original.convert("RGB")).getbbox() is None
    assert not make.holds(pdf, make.PNG_COMMENT.encode()) and not make.holds(pdf, make.CAMERA.encode())


def test_colour_profile_is_applied_then_dropped(tmp_path: Path) -> None:
    source = make.png_with_icc(tmp_path)
    with Image.open(source) as original:
        assert original.info.get("icc_profile")
    pdf, reader = normalize(source)
    colour_space = [obj.get_object()["/ColorSpace"] for obj in reader.pages[0]["/Resources"]["/XObject"].values()
                    if obj.get_object()["/Subtype"] == "/Image"]  # not the form of the OCR text layer
    assert colour_space == ["/DeviceRGB"]
    assert not make.holds(pdf, b"acsp")  # the ICC signature


@pytest.mark.parametrize(("size", "box", "page"), [((3000, 4000), PORTRAIT_BOX, "portrait"),
                                                   ((4000, 3000), LANDSCAPE_BOX, "landscape")])
def test_large_photos_are_scaled_into_a4_with_margins(tmp_path: Path, size: tuple[int, int], box: tuple[int, int],
                                                       page: str) -> None:
    pdf, reader = normalize(make.large_photo(tmp_path, size=size))
    [[image]] = make.page_images(pdf)
    assert image.width == box[0] or image.height == box[1]  # as large as the box allows
    assert image.width <= box[0] and image.height <= box[1]
    assert abs(image.width / image.height - size[0] / size[1]) < 0.01
    width, height = page_size(reader)
    assert (width > height) == (page == "landscape") and sorted((width, height)) == sorted(A4)
    placement = re.search(rb"([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm\s*/Im\d+ Do", reader.pages[0].get_contents().get_data())
    assert placement is not None
    drawn_w, drawn_h, x, y = (float(v) for v in placement.groups())
    margin = 15 * MM - 0.5
    assert x >= margin and y >= margin and x + drawn_w <= width - margin and y + drawn_h <= height - margin


def _psnr(image: Image.Image, reference: Image.Image) -> float:
    """How close two pictures are, in dB (above 40: no difference the eye can see)."""
    rms = ImageStat.Stat(ImageChops.difference(image.convert("L"), reference.convert("L"))).rms[0]
    return 20 * math.log10(255 / max(rms, 1e-9))


def test_a_photo_decoded_at_a_reduced_scale_is_as_sharp_as_one_reduced_directly(tmp_path: Path) -> None:
    """A 12-megapixel JPEG is decoded at half its size by its own DCT, then brought to the size of the
    page by Lanczos (twice as fast). The page stays as sharp as the full picture reduced directly:
    37 dB from it (the page's own JPEG encoding alone: 40 dB; decoded at a quarter: 25 dB, blurred)."""
    source = make.photo_of_a_letter(tmp_path)
    pdf, _reader = normalize(source)
    [[image]] = make.page_images(pdf)
    assert image.size == (PORTRAIT_BOX[0], round(4000 * PORTRAIT_BOX[0] / 3000))  # as large as the box allows
    with Image.open(source) as original:
        direct = original.convert("RGB").resize(image.size, Image.Resampling.LANCZOS)
    assert _psnr(image, direct) > 35


def test_small_pictures_are_not_blown_up(tmp_path: Path) -> None:
    pdf, reader = normalize(make.png_screenshot(tmp_path, size=(320, 200)))
    placement = re.search(rb"([\d.]+) 0 0 ([\d.]+) [\d.]+ [\d.]+ cm\s*/Im\d+ Do", reader.pages[0].get_contents().get_data())
    assert placement is not None
    assert float(placement.group(1)) == pytest.approx(320 * 72 / 96, rel=0.01)  # natural size at 96 dpi


@pytest.mark.parametrize("orientation", [1, 6])
def test_heic_photo_comes_out_upright_once(tmp_path: Path, orientation: int) -> None:
    source = make.heic_photo(tmp_path, orientation=orientation)
    assert make.CAMERA.encode() in source.read_bytes()
    pdf, reader = normalize(source)
    assert len(reader.pages) == 1 and make.image_filters(pdf) == ["/DCTDecode"]
    [[image]] = make.page_images(pdf)
    assert image.size == (300, 400)
    assert image.convert("RGB").getpixel((150, 5))[0] > 180  # red band on top: not turned twice
    assert not make.holds(pdf, make.CAMERA.encode())


def test_every_tiff_page_becomes_a_page(tmp_path: Path) -> None:
    pdf, reader = normalize(make.multipage_tiff(tmp_path))
    assert len(reader.pages) == 2
    assert [image.size for [image] in make.page_images(pdf)] == [(300, 400), (400, 300)]
    first, second = page_size(reader, 0), page_size(reader, 1)
    assert first[0] < first[1] and second[0] > second[1]
    assert make.image_filters(pdf) == ["/FlateDecode", "/FlateDecode"]


@pytest.mark.parametrize(("lossless", "expected"), [(False, "/DCTDecode"), (True, "/FlateDecode")])
def test_webp_keeps_its_nature(tmp_path: Path, lossless: bool, expected: str) -> None:
    pdf, reader = normalize(make.webp_image(tmp_path, lossless=lossless))
    assert len(reader.pages) == 1 and make.image_filters(pdf) == [expected]


def test_animated_gif_gives_its_first_frame(tmp_path: Path) -> None:
    pdf, reader = normalize(make.animated_gif(tmp_path, frames=3))
    assert len(reader.pages) == 1 and make.image_filters(pdf) == ["/FlateDecode"]


def test_transparency_is_composed_on_white(tmp_path: Path) -> None:
    pdf, _reader = normalize(make.transparent_png(tmp_path))
    [[image]] = make.page_images(pdf)
    image = image.convert("RGB")
    assert image.getpixel((5, 5)) == (255, 255, 255)
    assert image.getpixel((100, 50)) == (0, 128, 0)


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path: Path) -> None:
    pdf, _reader = normalize(make.gray16_png(tmp_path, level=40_000))
    [[image]] = make.page_images(pdf)
    assert image.mode == "L" and image.getpixel((10, 10)) == pytest.approx(40_000 / 256, abs=1)


def test_a_png_named_pdf_is_taken_as_a_png(tmp_path: Path) -> None:
    pdf, reader = normalize(make.png_named_pdf(tmp_path))
    assert len(reader.pages) == 1 and make.image_filters(pdf) == ["/FlateDecode"]


def test_decompression_bomb_is_refused_without_decoding(tmp_path: Path) -> None:
    source = make.bomb_png(tmp_path)
    assert source.stat().st_size < 1000
    with pytest.raises(EvidenceError) as raised:
        normalize_files([source], ["pieces/bomb.png"])
    assert raised.value.file == "pieces/bomb.png" and "image trop grande" in raised.value.reason


def test_truncated_image_is_refused_even_after_weasyprint_relaxed_pillow(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # what importing WeasyPrint does
    with pytest.raises(EvidenceError) as raised:
        normalize_files([make.truncated_jpeg(tmp_path)], ["pieces/cut.jpg"])
    assert "image illisible ou incomplète" in raised.value.reason
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # put back for WeasyPrint
