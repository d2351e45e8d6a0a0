"""Controlled vocabularies of the Indeks Inovasi Daerah (PP 38/2017) and UU 23/2014.

Each vocabulary maps the slug written in front-matter to its labels. The slugs are
the single source of truth for validation, taxonomy pages and the staff guide.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping


@dataclass(frozen=True)
class Term:
    slug: str
    id: str  # Indonesian label
    en: str  # English label
    group: str = ""

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


def _vocab(*terms: Term) -> dict[str, Term]:
    return {t.slug: t for t in terms}


STAGES = _vocab(
    Term("inisiatif", "Inisiatif", "Initiative"),
    Term("uji-coba", "Uji coba", "Trial"),
    Term("penerapan", "Penerapan", "Implementation"),
)

FORMS = _vocab(
    Term("tata-kelola", "Tata kelola pemerintahan", "Governance"),
    Term("pelayanan-publik", "Pelayanan publik", "Public service"),
    Term("lainnya", "Inovasi daerah lainnya", "Other regional innovation"),
)

TYPES = _vocab(
    Term("digital", "Digital", "Digital"),
    Term("non-digital", "Non digital", "Non-digital"),
)

INITIATORS = _vocab(
    Term("kepala-daerah", "Kepala daerah", "Regional head"),
    Term("dprd", "Anggota DPRD", "Member of the regional parliament"),
    Term("perangkat-daerah", "Perangkat daerah", "Regional government agency"),
    Term("asn", "ASN", "Civil servant"),
    Term("masyarakat", "Masyarakat", "Citizens"),
)

_WAJIB_DASAR = "Urusan wajib pelayanan dasar"
_WAJIB = "Urusan wajib non-pelayanan dasar"
_PILIHAN = "Urusan pilihan"
_PENUNJANG = "Fungsi penunjang urusan pemerintahan"

# Urusan pemerintahan konkuren, UU 23/2014 Pasal 12, plus the supporting functions
# (fungsi penunjang) that regional research agencies themselves belong to.
SECTORS = _vocab(
    Term("pendidikan", "Pendidikan", "Education", _WAJIB_DASAR),
    Term("kesehatan", "Kesehatan", "Health", _WAJIB_DASAR),
    Term("pekerjaan-umum-penataan-ruang", "Pekerjaan umum dan penataan ruang", "Public works and spatial planning", _WAJIB_DASAR),
    Term("perumahan-kawasan-permukiman", "Perumahan rakyat dan kawasan permukiman", "Housing and settlements", _WAJIB_DASAR),
    Term("ketenteraman-ketertiban-umum", "Ketenteraman, ketertiban umum, dan pelindungan masyarakat", "Public order and community protection", _WAJIB_DASAR),
    Term("sosial", "Sosial", "Social affairs", _WAJIB_DASAR),
    Term("tenaga-kerja", "Tenaga kerja", "Labour", _WAJIB),
    Term("pemberdayaan-perempuan-perlindungan-anak", "Pemberdayaan perempuan dan pelindungan anak", "Women's empowerment and child protection", _WAJIB),
    Term("pangan", "Pangan", "Food", _WAJIB),
    Term("pertanahan", "Pertanahan", "Land", _WAJIB),
    Term("lingkungan-hidup", "Lingkungan hidup", "Environment", _WAJIB),
    Term("administrasi-kependudukan", "Administrasi kependudukan dan pencatatan sipil", "Population administration and civil registry", _WAJIB),
    Term("pemberdayaan-masyarakat-desa", "Pemberdayaan masyarakat dan desa", "Community and village empowerment", _WAJIB),
    Term("pengendalian-penduduk-kb", "Pengendalian penduduk dan keluarga berencana", "Population control and family planning", _WAJIB),
    Term("perhubungan", "Perhubungan", "Transport", _WAJIB),
    Term("komunikasi-informatika", "Komunikasi dan informatika", "Communication and informatics", _WAJIB),
    Term("koperasi-ukm", "Koperasi, usaha kecil, dan menengah", "Cooperatives and small businesses", _WAJIB),
    Term("penanaman-modal", "Penanaman modal", "Investment", _WAJIB),
    Term("kepemudaan-olahraga", "Kepemudaan dan olah raga", "Youth and sports", _WAJIB),
    Term("statistik", "Statistik", "Statistics", _WAJIB),
    Term("persandian", "Persandian", "Cryptography", _WAJIB),
    Term("kebudayaan", "Kebudayaan", "Culture", _WAJIB),
    Term("perpustakaan", "Perpustakaan", "Libraries", _WAJIB),
    Term("kearsipan", "Kearsipan", "Archives", _WAJIB),
    Term("kelautan-perikanan", "Kelautan dan perikanan", "Marine affairs and fisheries", _PILIHAN),
    Term("pariwisata", "Pariwisata", "Tourism", _PILIHAN),
    Term("pertanian", "Pertanian", "Agriculture", _PILIHAN),
    Term("kehutanan", "Kehutanan", "Forestry", _PILIHAN),
    Term("energi-sumber-daya-mineral", "Energi dan sumber daya mineral", "Energy and mineral resources", _PILIHAN),
    Term("perdagangan", "Perdagangan", "Trade", _PILIHAN),
    Term("perindustrian", "Perindustrian", "Industry", _PILIHAN),
    Term("transmigrasi", "Transmigrasi", "Transmigration", _PILIHAN),
    Term("perencanaan", "Perencanaan", "Planning", _PENUNJANG),
    Term("keuangan", "Keuangan", "Finance", _PENUNJANG),
    Term("kepegawaian", "Kepegawaian", "Civil service management", _PENUNJANG),
    Term("pendidikan-pelatihan", "Pendidikan dan pelatihan", "Training", _PENUNJANG),
    Term("penelitian-pengembangan", "Penelitian dan pengembangan", "Research and development", _PENUNJANG),
    Term("pengawasan", "Pengawasan", "Oversight", _PENUNJANG),
)

# Whether an innovation still runs (KemenPAN-RB found about one in five catalogued ones stopped)
STATUSES = _vocab(
    Term("berjalan", "Berjalan", "Running"),
    Term("dihentikan", "Dihentikan", "Discontinued"),
)

# Where an innovation's money comes from
BUDGETS = _vocab(
    Term("apbd", "APBD", "Regional budget (APBD)"),
    Term("apbdes", "APBDes", "Village budget (APBDes)"),
    Term("apbn", "APBN", "State budget (APBN)"),
    Term("csr", "CSR", "Corporate social responsibility (CSR)"),
    Term("swadaya", "Swadaya masyarakat", "Community self-funding"),
    Term("lainnya", "Lainnya", "Other"),
)

VOCABULARIES: Mapping[str, dict[str, Term]] = MappingProxyType({
    "stage": STAGES,
    "form": FORMS,
    "type": TYPES,
    "initiator": INITIATORS,
    "sector": SECTORS,
    "status": STATUSES,
    "budget": BUDGETS,
})
