"""Tags' labels and descriptions (content/terms.yaml), readable default labels, and the
definitions of stages, forms, types and sectors, as a reader of the built site sees them."""

from __future__ import annotations

from pathlib import Path

from contentkit import BASE_FILES, INNOVATION, NEWS, read_page, run, write_content

TAGGED_NEWS = NEWS.replace("visits: [kunjungan-bengkulu]\n",
                           "visits: [kunjungan-bengkulu]\ntags: [tata-kelola, Smart City, aplikasi, Desa]\n")
FILES = {**BASE_FILES, "news/berita-sehat.md": TAGGED_NEWS}


def _built(tmp_path: Path, files: dict) -> Path:
    write_content(tmp_path, files)
    proc = run(tmp_path, "--output", "out", "--no-cache")
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "out"


def test_terms_yaml_gives_tags_their_label_and_description(tmp_path: Path):
    site = _built(tmp_path, {**FILES, "terms.yaml": (
        "kesehatan:\n"
        "  label: Kesehatan warga\n"
        "  description: Layanan kesehatan dasar bagi warga desa.\n"
        "Desa: Desa dan kelurahan\n")})
    page = read_page(site, "tag/kesehatan/")
    assert page.h1 == "Kesehatan warga"
    assert "Kesehatan warga Layanan kesehatan dasar bagi warga desa." in page.text
    html = (site / "tag/kesehatan/index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Layanan kesehatan dasar bagi warga desa.">' in html
    assert read_page(site, "tag/desa/").h1 == "Desa dan kelurahan"
    overview = read_page(site, "tag/")
    names = {l.text for l in overview.links if l.href.startswith("/tag/") and l.href != "/tag/"}
    assert {"Kesehatan warga", "Desa dan kelurahan"} <= names
    assert "Layanan kesehatan dasar bagi warga desa." in overview.text
    tags = [(l.text, l.href) for l in read_page(site, "inovasi/sehat-keliling/").links if l.href.startswith("/tag/")]
    assert ("Kesehatan warga", "/tag/kesehatan/") in tags and ("Desa dan kelurahan", "/tag/desa/") in tags
    # the news wrote 'Desa' as the innovation's 'desa': one tag, one label
    assert ("Desa dan kelurahan", "/tag/desa/") in [(l.text, l.href) for l in read_page(site, "berita/berita-sehat/").links]


def test_a_tag_without_a_term_reads_as_words(tmp_path: Path):
    site = _built(tmp_path, FILES)
    assert read_page(site, "tag/tata-kelola/").h1 == "Tata kelola"
    assert read_page(site, "tag/aplikasi/").h1 == "Aplikasi"
    assert read_page(site, "tag/smart-city/").h1 == "Smart City"  # written with capitals: kept as written
    shown = {l.text for l in read_page(site, "berita/berita-sehat/").links if l.href.startswith("/tag/")}
    assert {"Tata kelola", "Smart City", "Aplikasi"} <= shown


def test_stage_form_type_and_sector_pages_explain_their_term(tmp_path: Path):
    innovation = INNOVATION.replace("sector: kesehatan\n", "sector: kesehatan\nform: pelayanan-publik\ntype: non-digital\n")
    site = _built(tmp_path, {**FILES, "innovations/sehat-keliling.md": innovation})
    stage = read_page(site, "tahap/penerapan/")
    assert stage.h1 == "Penerapan"
    assert ("Penerapan Inovasi yang sudah dijalankan dan dimanfaatkan dalam pemerintahan daerah atau pelayanan "
            "kepada masyarakat.") in stage.text
    assert "Uji coba Inovasi yang sedang dicoba dalam lingkup terbatas" in read_page(site, "tahap/").text
    assert "Inovasi dalam layanan yang diberikan pemerintah daerah kepada masyarakat" in read_page(
        site, "bentuk/pelayanan-publik/").text
    assert "Inovasi yang tidak bertumpu pada teknologi digital" in read_page(site, "jenis/non-digital/").text
    sector = read_page(site, "urusan/kesehatan/").text
    assert "Layanan kesehatan masyarakat dan perorangan, puskesmas, rumah sakit daerah dan tenaga kesehatan." in sector
    assert "Kelompok urusan: Urusan wajib pelayanan dasar." in sector
    overview = read_page(site, "urusan/").text
    assert ("Urusan wajib pelayanan dasar Urusan yang wajib diselenggarakan setiap daerah dan menyangkut pelayanan "
            "dasar bagi warga. Kesehatan Layanan kesehatan masyarakat") in overview


def test_an_english_site_explains_terms_in_english(tmp_path: Path):
    site = _built(tmp_path, {**FILES, "site.yaml": FILES["site.yaml"].replace("language: id", "language: en")})
    assert "An innovation being tried on a limited scale" in read_page(site, "tahap/uji-coba/").text
    assert "Group: Obligatory affairs: basic services." in read_page(site, "urusan/kesehatan/").text


def test_a_bad_terms_yaml_is_refused_with_every_problem_and_its_line(tmp_path: Path):
    write_content(tmp_path, {**FILES, "terms.yaml": (
        "kesehatan: {label: Kesehatan, deskripsi: Layanan.}\n"
        "desa:\n"
        '"---": Tanda\n'
        "Kesehatan: Lagi\n"
        "aplikasi: [web, android]\n"
        "sehat:\n"
        "  description: 12\n"
        "  label: ''\n")})
    proc = run(tmp_path, "--output", "out")
    assert proc.returncode == 1
    expected = [
        "content/terms.yaml:1: error: tag 'kesehatan': kunci 'deskripsi' tidak dikenal (maksud Anda 'description'?); "
        "kunci yang tersedia: label, description",
        "content/terms.yaml:2: error: tag 'desa': labelnya kosong; tulis 'tag: Label', atau "
        "'tag: {label: ..., description: ...}'",
        "content/terms.yaml:3: error: tag '---' tidak berisi huruf atau angka; tulis tag seperti di field tags entri, "
        "misalnya tata-kelola",
        "content/terms.yaml:4: error: tag 'Kesehatan' sama dengan tag di baris 1 (keduanya 'kesehatan'); tulis satu tag "
        "sekali saja",
        "content/terms.yaml:5: error: tag 'aplikasi': label harus berupa teks, bukan daftar; tulis 'tag: Label', atau "
        "'tag: {label: ..., description: ...}'",
        "content/terms.yaml:8: error: tag 'sehat': label kosong; isi atau hapus barisnya",
    ]
    for line in expected:
        assert line in proc.stderr.splitlines(), proc.stderr
    assert not (tmp_path / "out").exists()


def test_terms_yaml_that_is_not_a_mapping_is_refused(tmp_path: Path):
    write_content(tmp_path, {**FILES, "terms.yaml": "- kesehatan\n- desa\n"})
    proc = run(tmp_path, "--output", "out")
    assert proc.returncode == 1
    assert ("content/terms.yaml:1: error: terms.yaml harus berisi tag sebagai kunci dan labelnya sebagai nilai, "
            "misalnya \"tata-kelola\": {label: Tata kelola pemerintahan, description: Inovasi dalam cara pemerintah "
            "daerah bekerja.}") in proc.stderr.splitlines(), proc.stderr


def test_check_warns_of_a_term_no_entry_uses(tmp_path: Path):
    write_content(tmp_path, {**FILES, "terms.yaml": "kesehatan: Kesehatan\nsmart-city: Kota cerdas\npasar: Pasar\n"})
    proc = run(tmp_path, "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = (proc.stdout + proc.stderr).splitlines()
    assert ("content/terms.yaml:3: warning: tag 'pasar' tidak dipakai entri mana pun; periksa ejaannya, atau hapus "
            "bila tidak diperlukan lagi") in lines
    assert not [l for l in lines if "terms.yaml:1:" in l or "terms.yaml:2:" in l]
    assert run(tmp_path, "check", "--strict").returncode == 1


def test_a_tags_label_is_searched_too(tmp_path: Path):
    from support.searchfiles import SearchIndex

    site = _built(tmp_path, {**FILES, "terms.yaml": "desa: Perdesaan mandiri\n"})
    index = SearchIndex(site / "cari/indeks")
    titles = {card["t"] for card in index.cards()}
    found = {index.cards()[doc]["t"] for doc in index.postings("perdesaan")}
    assert found == {"Layanan Sehat Keliling", "Berita Layanan Sehat"} and found <= titles
