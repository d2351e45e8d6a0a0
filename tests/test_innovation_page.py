"""What a reader sees of an innovation's new fields (issue 14), end to end on small content
folders: the tags and dates under the title, "Cara mengakses" and "Kontak" (and what they
say when empty), the results table and the lists after the body, the "Laporkan kesalahan"
link, the cards' tags and labelled dates, and a region's page not repeating its own name."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from contentkit import BASE_FILES, read_page, run, write_content

HEAD = """\
---
title: Layanan Sehat Keliling
region: "32.16"
summary: Layanan kesehatan yang datang ke desa.
stage: penerapan
sector: kesehatan
"""
FULL = """\
implemented: "2020-03"
status: dihentikan
stopped: "2022-06"
stopped_reason: Diganti aplikasi provinsi.
checked: 2026-11-01
updated: 2026-10-20
website: "https://sehat.bekasikab.go.id/"
access:
  who: Warga Kabupaten Bekasi
  where: Puskesmas Lemahabang
  hours: Senin sampai Jumat, 08.00 sampai 14.00
  cost: gratis
  how: Daftar di loket, lalu tunggu jadwal kunjungan.
  apps:
    - {name: Android, url: "https://play.google.com/store/apps/details?id=x"}
location: {address: "Jl. Raya Lemahabang No. 1", lat: -6.27, lon: 107.17}
contact:
  unit: Puskesmas Lemahabang
  phone: "(021) 8970000"
  whatsapp: "0812 3456 7890"
  email: puskesmas@bekasikab.go.id
  address: Jl. Raya Lemahabang No. 1, Cikarang Timur
outcomes:
  - {indicator: Warga terlayani, before: 1500, after: 4200, unit: orang, period: "2021-2022", source: Dinkes}
  - {indicator: Waktu tunggu, before: 3, after: 12.5, unit: jam}
awards:
  - {name: Top 45 KIPP, year: 2023, rank: Top 45, url: "https://sinovik.menpan.go.id/x"}
legal_basis:
  - {title: Peraturan Bupati Bekasi tentang Layanan Sehat, number: "12", year: 2021, url: "https://jdih.bekasikab.go.id/x"}
budget: {source: apbd, note: Dinas Kesehatan}
documents:
  - {title: SOP layanan, file: sop layanan.pdf}
sources:
  - {name: Antara, url: "https://www.antaranews.com/x", date: 2022-11-16}
"""
PUBLISHER = "publisher: Balitbangda Kabupaten Bekasi\ncontact_email: balitbangda@bekasikab.go.id\n"


def build(tmp_path, files=None, *args):
    write_content(tmp_path, {**BASE_FILES, **(files or {})})
    result = run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    return tmp_path / "output"


def innovation(extra: str, body: str = "Isi inovasi.\n") -> dict[str, str]:
    return {"innovations/sehat-keliling.md": HEAD + extra + "---\n" + body}


def site(extra: str) -> dict[str, str]:
    return {"site.yaml": BASE_FILES["site.yaml"] + extra}


class _Tables(HTMLParser):
    """The text of every cell of the tables of a page, row by row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(output, path: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed((output / path / "index.html").read_text(encoding="utf-8"))
    return parser.rows


def card_text(output, path: str, href: str) -> str:
    """What a reader sees of the card linking to ``href`` on the page at ``path``."""
    html = (output / path / "index.html").read_text(encoding="utf-8")
    cards = [c for c in re.findall(r'<article class="card[^"]*">.*?</article>', html, re.S) if f'href="{href}"' in c]
    assert len(cards) == 1, f"{len(cards)} cards link to {href} on {path}"
    return " ".join(re.sub(r"<[^>]+>", " ", cards[0]).split())


def cards(output, path: str, section: str | None = None) -> list[str]:
    """What a reader sees of each card on a page, or in one section of it (by id)."""
    html = (output / path / "index.html").read_text(encoding="utf-8")
    if section:
        html = html[html.index(f'id="{section}"'):]
        html = html[:html.index("</section>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r'<article class="card[^"]*">.*?</article>', html, re.S)]


def link(page, href: str):
    found = [l for l in page.links if l.href == href]
    assert found, f"no link to {href}; links: {page.hrefs()}"
    return found[0]


def test_every_new_field_is_shown_on_the_innovation_page(tmp_path):
    output = build(tmp_path, {**innovation(FULL), "media/sop layanan.pdf": b"%PDF-1.4\n"})
    page = read_page(output, "inovasi/sehat-keliling/")
    text = page.text
    # under the title: stage and status tags, the region with its province, the dates
    assert "Penerapan Dihentikan sejak Juni 2022 · Alasan: Diganti aplikasi provinsi." in text
    assert "Terakhir diperiksa 1 November 2026 · Diperbarui 20 Oktober 2026" in text
    assert link(page, "/wilayah/jawa-barat/kabupaten-bekasi/").text == "Kabupaten Bekasi"
    assert "Kabupaten Bekasi , Jawa Barat" in text and link(page, "/wilayah/jawa-barat/").text == "Jawa Barat"
    # how to use it, whom to contact
    for shown in ("Cara mengakses", "Siapa yang dapat memakai Warga Kabupaten Bekasi", "Tempat Puskesmas Lemahabang",
                  "Jam layanan Senin sampai Jumat, 08.00 sampai 14.00", "Biaya gratis",
                  "Caranya Daftar di loket, lalu tunggu jadwal kunjungan.", "Lokasi Jl. Raya Lemahabang No. 1",
                  "Kontak", "Unit Puskesmas Lemahabang", "Alamat Jl. Raya Lemahabang No. 1, Cikarang Timur"):
        assert shown in text, shown
    assert link(page, "https://play.google.com/store/apps/details?id=x").text == "Android"
    assert link(page, "https://www.openstreetmap.org/?mlat=-6.27&mlon=107.17#map=17/-6.27/107.17").text == "lihat di peta"
    assert link(page, "https://sehat.bekasikab.go.id/").text == "https://sehat.bekasikab.go.id/"
    assert link(page, "tel:+62218970000").text == "(021) 8970000"
    assert link(page, "https://wa.me/6281234567890").text == "0812-3456-7890"
    assert link(page, "mailto:puskesmas@bekasikab.go.id").text == "puskesmas@bekasikab.go.id"
    # before the body, the rest after it
    assert text.index("Cara mengakses") < text.index("Kontak") < text.index("Isi inovasi.") < text.index("Hasil terukur")
    assert table_rows(output, "inovasi/sehat-keliling/") == [
        ["Indikator", "Sebelum", "Sesudah", "Satuan", "Periode", "Sumber"],
        ["Warga terlayani", "1.500", "4.200", "orang", "2021-2022", "Dinkes"],
        ["Waktu tunggu", "3", "12,5", "jam", "", ""],
    ]
    assert "Penghargaan Top 45 KIPP 2023 · Top 45" in text
    assert link(page, "https://sinovik.menpan.go.id/x").text == "Top 45 KIPP"
    assert "Dasar hukum Peraturan Bupati Bekasi tentang Layanan Sehat Nomor 12 Tahun 2021" in text
    assert link(page, "https://jdih.bekasikab.go.id/x").text == "Peraturan Bupati Bekasi tentang Layanan Sehat"
    assert "Sumber anggaran APBD Dinas Kesehatan" in text
    assert "Dokumen SOP layanan PDF" in text and link(page, "/media/sop%20layanan.pdf").text == "SOP layanan"
    assert "Sumber Antara 16 November 2022" in text and link(page, "https://www.antaranews.com/x").text == "Antara"
    # the facts box in the IID profile's order; website and contact moved out of it
    facts = text[text.index("Diperbarui 20 Oktober 2026"):text.index("Cara mengakses")]
    assert facts.index("Tahapan") < facts.index("Urusan") < facts.index("Mulai diterapkan")
    assert "Situs web" not in facts


def test_sections_without_data_are_left_out(tmp_path):
    page = read_page(build(tmp_path), "inovasi/sehat-keliling/")
    for absent in ("Hasil terukur", "Penghargaan", "Dasar hukum", "Sumber anggaran", "Dokumen", "Terakhir diperiksa",
                   "Diperbarui", "Dihentikan"):
        assert absent not in page.text, absent
    assert "Penerapan Berjalan" in page.text  # running is said on the page itself


def test_empty_access_and_contact_say_so_and_name_the_publisher(tmp_path):
    output = build(tmp_path, site(PUBLISHER))
    page = read_page(output, "inovasi/sehat-keliling/")
    assert "Cara mengakses Belum ada informasi cara mengakses." in page.text
    assert "Kontak Belum ada informasi kontak; hubungi Balitbangda Kabupaten Bekasi ." in page.text
    assert link(page, "mailto:balitbangda@bekasikab.go.id").text == "Balitbangda Kabupaten Bekasi"
    # without an address or a publisher: the site's title, not linked
    output = build(tmp_path, {"site.yaml": BASE_FILES["site.yaml"]})
    page = read_page(output, "inovasi/sehat-keliling/")
    assert "Belum ada informasi kontak; hubungi Katalog Uji." in page.text
    assert not [h for h in page.hrefs() if h.startswith("mailto:")]


def test_report_link_carries_the_page_address(tmp_path):
    output = build(tmp_path, site("report_url: https://contoh.go.id/lapor\ncontact_email: a@contoh.go.id\n"),
                   "--base-url", "https://contoh.go.id/katalog/")
    for path in ("inovasi/sehat-keliling/", "kunjungan/kunjungan-bengkulu/", "berita/berita-sehat/"):
        report = link(read_page(output, path), "https://contoh.go.id/lapor?halaman=https%3A%2F%2Fcontoh.go.id%2F"
                                               "katalog%2F" + path.replace("/", "%2F"))
        assert report.text == "Laporkan kesalahan"
    # a mail to the publisher when the site has no form; the page's path when base_url is a path
    output = build(tmp_path, site(PUBLISHER))
    report = link(read_page(output, "inovasi/sehat-keliling/"),
                  "mailto:balitbangda@bekasikab.go.id?subject=Laporan%20kesalahan%3A%20Layanan%20Sehat%20Keliling"
                  "&body=%2Finovasi%2Fsehat-keliling%2F")
    assert report.text == "Laporkan kesalahan"
    # neither: no link
    output = build(tmp_path, {"site.yaml": BASE_FILES["site.yaml"]})
    assert "Laporkan kesalahan" not in read_page(output, "inovasi/sehat-keliling/").text


def test_bad_site_contact_options_are_refused(tmp_path):
    write_content(tmp_path, {**BASE_FILES, **site("contact_email: balitbangda di bekasikab.go.id\nreport_url: lapor.go.id\n")})
    result = run(tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "content/site.yaml:5: error: contact_email 'balitbangda di bekasikab.go.id' bukan alamat surel; tulis " \
           "seperti balitbangda@bekasikab.go.id" in lines, result.stderr
    assert "content/site.yaml:6: error: report_url 'lapor.go.id' tidak valid; tulis alamat lengkap yang diawali " \
           "https://, misalnya https://contoh.go.id/lapor" in lines, result.stderr


def test_discontinued_innovation_is_tagged_on_its_page_and_card(tmp_path):
    output = build(tmp_path, innovation('implemented: "2020-03"\nstatus: dihentikan\nstopped: 2022\n'))
    html = (output / "inovasi/sehat-keliling/index.html").read_text(encoding="utf-8")
    assert '<a class="tag tag-status tag-status-dihentikan" href="/status/dihentikan/">Dihentikan</a>' in html
    assert "Dihentikan sejak 2022" in read_page(output, "inovasi/sehat-keliling/").text
    card = card_text(output, "inovasi/", "/inovasi/sehat-keliling/")
    assert "Mulai diterapkan Maret 2020 · Dihentikan 2022" in card
    assert card.endswith("Penerapan Dihentikan Kesehatan")  # stage, status, then the sector pill
    running = card_text(output, "inovasi/", "/inovasi/sehat-keliling-kota/")
    assert running.endswith("Uji coba Kesehatan") and "Berjalan" not in running


def test_card_dates_are_labelled(tmp_path):
    replica = BASE_FILES["innovations/sehat-keliling-kota.md"].replace("stage: uji-coba", "stage: uji-coba\nstarted: 2021")
    output = build(tmp_path, {**innovation('implemented: "2023-11"\n'), "innovations/sehat-keliling-kota.md": replica})
    assert "Mulai diterapkan November 2023" in card_text(output, "inovasi/", "/inovasi/sehat-keliling/")
    assert "Mulai dirintis 2021" in card_text(output, "inovasi/", "/inovasi/sehat-keliling-kota/")


def test_a_region_page_does_not_repeat_its_own_name_on_cards(tmp_path):
    more = {f"innovations/lain-{n}.md": HEAD.replace("Layanan Sehat Keliling", f"Inovasi Lain {n}") + "---\nIsi.\n"
            for n in (1, 2)}
    output = build(tmp_path, more)
    own = "wilayah/jawa-barat/kabupaten-bekasi/"
    # three innovations there, two shown (per_page: 2), then its full list; none names the region
    innovations = cards(output, own, "innovations")
    assert len(innovations) == 2 and all(c.startswith("Inovasi ") and "Kabupaten Bekasi" not in c for c in innovations)
    listed = cards(output, own + "inovasi/")
    assert len(listed) == 2 and not [c for c in listed if "Kabupaten Bekasi" in c]
    # the visit it hosted: where the visitors came from, not where they went
    visit = card_text(output, own, "/kunjungan/kunjungan-bengkulu/")
    assert "Dari Kota Bengkulu 10 April 2019" in visit and "Kabupaten Bekasi" not in visit
    # another region's page names it: the province's, the visitors' region's, the kind's list
    province = cards(output, "wilayah/jawa-barat/", "innovations")
    assert province and all("Kabupaten Bekasi" in c or "Kota Bekasi" in c for c in province)
    visit = card_text(output, "wilayah/bengkulu/kota-bengkulu/", "/kunjungan/kunjungan-bengkulu/")
    assert "Ke Kabupaten Bekasi 10 April 2019" in visit and "Dari" not in visit
    assert all("Kabupaten Bekasi" in c or "Kota Bekasi" in c for c in cards(output, "inovasi/"))


def test_news_source_is_linked(tmp_path):
    news = BASE_FILES["news/berita-sehat.md"].replace(
        "visits: [kunjungan-bengkulu]\n", "visits: [kunjungan-bengkulu]\nsource: {name: Antara, url: \"https://www.antaranews.com/y\"}\n"
                                          "updated: 2020-02-01\n")
    page = read_page(build(tmp_path, {"news/berita-sehat.md": news}), "berita/berita-sehat/")
    assert link(page, "https://www.antaranews.com/y").text == "Antara"
    assert "Diperbarui 1 Februari 2020" in page.text


def test_english_site_labels(tmp_path):
    output = build(tmp_path, {**site(PUBLISHER).copy(), **innovation(FULL), "media/sop layanan.pdf": b"%PDF-1.4\n",
                              "site.yaml": BASE_FILES["site.yaml"].replace("language: id", "language: en")})
    page = read_page(output, "inovasi/sehat-keliling/")
    assert "Implementation Discontinued since June 2022" in page.text
    assert ["Waktu tunggu", "3", "12.5", "jam", "", ""] in table_rows(output, "inovasi/sehat-keliling/")
    assert "Implemented since March 2020 · Discontinued June 2022" in card_text(output, "inovasi/", "/inovasi/sehat-keliling/")


def test_printed_page_is_the_profile_in_the_iid_order(tmp_path, browser, serve):
    output = build(tmp_path, {**innovation(FULL, "## Rancang bangun\n\nPetugas datang ke desa.\n\n## Hasil\n\nAntrean "
                                                 "berkurang.\n"), **site(PUBLISHER),
                              "media/sop layanan.pdf": b"%PDF-1.4\n"})
    server = serve(output)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                   else route.abort())
        page.goto(server.url + "/inovasi/sehat-keliling/")
        page.emulate_media(media="print")

        def top(selector: str) -> float:
            return page.locator(selector).first.bounding_box()["y"]

        order = ["h1", ".entry-tags", ".facts", "#rancang-bangun, .prose h2", ".entry-outcomes", ".entry-awards",
                 ".entry-legal-basis", ".entry-sources", "#cara-mengakses", "#kontak"]
        tops = [top(s) for s in order]
        assert tops == sorted(tops), dict(zip(order, tops))
        assert page.locator(".print-only").first.inner_text().startswith("Profil inovasi")
        for hidden in (".site-nav", ".site-search", ".site-footer", ".relation", ".report-error"):
            assert not page.locator(hidden).first.is_visible(), hidden
        after = page.evaluate("getComputedStyle(document.querySelector('a[href^=\"tel:\"]'), '::after').content")
        assert after == '" (" attr(href) ")"' or "tel:+62218970000" in after
        # on screen, access and contact come before the body
        page.emulate_media(media="screen")
        assert top("#cara-mengakses") < top(".prose")
        assert page.locator(".print-only").first.is_hidden()
    finally:
        context.close()
