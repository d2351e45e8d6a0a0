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
    group: str = ""  # a sector's group, one of GROUPS
    description_id: str = ""  # what the term means, in one sentence
    description_en: str = ""

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.id

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_id


@dataclass(frozen=True)
class Group:
    """A group of sectors in UU 23/2014: its labels and what sets it apart."""

    id: str
    en: str
    description_id: str
    description_en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.id

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_id


def _vocab(*terms: Term) -> dict[str, Term]:
    return {t.slug: t for t in terms}


# Stages, forms and types of PP 38/2017 on regional innovation, said briefly.
STAGES = _vocab(
    Term("inisiatif", "Inisiatif", "Initiative",
         description_id="Inovasi yang masih berupa gagasan atau rencana dan belum dicoba.",
         description_en="An innovation that is still an idea or a plan and has not been tried yet."),
    Term("uji-coba", "Uji coba", "Trial",
         description_id="Inovasi yang sedang dicoba dalam lingkup terbatas untuk menilai manfaat dan kelayakannya "
                        "sebelum diterapkan.",
         description_en="An innovation being tried on a limited scale, to judge its benefits and feasibility before "
                        "it is implemented."),
    Term("penerapan", "Penerapan", "Implementation",
         description_id="Inovasi yang sudah dijalankan dan dimanfaatkan dalam pemerintahan daerah atau pelayanan "
                        "kepada masyarakat.",
         description_en="An innovation already running and in use in the region's government or its services to "
                        "the public."),
)

FORMS = _vocab(
    Term("tata-kelola", "Tata kelola pemerintahan", "Governance",
         description_id="Inovasi dalam cara pemerintah daerah bekerja: manajemen, tata laksana, pengawasan dan "
                        "perangkat daerahnya.",
         description_en="Innovation in how the regional government works: its management, procedures, oversight "
                        "and agencies."),
    Term("pelayanan-publik", "Pelayanan publik", "Public service",
         description_id="Inovasi dalam layanan yang diberikan pemerintah daerah kepada masyarakat, agar lebih mudah, "
                        "cepat atau terjangkau.",
         description_en="Innovation in the services the regional government gives the public, making them easier, "
                        "quicker or more affordable."),
    Term("lainnya", "Inovasi daerah lainnya", "Other regional innovation",
         description_id="Inovasi di luar tata kelola dan pelayanan publik, dalam urusan pemerintahan yang menjadi "
                        "kewenangan daerah.",
         description_en="Innovation beyond governance and public service, in any government affair the region is "
                        "responsible for."),
)

TYPES = _vocab(
    Term("digital", "Digital", "Digital",
         description_id="Inovasi yang bertumpu pada teknologi informasi, misalnya aplikasi atau layanan daring.",
         description_en="An innovation that relies on information technology, such as an app or an online service."),
    Term("non-digital", "Non digital", "Non-digital",
         description_id="Inovasi yang tidak bertumpu pada teknologi digital, misalnya prosedur, program atau cara "
                        "kerja baru.",
         description_en="An innovation that does not rely on digital technology, such as a new procedure, programme "
                        "or way of working."),
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

GROUPS: Mapping[str, Group] = MappingProxyType({g.id: g for g in (
    Group(_WAJIB_DASAR, "Obligatory affairs: basic services",
          "Urusan yang wajib diselenggarakan setiap daerah dan menyangkut pelayanan dasar bagi warga.",
          "Affairs every region must run, concerning the basic services its citizens are owed."),
    Group(_WAJIB, "Obligatory affairs: other than basic services",
          "Urusan yang wajib diselenggarakan setiap daerah, di luar pelayanan dasar.",
          "Affairs every region must run, other than basic services."),
    Group(_PILIHAN, "Optional affairs",
          "Urusan yang diselenggarakan daerah sesuai potensi yang dimilikinya.",
          "Affairs a region runs according to its own potential."),
    Group(_PENUNJANG, "Supporting functions",
          "Fungsi yang menunjang penyelenggaraan urusan pemerintahan, seperti perencanaan, keuangan dan penelitian.",
          "Functions that support all government affairs, such as planning, finance and research."),
)})

# Urusan pemerintahan konkuren, UU 23/2014 Pasal 12, plus the supporting functions
# (fungsi penunjang) that regional research agencies themselves belong to; each with
# one line of what it covers.
SECTORS = _vocab(
    Term("pendidikan", "Pendidikan", "Education", _WAJIB_DASAR,
         description_id="Pendidikan anak usia dini, dasar, menengah dan nonformal yang menjadi kewenangan daerah.",
         description_en="Early childhood, primary, secondary and non-formal education run by the region."),
    Term("kesehatan", "Kesehatan", "Health", _WAJIB_DASAR,
         description_id="Layanan kesehatan masyarakat dan perorangan, puskesmas, rumah sakit daerah dan tenaga kesehatan.",
         description_en="Public and personal health care, community health centres, regional hospitals and health workers."),
    Term("pekerjaan-umum-penataan-ruang", "Pekerjaan umum dan penataan ruang", "Public works and spatial planning", _WAJIB_DASAR,
         description_id="Jalan, air minum, sanitasi, drainase, pengendalian banjir dan penataan ruang.",
         description_en="Roads, drinking water, sanitation, drainage, flood control and spatial planning."),
    Term("perumahan-kawasan-permukiman", "Perumahan rakyat dan kawasan permukiman", "Housing and settlements", _WAJIB_DASAR,
         description_id="Rumah layak huni dan kawasan permukiman, termasuk penanganan permukiman kumuh.",
         description_en="Decent housing and settlements, including the upgrading of slums."),
    Term("ketenteraman-ketertiban-umum", "Ketenteraman, ketertiban umum, dan pelindungan masyarakat", "Public order and community protection", _WAJIB_DASAR,
         description_id="Ketertiban umum, penegakan peraturan daerah, pemadam kebakaran dan penanggulangan bencana.",
         description_en="Public order, enforcement of regional regulations, fire services and disaster management."),
    Term("sosial", "Sosial", "Social affairs", _WAJIB_DASAR,
         description_id="Perlindungan dan rehabilitasi sosial bagi warga yang rentan, serta bantuan sosial.",
         description_en="Social protection, rehabilitation and assistance for vulnerable citizens."),
    Term("tenaga-kerja", "Tenaga kerja", "Labour", _WAJIB,
         description_id="Pelatihan kerja, penempatan tenaga kerja dan hubungan industrial.",
         description_en="Job training, job placement and industrial relations."),
    Term("pemberdayaan-perempuan-perlindungan-anak", "Pemberdayaan perempuan dan pelindungan anak", "Women's empowerment and child protection", _WAJIB,
         description_id="Kesetaraan gender, perlindungan perempuan dan pemenuhan hak anak.",
         description_en="Gender equality, the protection of women and children's rights."),
    Term("pangan", "Pangan", "Food", _WAJIB,
         description_id="Ketersediaan, keterjangkauan dan keamanan pangan.",
         description_en="The availability, affordability and safety of food."),
    Term("pertanahan", "Pertanahan", "Land", _WAJIB,
         description_id="Administrasi dan penggunaan tanah, termasuk penyelesaian sengketa tanah.",
         description_en="Land administration and use, including the settlement of land disputes."),
    Term("lingkungan-hidup", "Lingkungan hidup", "Environment", _WAJIB,
         description_id="Perlindungan lingkungan, pengelolaan sampah dan pengendalian pencemaran.",
         description_en="Environmental protection, waste management and pollution control."),
    Term("administrasi-kependudukan", "Administrasi kependudukan dan pencatatan sipil", "Population administration and civil registry", _WAJIB,
         description_id="Dokumen kependudukan dan pencatatan sipil seperti KTP, kartu keluarga dan akta.",
         description_en="Population records and civil registration: identity cards, family cards and certificates."),
    Term("pemberdayaan-masyarakat-desa", "Pemberdayaan masyarakat dan desa", "Community and village empowerment", _WAJIB,
         description_id="Penguatan kelembagaan masyarakat serta pemerintahan dan pembangunan desa.",
         description_en="Strengthening community institutions, village government and village development."),
    Term("pengendalian-penduduk-kb", "Pengendalian penduduk dan keluarga berencana", "Population control and family planning", _WAJIB,
         description_id="Keluarga berencana, pengendalian penduduk dan pembangunan keluarga.",
         description_en="Family planning, population control and family welfare."),
    Term("perhubungan", "Perhubungan", "Transport", _WAJIB,
         description_id="Lalu lintas, angkutan umum dan sarana perhubungan daerah.",
         description_en="Traffic, public transport and regional transport facilities."),
    Term("komunikasi-informatika", "Komunikasi dan informatika", "Communication and informatics", _WAJIB,
         description_id="Informasi publik, layanan pemerintahan berbasis elektronik dan infrastruktur teknologi informasi.",
         description_en="Public information, electronic government services and IT infrastructure."),
    Term("koperasi-ukm", "Koperasi, usaha kecil, dan menengah", "Cooperatives and small businesses", _WAJIB,
         description_id="Pembinaan koperasi dan usaha mikro, kecil dan menengah.",
         description_en="Support for cooperatives and micro, small and medium businesses."),
    Term("penanaman-modal", "Penanaman modal", "Investment", _WAJIB,
         description_id="Promosi investasi dan pelayanan perizinan berusaha.",
         description_en="Investment promotion and business licensing."),
    Term("kepemudaan-olahraga", "Kepemudaan dan olah raga", "Youth and sports", _WAJIB,
         description_id="Pengembangan pemuda serta pembinaan olahraga dan sarananya.",
         description_en="Youth development, sports and sports facilities."),
    Term("statistik", "Statistik", "Statistics", _WAJIB,
         description_id="Penyelenggaraan statistik sektoral dan data pembangunan daerah.",
         description_en="Sectoral statistics and the region's development data."),
    Term("persandian", "Persandian", "Cryptography", _WAJIB,
         description_id="Keamanan informasi dan persandian di lingkungan pemerintah daerah.",
         description_en="Information security and encryption within the regional government."),
    Term("kebudayaan", "Kebudayaan", "Culture", _WAJIB,
         description_id="Pelestarian cagar budaya, kesenian, tradisi dan museum.",
         description_en="Heritage, the arts, traditions and museums."),
    Term("perpustakaan", "Perpustakaan", "Libraries", _WAJIB,
         description_id="Layanan perpustakaan dan pembudayaan gemar membaca.",
         description_en="Library services and the promotion of reading."),
    Term("kearsipan", "Kearsipan", "Archives", _WAJIB,
         description_id="Pengelolaan arsip daerah dan layanan kearsipan.",
         description_en="Regional archives and archive services."),
    Term("kelautan-perikanan", "Kelautan dan perikanan", "Marine affairs and fisheries", _PILIHAN,
         description_id="Pengelolaan wilayah pesisir, perikanan tangkap dan budidaya ikan.",
         description_en="Coastal management, capture fisheries and fish farming."),
    Term("pariwisata", "Pariwisata", "Tourism", _PILIHAN,
         description_id="Pengembangan destinasi, daya tarik dan pemasaran wisata.",
         description_en="Tourist destinations, attractions and tourism marketing."),
    Term("pertanian", "Pertanian", "Agriculture", _PILIHAN,
         description_id="Tanaman pangan, hortikultura, perkebunan dan peternakan.",
         description_en="Food crops, horticulture, plantations and livestock."),
    Term("kehutanan", "Kehutanan", "Forestry", _PILIHAN,
         description_id="Pengelolaan hutan, taman hutan raya dan rehabilitasi lahan.",
         description_en="Forest management, forest parks and land rehabilitation."),
    Term("energi-sumber-daya-mineral", "Energi dan sumber daya mineral", "Energy and mineral resources", _PILIHAN,
         description_id="Energi, ketenagalistrikan dan sumber daya mineral yang menjadi kewenangan daerah.",
         description_en="Energy, electricity and mineral resources under the region's authority."),
    Term("perdagangan", "Perdagangan", "Trade", _PILIHAN,
         description_id="Pasar, distribusi barang, perlindungan konsumen dan perdagangan daerah.",
         description_en="Markets, distribution of goods, consumer protection and regional trade."),
    Term("perindustrian", "Perindustrian", "Industry", _PILIHAN,
         description_id="Pengembangan industri daerah dan kawasan industri.",
         description_en="Regional industry and industrial estates."),
    Term("transmigrasi", "Transmigrasi", "Transmigration", _PILIHAN,
         description_id="Pembangunan kawasan dan permukiman transmigrasi.",
         description_en="Transmigration areas and settlements."),
    Term("perencanaan", "Perencanaan", "Planning", _PENUNJANG,
         description_id="Perencanaan pembangunan daerah, seperti RPJMD dan rencana kerja tahunan.",
         description_en="Regional development planning, such as the medium-term and annual plans."),
    Term("keuangan", "Keuangan", "Finance", _PENUNJANG,
         description_id="Pengelolaan keuangan dan pendapatan daerah, termasuk pajak dan retribusi.",
         description_en="Regional finance and revenue, including taxes and levies."),
    Term("kepegawaian", "Kepegawaian", "Civil service management", _PENUNJANG,
         description_id="Manajemen aparatur sipil negara di lingkungan pemerintah daerah.",
         description_en="Management of the regional government's civil servants."),
    Term("pendidikan-pelatihan", "Pendidikan dan pelatihan", "Training", _PENUNJANG,
         description_id="Pendidikan dan pelatihan bagi aparatur pemerintah daerah.",
         description_en="Education and training for the regional government's staff."),
    Term("penelitian-pengembangan", "Penelitian dan pengembangan", "Research and development", _PENUNJANG,
         description_id="Penelitian, pengembangan dan pembinaan inovasi daerah, tugas badan riset dan inovasi daerah.",
         description_en="Research, development and the fostering of regional innovation, the task of regional research agencies."),
    Term("pengawasan", "Pengawasan", "Oversight", _PENUNJANG,
         description_id="Pengawasan internal atas penyelenggaraan pemerintahan daerah oleh inspektorat.",
         description_en="Internal oversight of the regional government by its inspectorate."),
)

# Whether an innovation still runs (KemenPAN-RB found about one in five catalogued ones stopped)
STATUSES = _vocab(
    Term("berjalan", "Berjalan", "Running",
         description_id="Inovasi yang masih dijalankan pemerintah daerah; inovasi tanpa keterangan status dianggap berjalan.",
         description_en="Innovations the regional government still runs; an innovation without a stated status counts as running."),
    Term("dihentikan", "Dihentikan", "Discontinued",
         description_id="Inovasi yang tidak lagi dijalankan, dengan waktu dan alasan penghentiannya bila diketahui.",
         description_en="Innovations no longer run, with when and why they stopped where known."),
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
