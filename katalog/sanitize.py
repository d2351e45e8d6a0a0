"""What content may put on a page: HTML from bodies is cleaned by nh3 (ammonia's
allow-list sanitiser), front-matter text is plain text.

Bodies keep what Markdown writes (headings, lists, tables, footnotes, code, images,
links) and the raw HTML a writer could want (``<details>``, ``<figure>``, ``<mark>``,
...); scripts, styles, forms, event handlers and any URL scheme other than http(s),
mailto and page-relative ones are removed. ``<iframe>`` is kept only when its ``src``
is an https address on a host the site owner listed (``iframe_hosts`` in site.yaml).
Images must come from the site itself: the built site makes no request to other hosts.
"""

from __future__ import annotations

from types import MappingProxyType

import html
import re
from functools import lru_cache
from urllib.parse import urlsplit

import nh3

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
ATTRIBUTES = MappingProxyType({tag: frozenset(names) for tag, names in {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed", "type"}, "li": {"value"},
    "time": {"datetime"}, "del": {"datetime"}, "ins": {"datetime"}, "details": {"open"},
}.items()})
IFRAME_ATTRIBUTES = frozenset({"src", "title", "width", "height", "allow", "allowfullscreen", "loading", "referrerpolicy"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with what they hold (the text of a script is no reading matter).
DROPPED_WHOLE = frozenset({"script", "style", "template", "noscript", "object", "embed", "applet", "svg", "math",
                           "textarea", "select", "title", "xmp", "noembed", "noframes", "plaintext"})

_IFRAME_WITHOUT_SRC = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S)
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def browser_url(value: str) -> str:
    """``value`` as a browser reads an http(s) address: tabs and line breaks dropped,
    surrounding spaces trimmed, backslashes taken as slashes ('\\\\evil/x' is '//evil/x')."""
    return "".join(ch for ch in value if ch not in "\t\n\r").strip(_C0_AND_SPACE).replace("\\", "/")


_C0_AND_SPACE = "".join(map(chr, range(33)))  # what a browser trims from both ends of an address


def host_problem(host: str) -> str | None:
    """Why ``host`` cannot go in ``iframe_hosts``, or None."""
    if not re.fullmatch(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}", host):
        return f"'{host}' bukan nama host; tulis nama host saja, misalnya www.youtube-nocookie.com"
    return None


@lru_cache(maxsize=8)
def _cleaner(iframe_hosts: tuple[str, ...]) -> nh3.Cleaner:
    hosts = frozenset(iframe_hosts)

    def keep(element: str, attribute: str, value: str) -> str | None:
        if attribute != "src":
            return value
        url = browser_url(value)
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:  # e.g. '//[x': no address a browser would load either
            return None
        if element == "iframe":
            return value if parts.scheme == "https" and host in hosts and "@" not in parts.netloc else None
        if element == "img":  # only the site's own images: no request to another host
            return value if not parts.scheme and not parts.netloc and not url.startswith("//") else None
        return value

    tags = set(TAGS) | ({"iframe"} if hosts else set())
    attributes = {**{k: set(v) for k, v in ATTRIBUTES.items()}, **({"iframe": set(IFRAME_ATTRIBUTES)} if hosts else {})}
    return nh3.Cleaner(tags=tags, clean_content_tags=set(DROPPED_WHOLE) | (set() if hosts else {"iframe"}),
                       attributes=attributes, attribute_filter=keep, url_schemes=set(URL_SCHEMES), link_rel=None,
                       strip_comments=True)


_SCROLLS = re.compile(r"<(?:table|pre)(?=[\s>])")


def clean_html(fragment: str, iframe_hosts: tuple[str, ...] = (), theme_ids: tuple[str, ...] = ()) -> str:
    """``fragment`` with everything outside the allow-list removed, and its ids kept off
    ``theme_ids`` (``re.fullmatch`` patterns of the ids the page around it uses)."""
    cleaned = _cleaner(tuple(sorted(iframe_hosts))).clean(fragment)
    if "<img" in cleaned:
        cleaned = _IMG_WITHOUT_SRC.sub("", cleaned)
    if iframe_hosts and "<iframe" in cleaned:
        cleaned = _IFRAME_WITHOUT_SRC.sub("", cleaned)
    if "<table" in cleaned or "<pre" in cleaned:  # they scroll sideways on a phone: the keyboard must reach them
        cleaned = _SCROLLS.sub(r'\g<0> tabindex="0"', cleaned)
    if theme_ids and " id=" in cleaned:
        taken = _taken(theme_ids)
        if any(taken.fullmatch(m) for m in _ANY_ID.findall(cleaned)):
            cleaned = _separate_ids(cleaned, taken)
    return cleaned


# nh3 writes every attribute as name="value" with '"' in values escaped and '<' in text
# escaped, so a start tag and its attributes are found exactly by these.
_START_TAG = re.compile(r"<[a-zA-Z][^\s/>]*(?:\s+[^\s\"'>/=]+(?:=\"[^\"]*\")?)*\s*/?>")
_ID_ATTRIBUTE = re.compile(r'(\s(id|href|headers)=")([^"]*)"')
_ANY_ID = re.compile(r'\sid="([^"]*)"')
BODY_ID_PREFIX = "isi-"  # a body id the theme uses becomes 'isi-<id>'


@lru_cache(maxsize=8)
def _taken(theme_ids: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in theme_ids))


def _separate_ids(fragment: str, taken: re.Pattern) -> str:
    """``fragment`` with each id that ``taken`` matches renamed to one neither the theme
    nor the fragment uses (or dropped, if none is found), and the links to it (href="#id",
    headers="id") following it to its first new name."""
    ids = [m.group(3) for tag in _START_TAG.findall(fragment) for m in _ID_ATTRIBUTE.finditer(tag) if m.group(2) == "id"]
    used = set(ids)
    new_ids: list[str | None] = []  # in document order, one for each id
    renamed: dict[str, str | None] = {}
    for old in ids:
        new = old
        if taken.fullmatch(old):
            new = next((c for c in (BODY_ID_PREFIX + old + (f"-{n}" if n > 1 else "") for n in range(1, 100))
                        if c not in used and not taken.fullmatch(c)), None)
            used.add(new)
            renamed.setdefault(old, new)
        new_ids.append(new)
    order = iter(new_ids)

    def attribute(m: re.Match) -> str:
        name, value = m.group(2), m.group(3)
        if name == "id":
            new = next(order)
            return f'{m.group(1)}{new}"' if new else ""
        if name == "href":
            new = renamed.get(value[1:]) if value.startswith("#") else None
            return f'{m.group(1)}#{new}"' if new else m.group()
        return f'{m.group(1)}{" ".join(renamed.get(v) or v for v in value.split())}"'

    return _START_TAG.sub(lambda tag: _ID_ATTRIBUTE.sub(attribute, tag.group()), fragment)


_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=set(DROPPED_WHOLE), attributes={}, link_rel=None)


MAX_TAGS = 10_000  # nh3 takes quadratic time on deeply nested tags: 10,000 take half a second


def too_many_tags(text: str) -> bool:
    return text.count("<") > MAX_TAGS


# Names of HTML elements: '<Sehat>' in a title is a word in brackets, '<script>' is markup.
_ELEMENTS = TAGS | DROPPED_WHOLE | {"iframe", "frame", "frameset", "form", "input", "button", "link", "meta", "base",
                                    "body", "html", "head", "img", "video", "audio", "source", "marquee", "font",
                                    "center", "label", "option", "select", "area", "map", "canvas", "dialog"}
_TAG = re.compile(r"<(?:!--|/?([A-Za-z][A-Za-z0-9-]*)([^<>]*)>)")


def plain_text(value: str) -> str:
    """Front-matter text with any markup taken out: what a reader sees is text, which
    templates then escape. Text with no HTML element in it is returned as it is; callers
    refuse text with more than MAX_TAGS '<' first."""
    if "<" not in value or not any(m.group(1) is None or m.group(1).lower() in _ELEMENTS or m.group(2).strip()
                                   for m in _TAG.finditer(value)):
        return value  # a bare '<Word>' is a word in brackets, not markup
    return html.unescape(_TEXT_ONLY.clean(value)).strip()
