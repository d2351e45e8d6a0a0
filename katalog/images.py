"""Images' width and height, so a browser keeps their place before they load (no page
jumping about), and ``loading="lazy"`` for images below the first screen.

Sizes are read where the content is loaded (katalog.site), once per media file, from
the file's header only (Pillow; for SVG the root element's width/height or viewBox);
a file Pillow cannot read is published without a size. The plan gets a frozen mapping
name -> (width, height); body images get theirs at render time (``sized``, after the
Markdown conversion whose HTML the cache keeps), from the page's own context, which
holds the sizes of the images its body names (``Entry.media``) and no others: a changed
image changes every page showing it, and an added one no page that does not.
"""

from __future__ import annotations

import posixpath
import re
import warnings
from pathlib import Path
from types import MappingProxyType
from typing import Mapping
from urllib.parse import unquote

from markupsafe import Markup

from .discover import media_file

Size = tuple[int, int]
RASTER = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")
SVG_HEAD = 4096  # bytes of an SVG read for its root element
_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.I)
_ATTR = r"""\b{}\s*=\s*["']\s*([0-9.]+)\s*(?:px)?\s*["']"""
_VIEWBOX = re.compile(r"""\bviewBox\s*=\s*["']\s*[-0-9.]+[\s,]+[-0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*["']""")
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^"]*)"')


def read_sizes(root: Path, media: tuple[str, ...], stamps: Mapping[str, object],
               known: Mapping[str, tuple[object, Size | None]] | None = None
               ) -> tuple[Mapping[str, Size], dict[str, tuple[object, Size | None]]]:
    """Media name -> (width, height) of every image of ``root``/media/ whose size can be
    read, and what was read by name -> (stamp, size), for the next call's ``known``: a
    file whose stamp (``stamps``, by content rel) is unchanged is not read again."""
    found: dict[str, Size] = {}
    record: dict[str, tuple[object, Size | None]] = {}
    for name in sorted(media):
        lower = name.lower()
        if not lower.endswith(RASTER + (".svg",)):
            continue
        stamp = stamps.get(media_file(name))
        old = (known or {}).get(name)
        size = old[1] if old is not None and old[0] == stamp else _read(root / media_file(name), lower.endswith(".svg"))
        record[name] = (stamp, size)
        if size is not None:
            found[name] = size
    return MappingProxyType(found), record


def read_files(files: Mapping[str, Path]) -> Mapping[str, Size]:
    """Rel -> (width, height) of the images among ``files`` (the theme's static files,
    ``Theme.static_files()``) whose size can be read: the default preview image's
    og:image:width/height come from the file a theme ships, not from an assumption."""
    found = {rel: size for rel in sorted(files) if rel.lower().endswith(RASTER + (".svg",))
             and (size := _read(files[rel], rel.lower().endswith(".svg"))) is not None}
    return MappingProxyType(found)


def _read(path: Path, svg: bool) -> Size | None:
    try:
        if svg:
            with open(path, "rb") as f:
                return svg_size(f.read(SVG_HEAD))
        from PIL import Image  # imported only by a build that loads the content

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as image:  # reads the header, not the pixels
                width, height = image.size
        return (width, height) if width > 0 and height > 0 else None
    except Exception:  # noqa: BLE001 - a file no reader understands is published without a size
        return None


def svg_size(head: bytes) -> Size | None:
    """An SVG's size from its root element: width and height in pixels (or plain numbers),
    else the viewBox's; None when it gives neither (a size in %, em, mm...)."""
    root = _SVG_ROOT.search(head)
    if root is None:
        return None
    tag = root.group(0).decode("utf-8", "replace")
    width, height = (re.search(_ATTR.format(name), tag) for name in ("width", "height"))
    if width and height:
        values = float(width.group(1)), float(height.group(1))
    else:
        box = _VIEWBOX.search(tag)
        if box is None:
            return None
        values = float(box.group(1)), float(box.group(2))
    w, h = round(values[0]), round(values[1])
    return (w, h) if w > 0 and h > 0 else None


def sized(html: str, sizes: Mapping[str, Size] | None, page_url: str = "/") -> Markup:
    """Body HTML with width, height, loading="lazy" and decoding="async" on each image
    whose address (root-relative, or relative to ``page_url``) is a media file of
    ``sizes`` (address -> size); attributes the author wrote are kept."""
    if not sizes or "<img" not in html:
        return Markup(html)

    def add(match: re.Match) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        if src is None:
            return tag
        url = src.group(1).replace("&amp;", "&")
        if not url.startswith("/"):
            url = posixpath.normpath(posixpath.join(page_url, url))
        size = sizes.get(unquote(url))
        extra = ""
        if size is not None and " width=" not in tag and " height=" not in tag:
            extra += f' width="{size[0]}" height="{size[1]}"'
        if size is not None and " loading=" not in tag:
            extra += ' loading="lazy" decoding="async"'
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + extra + tag[end:] if extra else tag

    return Markup(_IMG.sub(add, str(html)))
