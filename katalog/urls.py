"""The site's URL scheme: every path segment, every address a page links to, and the
file each page is written to. The one module that spells them: planners, views,
``check``, the search index and the build all ask here.

A path is relative to the site root and ends in '/' for a folder page ('inovasi/x/',
'' for the home page); ``views.link`` puts the site's base path in front of it. The
Indonesian words are the site's addresses, not the content folders' names (those are
``schema.FOLDERS``).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from .models import Entry

# The folder of each kind's list and pages: 'inovasi/', 'inovasi/<slug>/'. A static page
# ('page') lives at the root: '<slug>/'.
KIND_FOLDERS = MappingProxyType({"innovation": "inovasi", "visit": "kunjungan", "news": "berita"})
REGIONS = "wilayah"
SEARCH = "cari"
PAGE = "halaman"  # numbered pages of a long list: 'inovasi/halaman/2/'
STATIC = "static"  # the theme's static files
MEDIA = "media"  # content/media/, published as is
SEARCH_INDEX = "indeks"  # the search index the build writes, under the search page: 'cari/indeks/'
NOT_FOUND = "404.html"
HOME = ""
INDEX = "index.html"
SERVER_FILES = (".htaccess", "_headers")  # header files for web servers that read them from the site's folder
NGINX_SNIPPET = "nginx.conf"  # written beside the output ('<output>.nginx.conf'), never in it
HASHED = (".css", ".js")  # static files published under a name carrying their content's hash
HASH_LENGTH = 10  # hex digits of that hash
# What the server files match a hashed static file's name with (a regular expression).
HASHED_PATTERN = rf"\.[0-9a-f]{{{HASH_LENGTH}}}\.({'|'.join(ext.lstrip('.') for ext in HASHED)})$"
BESIDE = (NGINX_SNIPPET,)  # the files planned to be written beside the output
# Taxonomies with their own pages: taxonomy -> folder ('urusan/', 'urusan/kesehatan/').
TAXONOMY_FOLDERS = MappingProxyType({"stage": "tahap", "form": "bentuk", "type": "jenis", "sector": "urusan", "tag": "tag",
                                     "status": "status"})
# The full lists behind a region page's sections: section -> folder under the region's page.
REGION_SECTIONS = MappingProxyType({"innovations": "inovasi", "hosted": "kunjungan-diterima",
                                    "made": "kunjungan-keluar", "news": "berita"})
IID_EXPORT = "profil-iid.csv"  # a region's innovations in the IID profile's columns (docs/profil-iid.md)
# Feeds (katalog.plan.feeds): beside the list they follow, 'berita/feed.xml', 'wilayah/<...>/feed.json'.
FEED_ATOM = "feed.xml"
FEED_JSON = "feed.json"
DATA = "data"  # open data (katalog.plan.opendata): 'data/' the page, 'data/inovasi.csv' the files
DCAT = "katalog.jsonld"  # the DCAT catalogue of the open data, 'data/katalog.jsonld'
# The open data files' names by kind: 'inovasi.csv', 'inovasi.json', 'inovasi.schema.json'
DATA_FILES = MappingProxyType({"innovation": "inovasi", "visit": "kunjungan", "news": "berita"})
STATISTICS = "statistik"  # the statistics page 'statistik/', and its open data 'data/statistik.json|csv'
SITEMAP = "sitemap.xml"  # the sitemap, or past 50,000 addresses the index of 'sitemap-1.xml', ...
ROBOTS = "robots.txt"
TERM_ALL = "semua"  # the one group of a stage's page
# Query parameters of search links ('cari/?q=sampah&wilayah=Kota+Depok'): the kind of
# entry, then the filters in the order the search page offers them; a taxonomy's
# filter is named by its folder.
SEARCH_QUERY = "q"  # the search words (the forms' input name, the theme's script, the WebSite JSON-LD)
SEARCH_KIND = "konten"
SEARCH_PROVINCE = "provinsi"
SEARCH_REGION = REGIONS
SEARCH_YEAR = "tahun"
SEARCH_TAXONOMIES = ("stage", "form", "type", "sector")  # filtered by, under their folder's name
SEARCH_STATUS = TAXONOMY_FOLDERS["status"]  # an innovation's status (absent: berjalan)
SEARCH_AWARD = "penghargaan"  # the names of an innovation's awards
SEARCH_FILTERS = (SEARCH_KIND, SEARCH_PROVINCE, SEARCH_REGION, *(TAXONOMY_FOLDERS[t] for t in SEARCH_TAXONOMIES),
                  SEARCH_STATUS, SEARCH_AWARD, SEARCH_YEAR)
SEARCH_SORTS = ("terbaru", "terlama")
REPORT_PARAM = "halaman"  # the query parameter a site's error-report form gets the page's address in
# First path segments the site itself uses: a static page may not take them as its slug.
RESERVED = frozenset({*KIND_FOLDERS.values(), REGIONS, STATIC, MEDIA, SEARCH, PAGE, NOT_FOUND, DATA, SITEMAP, ROBOTS, STATISTICS,
                      *TAXONOMY_FOLDERS.values()})


def folder(*segments: str) -> str:
    """The folder page of some segments: folder('inovasi', 'x') == 'inovasi/x/'."""
    return "".join(f"{s}/" for s in segments)



def kind_path(kind: str) -> str:
    """The list of one kind: 'inovasi/'."""
    return folder(KIND_FOLDERS[kind])


def entry_path(e: Entry) -> str:
    """An entry's page: 'inovasi/<slug>/', or '<slug>/' for a static page."""
    return folder(KIND_FOLDERS[e.kind], e.slug) if e.kind in KIND_FOLDERS else folder(e.slug)


def regions_path() -> str:
    return folder(REGIONS)


def region_path(slug: str) -> str:
    """A region's page from its slug ('jawa-barat/kota-bekasi'): 'wilayah/jawa-barat/kota-bekasi/'."""
    return folder(REGIONS, slug)


def region_section_path(region_page: str, section: str) -> str:
    """The full list behind one section of a region's page."""
    return region_page + folder(REGION_SECTIONS[section])


def region_section_id(section: str) -> str:
    """The id of one section of a region's page ('made'), the target of '#made' links to it."""
    if section not in REGION_SECTIONS:
        raise KeyError(section)
    return section


def taxonomy_path(taxonomy: str) -> str:
    return folder(TAXONOMY_FOLDERS[taxonomy])


def term_path(taxonomy: str, term: str) -> str:
    return folder(TAXONOMY_FOLDERS[taxonomy], term)


def term_group_path(taxonomy: str, term: str, group: str) -> str:
    """The full list behind one group of a term's page (a kind's folder, a stage or 'semua')."""
    return term_path(taxonomy, term) + folder(group)


def iid_export_path(region_page: str) -> str:
    """A region's IID profile export, beside its page: 'wilayah/jawa-barat/kota-bekasi/profil-iid.csv'."""
    return region_page + IID_EXPORT


def feed_path(list_path: str, fmt: str) -> str:
    """A feed beside the list it follows: feed_path('berita/', 'atom') == 'berita/feed.xml'
    (``fmt``: 'atom' or 'json')."""
    return list_path + (FEED_ATOM if fmt == "atom" else FEED_JSON)


def data_path(name: str = "") -> str:
    """The open data page ('data/') or one of its files ('data/inovasi.csv')."""
    return folder(DATA) + name


def data_file(kind: str, ext: str) -> str:
    """An open data file's name: data_file('innovation', 'csv') == 'inovasi.csv' ('json', 'schema.json')."""
    return f"{DATA_FILES[kind]}.{ext}"


def region_data_path(region_page: str, name: str) -> str:
    """A region's own open data file, beside its page: 'wilayah/jawa-barat/kota-bekasi/inovasi.csv'."""
    return region_page + name


def statistics_path() -> str:
    """The statistics page: 'statistik/'."""
    return folder(STATISTICS)


def statistics_data(ext: str) -> str:
    """The statistics as open data: 'data/statistik.json', 'data/statistik.csv'."""
    return data_path(f"{STATISTICS}.{ext}")


def sitemap_path(n: int = 0) -> str:
    """The sitemap (n=0) or, on a site of more than 50,000 addresses, its n-th part."""
    return SITEMAP if n == 0 else f"sitemap-{n}.xml"


def robots_path() -> str:
    return ROBOTS


def paginate(base: str, n: int) -> str:
    """Page ``n`` of the list at ``base``: 'inovasi/', 'inovasi/halaman/2/', ..."""
    return base if n == 1 else base + folder(PAGE, str(n))


def search_path() -> str:
    return folder(SEARCH)


def search_bundle() -> str:
    """The search index's folder: 'cari/indeks/' (its files: docs/search-index.md)."""
    return folder(SEARCH, SEARCH_INDEX)


def search_text(e: Entry) -> str:
    """An entry's text for search excerpts, relative to the index's folder: 'x/inovasi/<slug>.txt'."""
    return f"x/{KIND_FOLDERS[e.kind]}/{e.slug}.txt"


def static_path(rel: str) -> str:
    """A theme's static file, as written to the output."""
    return f"{STATIC}/{rel}"


def static_url(rel: str) -> str:
    """The address of a theme's static file (to put behind the base path)."""
    return quote(static_path(rel), safe="/")


def hashed_name(rel: str, digest: str) -> str:
    """A static file's published name carrying its content's digest: 'search/cari.js' ->
    'search/cari.<first 10 hex>.js'; a file of another type keeps its name."""
    folder, slash, name = rel.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    if not stem or f".{ext}" not in HASHED:
        return rel
    return f"{folder}{slash}{stem}.{digest[:HASH_LENGTH]}.{ext}"


def beside_output(output_name: str, name: str) -> str:
    """A file the build writes beside the output link, never served: 'output.nginx.conf'."""
    return f"{output_name}.{name}"


def media_path(name: str) -> str:
    """A file of content/media/, as written to the output ('media/foto #1.png')."""
    return f"{MEDIA}/{name}"


def media_url(name: str) -> str:
    """The address of a media file: its name URL-encoded, so '#', '?' and spaces stay in
    the name ('media/foto%20%231.png')."""
    return quote(media_path(name), safe="/")


def output_file(path: str) -> str:
    """The file a page is written to: 'inovasi/x/' -> 'inovasi/x/index.html', '' -> 'index.html'."""
    return path + INDEX if path.endswith("/") or not path else path


def is_entry_page(output: str) -> bool:
    """Whether an output file ('inovasi/x/index.html') is the page of an innovation, visit or news item."""
    parts = output.split("/")
    return len(parts) == 3 and parts[0] in KIND_FOLDERS.values() and parts[2] == INDEX
