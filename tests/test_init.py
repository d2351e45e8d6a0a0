"""`katalog init`: a new region's catalogue that builds as it is, and whose two publishing
pipelines name commands that work, run here in order the way the CI would run them."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from contentkit import REPO, published, read_page, run

GITLAB_RESERVED = {"image", "services", "stages", "variables", "cache", "before_script", "after_script",
                   "default", "include", "workflow"}
INSTALL = "python -m pip install -r requirements.txt"
SOURCE = "git+https://github.com/contoh/katalog-inovasi@0123456789abcdef0123456789abcdef01234567"


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python build.py ARGS` with no terminal on stdin, as in a script or CI: `init` asks nothing."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def _init(tmp_path: Path, *flags: str, folder: str = "katalog-daerah") -> Path:
    result = _cli(tmp_path, "init", folder, *flags)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return tmp_path / folder


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    return _init(tmp_path_factory.mktemp("init"), "--wilayah", "32.16", "--base-url", "/katalog/", "--sumber", SOURCE)


def test_init_writes_a_whole_catalogue(made):
    files = sorted(p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file())
    assert files == [
        ".github/workflows/katalog.yml", ".gitignore", ".gitlab-ci.yml", "README.md",
        "content/innovations/contoh-inovasi.md", "content/news/contoh-berita.md", "content/pages/tentang.md",
        "content/site.yaml", "content/visits/contoh-kunjungan.md", "requirements.txt",
    ]
    site = yaml.safe_load((made / "content/site.yaml").read_text(encoding="utf-8"))
    assert site["title"] == "Katalog Inovasi Kabupaten Bekasi" and site["base_url"] == "/katalog/"
    assert site["publisher"] == "Pemerintah Kabupaten Bekasi"
    ignored = (made / ".gitignore").read_text().split()
    for name in ("/output", "/output.nginx.conf", "/.output.*", "/.katalog-cache/", "/pratinjau"):
        assert name in ignored
    assert _pins(made) == [f"katalog-inovasi @ {SOURCE}"]
    assert "BELUM LENGKAP" not in (made / "requirements.txt").read_text() + (made / "README.md").read_text()


def _pins(folder: Path) -> list[str]:
    """requirements.txt's requirement lines, each checked to be one pip reads, naming the tool."""
    lines = [l for l in (folder / "requirements.txt").read_text().splitlines() if l and not l.startswith("#")]
    try:
        from packaging.requirements import Requirement
    except ImportError:  # pip and setuptools bring it; without it, the simple shape only
        assert all(l.startswith("katalog-inovasi @ git+") and " " not in l.split(" @ ")[1] for l in lines), lines
    else:
        assert all(Requirement(l).name == "katalog-inovasi" and Requirement(l).url for l in lines), lines
    return lines


def _checkout(tmp_path: Path, remote: str | None) -> tuple[Path, str]:
    """A git checkout of the tool (its package and build.py) with ``remote`` as origin, and its HEAD commit."""
    repo = tmp_path / "alat"
    shutil.copytree(REPO / "katalog", repo / "katalog", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "build.py", repo / "build.py")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "alat"], check=True)
    if remote:
        subprocess.run([*git, "remote", "add", "origin", remote], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    return repo, head


def _init_with(tool: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(tool / "build.py"), "init", "baru", "--wilayah", "32.16"], cwd=cwd,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)


def test_the_tool_is_pinned_to_the_commit_of_the_checkout_it_runs_from(tmp_path):
    tool, head = _checkout(tmp_path, "git@github.com:contoh/katalog-inovasi.git")
    result = _init_with(tool, tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert _pins(tmp_path / "baru") == [f"katalog-inovasi @ git+ssh://git@github.com/contoh/katalog-inovasi.git@{head}"]


def test_a_tool_of_unknown_origin_leaves_a_placeholder_and_says_so(tmp_path):
    tool, _ = _checkout(tmp_path, None)  # no remote: nothing a CI runner could install from
    result = _init_with(tool, tmp_path)
    assert result.returncode == 0
    assert result.stderr == (
        "init: peringatan: requirements.txt belum lengkap: asal Katalog Inovasi ini tidak diketahui (tidak dipasang "
        "dari repositori git yang dapat dijangkau pipeline). Ganti ORG dan COMMIT di requirements.txt sebelum pipeline dapat berjalan, atau "
        "jalankan ulang dengan --sumber git+https://github.com/ORG/katalog-inovasi@COMMIT\n")
    made = tmp_path / "baru"
    assert _pins(made) == ["katalog-inovasi @ git+https://github.com/ORG/katalog-inovasi@COMMIT"]
    assert "# BELUM LENGKAP: ganti ORG" in (made / "requirements.txt").read_text()
    assert "**Sebelum pipeline dapat berjalan**, lengkapi `requirements.txt`" in (made / "README.md").read_text()


def test_where_an_installed_tool_came_from(tmp_path):
    from katalog.toolsource import from_install, reachable_url

    site, here = tmp_path / "site-packages", tmp_path / "site-packages" / "katalog"
    here.mkdir(parents=True)
    git = {"url": "https://github.com/contoh/katalog-inovasi", "vcs_info": {"vcs": "git", "commit_id": "c0ffee"}}
    assert from_install(git, site, here) == "katalog-inovasi @ git+https://github.com/contoh/katalog-inovasi@c0ffee"
    assert from_install({"url": "file:///tmp/x", "dir_info": {}}, site, here) is None  # not a git checkout
    local = {"url": "file:///home/saya/katalog-inovasi", "vcs_info": {"vcs": "git", "commit_id": "c0ffee"}}
    assert from_install(local, site, here) is None  # a repository on this machine: no CI runner reaches it
    assert from_install(None, None, here) is None
    assert reachable_url("https://x-access-token:rahasia@github.com/contoh/k.git") == "https://github.com/contoh/k.git"
    assert reachable_url("git@gitlab.com:grup/k.git") == "ssh://git@gitlab.com/grup/k.git"
    assert reachable_url("/home/saya/katalog-inovasi") is None


def test_the_example_entries_are_dated_yesterday(made):
    """Never 'today': a CI runner in UTC may still be on yesterday, and would leave out an entry from its future."""
    yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    for entry in ("news/contoh-berita.md", "visits/contoh-kunjungan.md"):
        text = (made / "content" / entry).read_text(encoding="utf-8")
        assert f"\ndate: {yesterday}\n" in text, entry


def test_the_gitignore_leaves_out_every_tree_a_build_or_preview_makes(made, tmp_path):
    """Including the trees kept beside output/ and pratinjau/ ('.output.new-*', '.pratinjau.old-*')."""
    repo = tmp_path / "repo"
    shutil.copytree(made, repo)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    made_by_tool = ["output/index.html", ".output.new-x1/index.html", ".output.old-x2/a.html", "pratinjau/index.html",
                    ".pratinjau.new-x3/index.html", ".katalog-cache/pages.db", "public/index.html"]
    kept = ["content/site.yaml", "requirements.txt", ".gitlab-ci.yml", "README.md"]
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *made_by_tool, *kept], cwd=repo,
                             capture_output=True, text=True).stdout.split()
    assert ignored == made_by_tool


def test_a_built_catalogue_leaves_git_status_clean_of_build_results(made, tmp_path):
    """A real build (output/ is a link to a tree beside it) and its cache leave nothing for git to add."""
    repo = tmp_path / "repo"
    shutil.copytree(made, repo)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    result = run(repo, "build")
    assert result.returncode == 0, result.stderr
    assert (repo / "output").is_symlink()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=repo,
                            capture_output=True, text=True).stdout.splitlines()
    built = [line for line in status if line[3:].startswith(("output", ".output", ".katalog-cache"))]
    assert built == []


def test_the_new_catalogue_builds_as_it_is(made, tmp_path):
    out = tmp_path / "situs"
    result = run(made, "build", "--content", str(made / "content"), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    home = read_page(out, "")
    assert home.h1
    for page in ("inovasi/contoh-inovasi/", "kunjungan/contoh-kunjungan/", "berita/contoh-berita/", "tentang/"):
        assert (out / page / "index.html").is_file(), page
    visit = read_page(out, "kunjungan/contoh-kunjungan/")
    assert "/katalog/inovasi/contoh-inovasi/" in [l.href for l in visit.links]
    assert "Kabupaten Bekasi" in read_page(out, "inovasi/contoh-inovasi/").text
    # published at a full address (CI passes it): a base_url without a host is warned about (test_sitemap.py)
    check = run(made, "check", "--strict", "--content", str(made / "content"), "--base-url", "https://contoh.go.id/katalog/")
    notice = ("notice: robots.txt di /katalog/robots.txt tidak dibaca mesin pencari, yang hanya "
              "membaca https://contoh.go.id/robots.txt; agar sitemap ditemukan, tambahkan baris ini ke robots.txt milik "
              "host itu: Sitemap: https://contoh.go.id/katalog/sitemap.xml")
    lines = check.stdout.splitlines()
    assert check.returncode == 0 and lines[-1] == "Pemeriksaan selesai: tidak ada masalah.", check.stdout
    assert len(lines) == 2 and lines[0].endswith("content/site.yaml:5: " + notice)


GITHUB_BUILD = 'katalog build --base-url "${{ steps.pages.outputs.base_url }}/"'
GITLAB_BUILD = 'katalog build --base-url "$CI_PAGES_URL/"'
# checked at the address the pipeline publishes at: feeds, sitemap and previews need its host
GITHUB_CHECK = 'katalog check --format github --base-url "${{ steps.pages.outputs.base_url }}/"'
GITLAB_CHECK = 'katalog check --base-url "$CI_PAGES_URL/"'


def test_the_github_workflow_checks_builds_with_its_cache_and_deploys(made):
    text = (made / ".github/workflows/katalog.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    steps = flow["jobs"]["build"]["steps"]
    runs = [s["run"] for s in steps if "run" in s]
    assert runs == [INSTALL, GITHUB_CHECK, GITHUB_BUILD]
    uses = {s["uses"].split("@")[0]: s for s in steps if "uses" in s}
    assert uses["actions/cache"]["with"]["path"] == ".katalog-cache"
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "output"
    # the project site's address (https://NAMA.github.io/REPO, no trailing slash) is its base URL
    assert uses["actions/configure-pages"]["uses"] == "actions/configure-pages@v5"
    assert uses["actions/configure-pages"]["id"] == "pages"
    assert flow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    names = [s.get("run") or s["uses"].split("@")[0] for s in steps]
    assert names.index("actions/configure-pages") < names.index(GITHUB_CHECK) < names.index(GITHUB_BUILD)
    assert names.index("actions/cache") < names.index(GITHUB_BUILD) < names.index("actions/upload-pages-artifact")
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # the repository's own default branch, whatever its name
    assert deploy["if"] == ("github.event_name != 'pull_request' && "
                            "github.ref_name == github.event.repository.default_branch")
    assert flow[True] == {"push": None, "pull_request": None, "workflow_dispatch": None}  # YAML reads 'on' as True
    assert "main" not in text.replace("runs-on", "")


def test_the_gitlab_pipeline_checks_builds_with_its_cache_and_publishes_public(made):
    ci = yaml.safe_load((made / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert not {"before_script", "image", "cache"} & set(ci)  # deprecated at the top level: under default:
    assert ci["default"]["before_script"] == [INSTALL]
    assert ".katalog-cache/" in ci["default"]["cache"]["paths"]
    assert ci["pages"]["script"] == [GITLAB_CHECK, GITLAB_BUILD, "rm -rf public && cp -rL output public"]
    assert ci["periksa"]["script"] == [GITLAB_CHECK, GITLAB_BUILD]
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    # branch pipelines only: in a merge request pipeline $CI_COMMIT_BRANCH is not set, so nothing runs twice
    assert ci["periksa"]["rules"] == [{"if": "$CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH"}]
    assert ci["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]


def _shim(folder: Path) -> dict[str, str]:
    """An environment where `katalog` is this worktree's build.py, as `pip install -r requirements.txt` would make it."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "katalog"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{REPO / "build.py"}" "$@"\n')
    shim.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


def _run_in_order(commands: list[str], cwd: Path, env: dict[str, str]) -> None:
    for command in commands:
        if command == INSTALL:  # the tool is already installed here: the shim stands for it
            continue
        result = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True,
                                text=True, timeout=300)
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr


def test_each_pipelines_commands_run_in_order(tmp_path):
    """Every `run:` of the workflow and every job's `script:` of the GitLab file, in order, in a
    fresh catalogue; only the steps that need GitHub or GitLab themselves (`uses:` actions,
    the Pages upload) are left to them. Their variables get the values a project site has:
    the site is served under the project's path, and its links say so."""
    env = _shim(tmp_path)
    github = _init(tmp_path, "--wilayah", "Kota Bekasi", folder="di-github")
    flow = yaml.safe_load((github / ".github/workflows/katalog.yml").read_text(encoding="utf-8"))
    commands = [s["run"].replace("${{ steps.pages.outputs.base_url }}", "https://contoh.github.io/di-github")
                for job in flow["jobs"].values() for s in job["steps"] if "run" in s]
    assert not [c for c in commands if "${{" in c]
    _run_in_order(commands, github, env)
    assert (github / "output" / "inovasi" / "contoh-inovasi" / "index.html").is_file()
    assert (github / ".katalog-cache").is_dir()  # what actions/cache keeps for the next run
    style = published(github / "output", "style.css")
    assert f"/di-github/{style}" in _stylesheets(github / "output")

    gitlab = _init(tmp_path, "--wilayah", "Kota Bekasi", folder="di-gitlab")
    ci = yaml.safe_load((gitlab / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    env["CI_PAGES_URL"] = "https://contoh.gitlab.io/grup/di-gitlab"
    for name, job in ci.items():
        if name not in GITLAB_RESERVED:
            _run_in_order([*ci["default"]["before_script"], *job["script"]], gitlab, env)
    assert (gitlab / "public" / "inovasi" / "contoh-inovasi" / "index.html").is_file()
    assert not (gitlab / "public").is_symlink() and (gitlab / "public" / published(gitlab / "public", "style.css")).is_file()
    assert (gitlab / ".katalog-cache").is_dir()
    style = published(gitlab / "public", "style.css")
    assert f"/grup/di-gitlab/{style}" in _stylesheets(gitlab / "public")
    # site.yaml's base_url is left for local builds
    assert yaml.safe_load((gitlab / "content" / "site.yaml").read_text(encoding="utf-8"))["base_url"] == "/"


def _stylesheets(out: Path) -> str:
    return " ".join(l for l in (out / "index.html").read_text(encoding="utf-8").split() if "style." in l)


def test_init_never_overwrites(tmp_path):
    folder = tmp_path / "ada"
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "site.yaml").write_text("title: Milik Saya\n")
    (folder / "requirements.txt").write_text("requests\n")
    (folder / "README.md").write_text("punya saya\n")
    result = _cli(tmp_path, "init", "ada", "--wilayah", "32.16")
    assert result.returncode == 1
    assert result.stderr == ("init: ada: berkas berikut sudah ada dan tidak ditimpa: content/site.yaml, "
                             "requirements.txt; pilih folder lain atau pindahkan berkas itu\n")
    assert sorted(p.name for p in folder.rglob("*")) == ["README.md", "content", "requirements.txt", "site.yaml"]
    assert (folder / "content" / "site.yaml").read_text() == "title: Milik Saya\n"


def test_init_in_a_new_repository_keeps_its_readme_and_completes_its_gitignore(tmp_path):
    """A repository made on GitHub or GitLab with a README and a .gitignore: `katalog init .` in its clone."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("# katalog-bekasi\n")
    (repo / ".gitignore").write_text("*.pyc\n/output/\n__pycache__/")  # no newline at the end
    result = _cli(repo, "init", ".", "--wilayah", "32.16")
    assert result.returncode == 0, result.stderr
    assert (repo / "README.md").read_text() == "# katalog-bekasi\n"
    assert (repo / "PANDUAN.md").read_text(encoding="utf-8").startswith("# Katalog Inovasi Kabupaten Bekasi\n")
    assert (repo / ".gitignore").read_text() == (
        "*.pyc\n/output/\n__pycache__/\n\n# Katalog Inovasi: hasil build dan cache\n"
        "/output\n/output.nginx.conf\n/.output.*\n/.katalog-cache/\n/pratinjau\n/pratinjau.nginx.conf\n/.pratinjau.*\n"
        "/public/\n")
    said = result.stdout.splitlines()
    assert said[:2] == [
        "README.md sudah ada dan tidak diubah; panduan untuk staf ditulis di PANDUAN.md",
        ".gitignore sudah ada; ditambahkan baris yang belum ada: /output /output.nginx.conf /.output.* /.katalog-cache/ "
        "/pratinjau /pratinjau.nginx.conf /.pratinjau.* /public/"]
    assert "Lalu baca PANDUAN.md" in result.stdout
    assert (repo / "content" / "site.yaml").is_file()
    assert run(repo).returncode == 0


def test_a_failed_init_writes_nothing(tmp_path):
    """A file named 'content' where the content folder must go: refused before anything is written."""
    folder = tmp_path / "ada"
    folder.mkdir()
    (folder / "content").write_text("bukan folder\n")
    result = _cli(tmp_path, "init", "ada", "--wilayah", "32.16")
    assert (result.returncode, result.stderr) == (
        1, "init: ada: berikut sudah ada tetapi bukan folder: content; pindahkan atau ganti namanya\n")
    assert [p.name for p in folder.iterdir()] == ["content"]
    (tmp_path / "berkas").write_text("x")
    result = _cli(tmp_path, "init", "berkas", "--wilayah", "32.16")
    assert (result.returncode, result.stderr) == (1, "init: berkas sudah ada tetapi bukan folder; pilih folder lain\n")


def test_a_write_that_fails_halfway_is_undone(tmp_path):
    """Whatever stops the writing (here a name too long for the file system), what was written goes again."""
    from katalog.init import Plan, write

    (tmp_path / ".gitignore").write_text("a\n")
    todo = Plan(new=(("content/site.yaml", "x"), ("content/media/" + "x" * 300, "y")),
                appended=((".gitignore", "b\n"),), notes=(), guide="README.md")
    with pytest.raises(OSError):
        write(tmp_path, todo)
    assert [p.name for p in tmp_path.iterdir()] == [".gitignore"]
    todo = Plan(new=(("content/site.yaml", "x"),), appended=((".gitignore", "b\n"), ("tidak-ada", "c\n")), notes=(),
                guide="README.md")
    with pytest.raises(OSError):
        write(tmp_path, todo)
    assert [p.name for p in tmp_path.iterdir()] == [".gitignore"] and (tmp_path / ".gitignore").read_text() == "a\n"


@pytest.mark.parametrize("flags, message", [
    ((), "init: --wilayah wajib bila tidak dijalankan di terminal, misalnya --wilayah 32.16\n"),
    (("--wilayah", "Bekasi"),
     "init: 'Bekasi' cocok dengan 2 wilayah: 32.16 Kabupaten Bekasi, 32.75 Kota Bekasi; tulis kode wilayahnya\n"),
    (("--wilayah", "99.99"),
     "init: wilayah '99.99' tidak ditemukan; tulis kode wilayah Kemendagri (misalnya 32.16) atau nama lengkapnya "
     "(misalnya Kabupaten Bekasi)\n"),
    (("--wilayah", "32.16", "--judul", "Katalog\x07Bekasi"),
     "init: judul berisi karakter kendali U+0007; tulis teks biasa: huruf, angka, spasi dan tanda baca\n"),
    (("--wilayah", "32.16", "--penerbit", "\x1b[31mPemerintah"),
     "init: penerbit berisi karakter kendali U+001B; tulis teks biasa: huruf, angka, spasi dan tanda baca\n"),
    (("--wilayah", "32.16", "--judul", "Katalog \udcff"),  # the byte 0xff, not UTF-8, as the shell passes it
     "init: judul berisi karakter yang bukan teks UTF-8 U+DCFF; tulis teks biasa: huruf, angka, spasi dan tanda baca\n"),
    (("--wilayah", "32.16", "--sumber", "katalog inovasi terbaru"),
     "init: --sumber 'katalog inovasi terbaru' tidak valid; tulis alamat pip untuk Katalog Inovasi, misalnya "
     "git+https://github.com/ORG/katalog-inovasi@<commit>, atau katalog-inovasi==<versi>\n"),
    (("--wilayah", "32.16", "--base-url", "katalog"),
     "init: base_url 'katalog' tidak valid; tulis alamat lengkap (https://contoh.go.id/katalog/) atau path yang "
     "diawali '/'\n"),
])
def test_init_refuses_bad_answers_and_writes_nothing(tmp_path, flags, message):
    result = _cli(tmp_path, "init", "baru", *flags)
    assert (result.returncode, result.stderr) == (2, message)
    assert not (tmp_path / "baru").exists()


def test_init_asks_on_a_terminal_until_each_answer_is_valid():
    from katalog.init import Answers, ask

    replies = iter(["Bekasi", "kabupaten bekasi", "Judul\x00", "", "Dinas Contoh", "katalog",
                    "https://contoh.github.io/kat/"])
    said: list[str] = []
    got = ask(None, None, None, None, prompt=lambda _: next(replies), say=lambda m: said.append(str(m)))
    assert got == Answers("32.16", "Katalog Inovasi Kabupaten Bekasi", "https://contoh.github.io/kat/", "Dinas Contoh")
    assert said[0].startswith("'Bekasi' cocok dengan 2 wilayah")
    assert said[1].startswith("judul berisi karakter kendali U+0000")
    assert said[2].startswith("base_url 'katalog' tidak valid")


def test_a_province_catalogue_builds_too(tmp_path):
    made = _init(tmp_path, "--wilayah", "Provinsi Jawa Barat", "--judul", 'Katalog "Jabar": Inovasi')
    site = yaml.safe_load((made / "content/site.yaml").read_text(encoding="utf-8"))
    assert site["title"] == 'Katalog "Jabar": Inovasi'
    result = run(made)
    assert result.returncode == 0, result.stderr
    assert (made / "output" / "kunjungan" / "contoh-kunjungan" / "index.html").is_file()


@pytest.mark.parametrize("spec, line", [
    ("git+https://github.com/contoh/katalog-inovasi@abc1234", "katalog-inovasi @ git+https://github.com/contoh/katalog-inovasi@abc1234"),
    ("Katalog_Inovasi @ git+ssh://git@gitlab.com/grup/k.git@v0.2.0", "katalog-inovasi @ git+ssh://git@gitlab.com/grup/k.git@v0.2.0"),
    ("katalog-inovasi == 0.2.0", "katalog-inovasi==0.2.0"),
])
def test_sumber_is_written_as_a_requirement_pip_reads(tmp_path, spec, line):
    result = _cli(tmp_path, "init", "baru", "--wilayah", "32.16", "--sumber", spec)
    assert (result.returncode, result.stderr) == (0, "")
    if "@" in line:
        assert _pins(tmp_path / "baru") == [line]
    else:
        assert (tmp_path / "baru" / "requirements.txt").read_text().splitlines()[-1] == line
