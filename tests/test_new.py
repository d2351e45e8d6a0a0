"""``python build.py new``: a content file made from the title, every field shown, never overwriting."""

from __future__ import annotations

import datetime

from contentkit import BASE_FILES, run, write_content
from katalog.schema import SCHEMAS


def test_new_innovation_has_every_field_and_builds_once_filled(tmp_path):
    write_content(tmp_path, BASE_FILES)
    result = run(tmp_path, "new", "inovasi", "Jum'at Bersih: Pengelolaan Sampah Kota Bau-Bau")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "content/innovations/jumat-bersih-pengelolaan-sampah-kota-bau-bau.md"
    assert result.stdout.startswith(f"Berkas baru: content/innovations/{path.name}\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Jum\'at Bersih: Pengelolaan Sampah Kota Bau-Bau"\n')
    for field in SCHEMAS["innovation"]:
        if field.name != "slug":
            assert f"\n{field.name}:" in text or f"\n# {field.name}:" in text, field.name
    assert "# stage:" not in text and "stage:  # Wajib. Tahapan inovasi. Salah satu dari: inisiatif, uji-coba, penerapan." in text

    # left as it is, the build names each required field still empty, on its line
    built = run(tmp_path)
    assert built.returncode == 1
    lines = [line for line in built.stderr.splitlines() if path.name in line]
    assert lines == [f"content/innovations/{path.name}:3: error: field 'region' wajib diisi",
                     f"content/innovations/{path.name}:4: error: field 'summary' wajib diisi",
                     f"content/innovations/{path.name}:5: error: field 'stage' wajib diisi"]

    filled = (text.replace("region:  #", 'region: "74.72"  #').replace("summary:  #", "summary: Kerja bakti tiap Jumat.  #")
              .replace("stage:  #", "stage: penerapan  #").replace("# sector:  #", "sector: lingkungan-hidup  #"))
    path.write_text(filled, encoding="utf-8")
    assert run(tmp_path).returncode == 0
    assert (tmp_path / f"output/inovasi/{path.stem}/index.html").is_file()


def test_new_visit_and_news_are_dated_today(tmp_path):
    write_content(tmp_path, BASE_FILES)
    today = datetime.date.today().isoformat()
    for kind, folder, title in (("visit", "visits", "Studi Banding ke Kota Bekasi"), ("berita", "news", "Berita Baru")):
        assert run(tmp_path, "new", kind, title).returncode == 0
        text = next((tmp_path / "content" / folder).glob("*-baru.md" if folder == "news" else "studi-*.md")).read_text()
        assert f"\ndate: {today}  #" in text


def test_new_never_overwrites_and_explains_bad_input(tmp_path):
    write_content(tmp_path, BASE_FILES)
    original = (tmp_path / "content/innovations/sehat-keliling.md").read_text()
    result = run(tmp_path, "new", "innovation", "Sehat Keliling")
    assert result.returncode == 1
    assert result.stderr == ("new: content/innovations/sehat-keliling.md sudah ada; berkas itu tidak ditimpa. "
                             "Pilih judul lain atau sunting berkas itu\n")
    assert (tmp_path / "content/innovations/sehat-keliling.md").read_text() == original

    wrong = run(tmp_path, "new", "artikel", "Judul")
    assert wrong.returncode == 1 and "jenis 'artikel' tidak dikenal; pilih salah satu: innovation, visit, news, page" in wrong.stderr
    empty = run(tmp_path, "new", "page", "!!!")
    assert empty.returncode == 1 and "tidak menghasilkan nama berkas" in empty.stderr
    assert sorted(p.name for p in (tmp_path / "content").rglob("*.md")) == sorted(
        rel.split("/")[-1] for rel in BASE_FILES if rel.endswith(".md"))
