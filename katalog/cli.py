"""Command line: ``python build.py [build] [--content DIR] [--output DIR] [--base-url URL] [--drafts] [--no-cache] [--jobs N]``,
``python build.py new KIND "Title"`` and ``python build.py init DIR``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .builder import build
from .options import BuildOptions
from .result import summary
from .diagnostics import BuildFailed
from .write import check_output_folder

DESCRIPTION = """\
Katalog Inovasi: membangun situs statis katalog inovasi daerah dari berkas Markdown.

Perintah:
  build    bangun situs dari folder konten ke folder output (bawaan bila tanpa perintah)
  serve    pratinjau: bangun, sajikan di http://127.0.0.1:8000/, bangun ulang dan muat ulang
           peramban setiap kali berkas disimpan
  check    periksa konten tanpa menulis output: semua yang diperiksa build, ditambah tautan
           yang putus, media yang hilang atau tak terpakai, judul kembar, tanggal di masa
           depan dan gambar tanpa teks alt
  new      buat berkas konten baru dari judulnya, dengan semua field dan nilai yang boleh
  init     mulai katalog baru untuk satu daerah: site.yaml, contoh entri, .gitignore dan
           pipeline penerbitan untuk GitHub Actions dan GitLab CI
  wilayah  cari kode wilayah Kemendagri dari namanya, misalnya: wilayah bekasi
"""

EPILOG = """\
Contoh:
  python build.py
  python build.py build --content content --output output
  python build.py build --base-url https://contoh.go.id/katalog/

Bila ada kesalahan konten, semua masalah dicetak sebagai 'berkas:baris: error: pesan',
build berhenti dengan kode keluar 1, dan folder output sebelumnya tidak diubah.
Dengan --keep-going, entri yang bermasalah ditinggalkan, entri lain tetap diterbitkan,
dan build berakhir dengan kode keluar 3 selama masih ada entri yang ditinggalkan.
"""

LEFT_OUT_EXIT = 3  # --keep-going built the site, without some entries


def _add_build_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", default="content", metavar="DIR",
                   help="folder konten (berisi site.yaml, innovations/, visits/, news/, pages/, media/); bawaan: content")
    p.add_argument("--output", default="output", metavar="DIR",
                   help="folder hasil build; diganti utuh hanya bila build berhasil; bawaan: output")
    p.add_argument("--base-url", metavar="URL",
                   help="alamat situs, menimpa base_url di site.yaml, misalnya https://contoh.go.id/katalog/ atau /katalog/")
    p.add_argument("--drafts", action="store_true", help="ikut terbitkan entri dengan draft: true")
    p.add_argument("--no-cache", action="store_true",
                   help="bangun ulang semuanya tanpa memakai atau memperbarui cache build (.katalog-cache/)")
    p.add_argument("--jobs", type=_positive, metavar="N",
                   help="jumlah proses untuk merender; bawaan: semua inti CPU untuk situs besar")
    p.add_argument("--keep-going", action="store_true",
                   help="tetap bangun entri yang baik; entri bermasalah ditinggalkan dan disebutkan (kode keluar 3)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"harus bilangan bulat 1 atau lebih, bukan '{text}'")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build.py", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"Katalog Inovasi {__version__}")
    sub = p.add_subparsers(dest="command", metavar="PERINTAH")
    b = sub.add_parser("build", help="bangun situs (bawaan)", description="Bangun situs dari folder konten ke folder output.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_build_flags(b)
    v = sub.add_parser("serve", help="pratinjau langsung di peramban",
                       description="Bangun situs (draf ikut tampil) ke folder pratinjau, sajikan di 127.0.0.1, "
                                   "lalu bangun ulang dan muat ulang peramban setiap kali konten atau tema disimpan.")
    v.add_argument("--content", default="content", metavar="DIR", help="folder konten; bawaan: content")
    v.add_argument("--output", default="pratinjau", metavar="DIR",
                   help="folder hasil pratinjau (jangan diterbitkan: draf ikut di dalamnya); bawaan: pratinjau")
    v.add_argument("--port", type=_positive, default=8000, metavar="PORT", help="port di 127.0.0.1; bawaan: 8000")
    v.add_argument("--jobs", type=_positive, metavar="N", help="jumlah proses untuk merender")
    c = sub.add_parser("check", help="periksa konten tanpa membangun situs",
                       description="Periksa folder konten tanpa menulis apa pun. Keluar dengan kode 1 bila ada error "
                                   "(atau peringatan, dengan --strict).")
    c.add_argument("--content", default="content", metavar="DIR", help="folder konten; bawaan: content")
    c.add_argument("--base-url", metavar="URL", help=argparse.SUPPRESS)
    c.add_argument("--drafts", action="store_true", help="anggap entri draf ikut terbit")
    c.add_argument("--strict", action="store_true", help="peringatan juga membuat pemeriksaan gagal")
    c.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="text (bawaan): 'berkas:baris: tingkat: pesan'; json untuk alat lain; "
                        "github untuk anotasi GitHub Actions")
    n = sub.add_parser("new", help="buat berkas konten baru",
                       description="Buat berkas Markdown baru untuk satu entri, lengkap dengan semua field-nya.",
                       epilog=NEW_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    n.add_argument("kind", metavar="JENIS", help="innovation, visit, news atau page (atau inovasi, kunjungan, berita, halaman)")
    n.add_argument("title", metavar="JUDUL", help="judul entri, dalam tanda kutip; nama berkas dibuat dari judul ini")
    n.add_argument("--content", default="content", metavar="DIR", help="folder konten; bawaan: content")
    i = sub.add_parser("init", help="mulai katalog baru untuk satu daerah",
                       description="Buat katalog baru di FOLDER: content/ dengan site.yaml dan satu contoh entri setiap "
                                   "jenis, .gitignore, README untuk staf, requirements.txt yang mengunci versi alat, dan "
                                   "pipeline penerbitan untuk GitHub Actions dan GitLab CI. Di terminal, yang tidak "
                                   "diberikan lewat opsi ditanyakan.",
                       epilog=INIT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    i.add_argument("folder", metavar="FOLDER", nargs="?", default=".", help="folder katalog baru; bawaan: folder ini")
    i.add_argument("--wilayah", metavar="KODE", help="kode wilayah Kemendagri atau nama lengkapnya, misalnya 32.16")
    i.add_argument("--base-url", metavar="URL", help="alamat situs, misalnya https://contoh.go.id/katalog/; bawaan: /")
    i.add_argument("--judul", metavar="JUDUL", help="judul situs; bawaan: Katalog Inovasi <nama wilayah>")
    i.add_argument("--penerbit", metavar="NAMA", help="penerbit di kaki halaman; bawaan: Pemerintah <nama wilayah>")
    i.add_argument("--sumber", metavar="SPEC", help="dari mana pipeline memasang Katalog Inovasi, dikunci di "
                   "requirements.txt, misalnya git+https://github.com/ORG/katalog-inovasi@<commit>; bawaan: asal alat "
                   "yang sedang berjalan (repositori git dan commit-nya), bila dapat diketahui")
    w = sub.add_parser("wilayah", help="cari kode wilayah dari namanya",
                       description="Tampilkan kode wilayah Kemendagri (provinsi, kabupaten, kota) yang namanya cocok, "
                                   "termasuk wilayah dari regions.yaml di folder konten. Huruf besar-kecil, tanda baca "
                                   "dan kata 'Kota'/'Kabupaten' di depan boleh diabaikan.")
    w.add_argument("name", nargs="+", metavar="NAMA", help="nama wilayah atau sebagiannya, misalnya: bekasi, jawa barat")
    w.add_argument("--content", default="content", metavar="DIR", help="folder konten (untuk regions.yaml); bawaan: content")
    return p


NEW_EPILOG = """\
Contoh:
  python build.py new innovation "Layanan Sehat Keliling"
  python build.py new kunjungan "Studi Banding Kota Bengkulu ke Kota Bekasi"

Berkas yang sudah ada tidak pernah ditimpa.
"""


INIT_EPILOG = """\
Contoh:
  katalog init katalog-bekasi
  katalog init katalog-bekasi --wilayah 32.16 --base-url https://contoh.github.io/katalog-bekasi/

Tanpa terminal (skrip, CI), --wilayah wajib. Berkas yang sudah ada tidak pernah ditimpa.
"""


def run_init(args: argparse.Namespace) -> int:
    import datetime

    from . import init

    folder = Path(args.folder)
    try:
        init.refuse_existing(folder)
    except init.InitError as exc:
        print(f"init: {exc}", file=sys.stderr)
        return 1
    try:
        source = init.source_line(args.sumber)
        if sys.stdin.isatty():
            answers = init.ask(args.wilayah, args.base_url, args.judul, args.penerbit)
        elif args.wilayah is None:
            print("init: --wilayah wajib bila tidak dijalankan di terminal, misalnya --wilayah 32.16", file=sys.stderr)
            return 2
        else:
            answers = init.answers(args.wilayah, args.base_url or "/", args.judul or "", args.penerbit or "")
    except init.InitError as exc:
        print(f"init: {exc}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\ninit: dibatalkan; tidak ada berkas yang ditulis", file=sys.stderr)
        return 130
    try:
        todo = init.plan(folder, init.files(answers, datetime.date.today(), source))
        init.write(folder, todo)
    except init.InitError as exc:
        print(f"init: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"init: {exc.filename or folder}: berkas tidak dapat ditulis ({exc.strerror}); tidak ada berkas yang "
              "ditulis", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninit: dibatalkan; tidak ada berkas yang ditulis", file=sys.stderr)
        return 130
    for note in todo.notes:
        print(note)
    print(f"Katalog baru untuk {init.region_name(answers.code)} di {folder}/. Langkah berikutnya:\n"
          f"  cd {folder}\n  katalog build          # bangun contoh situs ke output/\n"
          f"Lalu baca {todo.guide}: ganti entri contoh, dan terbitkan lewat GitHub atau GitLab.")
    if source is None:
        print(f"init: {init.INCOMPLETE_WARNING}", file=sys.stderr)
    return 0


def run_check(args: argparse.Namespace) -> int:
    from . import check

    problems = check.check(BuildOptions(Path(args.content), Path("output"), args.base_url, args.drafts, cache=False))
    render = {"text": check.as_text, "json": check.as_json, "github": check.as_github}[args.format]
    sys.stdout.write(render(problems))
    errors, warnings = check.counts(problems)
    return 1 if errors or (args.strict and warnings) else 0


def run_wilayah(args: argparse.Namespace) -> int:
    from . import yamlload
    from .models import normalise
    from .regionnames import by_name
    from .regions import build_table

    query = " ".join(args.name)
    path = Path(args.content) / "regions.yaml"
    doc = None
    try:
        doc = yamlload.load(normalise(path.read_text(encoding="utf-8"))) if path.is_file() else None
    except (OSError, UnicodeError, yamlload.YamlError):
        pass  # the official names alone; 'check' says what is wrong with the file
    table, _ = build_table(doc, str(path))
    code = query.strip().strip("'\"")
    if code in table.regions:  # a code: its name
        found = [(code, table.regions[code].name)]
    else:
        found = by_name({code: r.name for code, r in table.regions.items()}, query, partly=True)
    if not found:
        print(f"wilayah: tidak ada wilayah yang namanya cocok dengan '{query}'; tulis sebagian nama kabupaten, kota "
              "atau provinsi, misalnya 'bekasi' atau 'jawa barat'", file=sys.stderr)
        return 1
    for code, name in found:
        print(f"{code:<5}  {name}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_file, write_new

    try:
        new = new_file(Path(args.content), args.kind, args.title)
        write_new(new)
    except (ScaffoldError, FileExistsError) as exc:
        message = str(exc) if isinstance(exc, ScaffoldError) else f"{exc.filename} sudah ada; berkas itu tidak ditimpa"
        print(f"new: {message}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"new: {exc.filename or args.content}: berkas tidak dapat ditulis ({exc.strerror})", file=sys.stderr)
        return 1
    print(f"Berkas baru: {new.path}\nIsi field yang wajib (baris tanpa '#') dan uraiannya, lalu jalankan: python build.py")
    return 0


def run_build(args: argparse.Namespace) -> int:
    if args.base_url:
        from .config import base_url_problem

        problem = base_url_problem(args.base_url)
        if problem:
            print(f"--base-url: {problem}", file=sys.stderr)
            return 2
    options = BuildOptions(Path(args.content), Path(args.output), args.base_url, args.drafts,
                           cache=not args.no_cache, jobs=args.jobs, keep_going=args.keep_going)
    try:
        result = build(options)
    except BuildFailed as failed:
        for d in failed.diagnostics:
            print(d.format(), file=sys.stderr)
        n = len(failed.diagnostics)
        print(f"Build gagal: {n} masalah ditemukan; folder {args.output}/ tidak diubah.", file=sys.stderr)
        return 1
    for d in result.left_out:
        print(d.format(), file=sys.stderr)
    print(summary(result, args.output))
    files = sorted({d.path for d in result.left_out if d.level == "error"})
    if files:
        print(f"Ditinggalkan karena bermasalah ({len(files)} berkas, tidak diterbitkan): {', '.join(files)}", file=sys.stderr)
    elif result.left_out:
        print("Semua entri terbit, tetapi rujukan yang disebut di atas tidak ditampilkan.", file=sys.stderr)
    return LEFT_OUT_EXIT if result.left_out else 0


INTERRUPTED_EXIT = 130  # as a shell reports a program ended by Ctrl-C


def main(argv: list[str] | None = None) -> int:
    """The command line; Ctrl-C ends it with one line and exit status 130, never a traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("Dihentikan (Ctrl-C); folder output tetap berisi situs yang utuh, yang lama atau yang baru.",
              file=sys.stderr)
        return INTERRUPTED_EXIT


def _main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "build")
    args = parser().parse_args(argv)
    if args.command == "build":
        return run_build(args)
    if args.command == "new":
        return run_new(args)
    if args.command == "check":
        return run_check(args)
    if args.command == "init":
        return run_init(args)
    if args.command == "wilayah":
        return run_wilayah(args)
    if args.command == "serve":
        from .serve import serve

        problem = check_output_folder(Path(args.output), Path(args.content))
        if problem:
            print(f"serve: {problem}", file=sys.stderr)
            return 2
        serve(BuildOptions(Path(args.content), Path(args.output), jobs=args.jobs), args.port)
        return 0
    parser().print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
