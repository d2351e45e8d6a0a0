"""Site configuration (``content/site.yaml``): typed options with defaults and checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Mapping, NamedTuple
from urllib.parse import urlsplit

from .diagnostics import Diagnostic, did_you_mean
from .sanitize import MAX_TAGS, host_problem, plain_text, too_many_tags
from .structured import EMAIL_RE
from .theme import THEME_NAME
from .values import control_character
from .yamlload import YamlDoc

LANGUAGES = ("id", "en")


class Licence(NamedTuple):
    """A licence's name in each site language and its own page."""

    name_id: str
    name_en: str
    url: str


# Licences a catalogue's data may be published under (``license`` in site.yaml), by SPDX id.
# A site may also name any other licence by its https address.
LICENSES = MappingProxyType({
    "CC-BY-4.0": Licence("Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)",
                         "Creative Commons Attribution 4.0 International (CC BY 4.0)",
                         "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": Licence("Creative Commons Atribusi-BerbagiSerupa 4.0 Internasional (CC BY-SA 4.0)",
                            "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
                            "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC0-1.0": Licence("CC0 1.0 Universal (domain publik)", "CC0 1.0 Universal (public domain)",
                       "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": Licence("Open Database License (ODbL) 1.0", "Open Database License (ODbL) 1.0",
                        "https://opendatacommons.org/licenses/odbl/1-0/"),
    "ODC-By-1.0": Licence("Open Data Commons Attribution License (ODC-By) 1.0",
                          "Open Data Commons Attribution License (ODC-By) 1.0",
                          "https://opendatacommons.org/licenses/by/1-0/"),
    "PDDL-1.0": Licence("Open Data Commons Public Domain Dedication and License (PDDL) 1.0",
                        "Open Data Commons Public Domain Dedication and License (PDDL) 1.0",
                        "https://opendatacommons.org/licenses/pddl/1-0/"),
})


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Katalog Inovasi Daerah"
    description: str = ""
    base_url: str = "/"
    language: str = "id"
    theme: str = "default"
    per_page: int = 20
    publisher: str = ""
    iframe_hosts: tuple[str, ...] = ()  # hosts whose <iframe> bodies may embed (https only)
    contact_email: str = ""  # the publisher's address: empty contact blocks and "Laporkan kesalahan" point to it
    report_url: str = ""  # a form for reporting errors; the page's address is appended as ?halaman=
    license: str = "CC-BY-4.0"  # the data's licence: an id of LICENSES or a licence's https address
    image: str = ""  # the default link preview image: a file of content/media/ (else the theme's)

    @property
    def origin(self) -> str:
        """'https://contoh.go.id' when base_url names a host, else ''."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""

    @property
    def license_name(self) -> str:
        """The licence's name in the site's language (its address when it is not one of LICENSES)."""
        licence = LICENSES.get(self.license)
        if licence is None:
            return self.license
        return licence.name_en if self.language == "en" else licence.name_id

    @property
    def license_url(self) -> str:
        return LICENSES[self.license].url if self.license in LICENSES else self.license

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always with slashes at both ends: '/katalog/'."""
        path = urlsplit(self.base_url).path or "/"
        return "/" + path.strip("/") + "/" if path.strip("/") else "/"

    def with_base_url(self, base_url: str | None) -> "SiteConfig":
        return replace(self, base_url=normalise_base_url(base_url)) if base_url else self


OPTIONS: Mapping[str, str] = MappingProxyType({
    "title": "Judul situs",
    "description": "Deskripsi singkat situs",
    "base_url": "Alamat situs, misalnya https://contoh.go.id/katalog/ atau /",
    "language": "Bahasa antarmuka: id atau en",
    "theme": "Nama tema di folder themes/",
    "per_page": "Jumlah entri per halaman daftar",
    "publisher": "Nama penerbit katalog, tampil di kaki halaman",
    "iframe_hosts": "Daftar host yang iframe-nya boleh disematkan di isi entri (https), misalnya www.youtube-nocookie.com",
    "contact_email": "Alamat surel penerbit, misalnya balitbangda@bekasikab.go.id; tujuan tautan \"Laporkan kesalahan\" "
                     "dan kontak yang ditawarkan bila sebuah inovasi belum punya kontak",
    "report_url": "Alamat formulir laporan kesalahan (https://...); bila diisi, tautan \"Laporkan kesalahan\" membukanya "
                  "dengan alamat halaman di parameter ?halaman=",
    "license": "Lisensi data katalog (berkas data terbuka dan feed): " + ", ".join(LICENSES)
               + ", atau alamat https:// lisensi lain; bawaan CC-BY-4.0",
    "image": "Gambar pratinjau tautan bawaan (saat halaman dibagikan di WhatsApp, Telegram, media sosial): nama berkas "
             "PNG, JPG, WebP atau GIF di content/media/, sebaiknya 1200x630 piksel; bila kosong, gambar bawaan tema",
})

# What a link preview image may be: the formats WhatsApp, Telegram and social sites show.
PREVIEW_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif")


def normalise_base_url(value: str) -> str:
    value = value.strip()
    return value if value.endswith("/") else value + "/"


def base_url_problem(value: str) -> str | None:
    try:
        parts = urlsplit(value)
    except ValueError:
        return f"base_url '{value}' tidak valid; tulis alamat lengkap (https://contoh.go.id/katalog/) atau path yang diawali '/'"
    if not re.fullmatch(r"[A-Za-z0-9._~/-]*", parts.path):  # it goes unquoted into links and server files
        return (f"base_url '{value}' tidak valid; path-nya hanya boleh berisi huruf, angka, '-', '_', '.', '~' dan '/', "
                "misalnya /katalog-inovasi/")
    if any(segment in (".", "..") for segment in parts.path.split("/")):  # a browser would resolve them away
        return (f"base_url '{value}' tidak valid; path-nya tidak boleh berisi bagian '.' atau '..'; "
                "tulis path folder situs apa adanya, misalnya /katalog-inovasi/")
    if value.startswith("/") and not parts.netloc:
        return None
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    return f"base_url '{value}' tidak valid; tulis alamat lengkap (https://contoh.go.id/katalog/) atau path yang diawali '/'"


def contact_email_problem(value: str) -> str | None:
    if EMAIL_RE.match(value.strip()):
        return None
    return f"contact_email '{value}' bukan alamat surel; tulis seperti balitbangda@bekasikab.go.id"


def report_url_problem(value: str) -> str | None:
    parts = urlsplit(value.strip())
    if parts.scheme in ("http", "https") and parts.netloc and not any(ch.isspace() for ch in value.strip()):
        return None
    return f"report_url '{value}' tidak valid; tulis alamat lengkap yang diawali https://, misalnya https://contoh.go.id/lapor"


def license_problem(value: str) -> str | None:
    value = value.strip()
    if value in LICENSES:
        return None
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.netloc and not any(ch.isspace() for ch in value):
        return None
    return (f"license '{value}' tidak dikenal{did_you_mean(value, LICENSES)}; pilihan: {', '.join(LICENSES)}, "
            "atau alamat https:// halaman lisensi lain")


def image_problem(value: str, media: tuple[str, ...] | None) -> str | None:
    """Why ``image`` cannot be the site's preview image (``media``: the files of content/media/,
    None when not known), or None."""
    allowed = ("tulis nama berkas gambar di folder media/ (PNG, JPG, WebP atau GIF), "
               "misalnya 'pratinjau.png' atau 'situs/pratinjau.jpg'")
    escapes = value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/") or ":" in value
    if escapes:
        return f"image '{value}' menunjuk ke luar folder media/; {allowed}"
    if not value.lower().endswith(PREVIEW_TYPES):
        return f"image '{value}' bukan gambar yang dapat dipakai untuk pratinjau tautan; {allowed}"
    if media is not None and value not in media:
        return f"image: berkas '{value}' tidak ada di folder media/; {allowed}"
    return None


def load_config(doc: YamlDoc | None, path: str, media: tuple[str, ...] | None = None) -> tuple[SiteConfig, list[Diagnostic]]:
    """The site's options from site.yaml; ``media``: the files of content/media/ (checks ``image``)."""
    data: Any = doc.data if doc else None
    if data is None:
        return SiteConfig(), []
    if not isinstance(data, dict):
        return SiteConfig(), [Diagnostic(path, 1, "site.yaml harus berisi pasangan 'kunci: nilai'")]
    problems: list[Diagnostic] = []
    values: dict[str, Any] = {}
    defaults = SiteConfig()
    for key, value in data.items():
        line = doc.line_of(key)
        if key not in OPTIONS:
            problems.append(Diagnostic(path, line, f"kunci '{key}' tidak dikenal{did_you_mean(key, OPTIONS)}; kunci yang tersedia: {', '.join(OPTIONS)}"))
            continue
        expected = type(getattr(defaults, key))
        if expected is tuple:
            hosts = value if isinstance(value, list) else None
            problem = ("harus berupa daftar nama host" if hosts is None or not all(isinstance(h, str) for h in hosts)
                       else next(filter(None, map(host_problem, hosts)), None))
            if problem:
                problems.append(Diagnostic(path, line, f"{key}: {problem}"))
            else:
                values[key] = tuple(sorted(set(hosts)))
            continue
        if expected is int:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                problems.append(Diagnostic(path, line, f"{key} harus berupa bilangan bulat positif"))
                continue
        elif not isinstance(value, str):
            problems.append(Diagnostic(path, line, f"{key} harus berupa teks"))
            continue
        control = control_character(value)
        if control is not None:  # XML forbids it, and no page wants it
            problems.append(Diagnostic(path, line, f"{key}: {control.message}"))
            continue
        if key == "theme" and not THEME_NAME.fullmatch(value):
            problems.append(Diagnostic(path, line, f"theme '{value}' tidak valid; tulis nama folder tema di themes/, "
                                                   "misalnya default (huruf, angka, '-' dan '_')"))
            continue
        if key == "language" and value not in LANGUAGES:
            problems.append(Diagnostic(path, line, f"language '{value}' tidak didukung; pilihan: {', '.join(LANGUAGES)}"))
            continue
        if key == "base_url":
            problem = base_url_problem(value)
            if problem:
                problems.append(Diagnostic(path, line, problem))
                continue
            value = normalise_base_url(value)
        check = {"contact_email": contact_email_problem, "report_url": report_url_problem,
                 "license": license_problem, "image": lambda v: image_problem(v.strip(), media)}.get(key)
        if check and check(value):
            problems.append(Diagnostic(path, line, check(value)))
            continue
        if isinstance(value, str) and too_many_tags(value):
            problems.append(Diagnostic(path, line, f"{key}: berisi lebih dari {MAX_TAGS} tanda '<'; tulis teks biasa"))
            continue
        values[key] = plain_text(value.strip()) if isinstance(value, str) else value
    for key, line in doc.duplicates:
        problems.append(Diagnostic(path, line, f"kunci '{key}' ditulis dua kali"))
    return SiteConfig(**values), problems
