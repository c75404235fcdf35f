"""Realistic Indonesian worksheet answers of the six demo teams (typed values as stored)."""

from __future__ import annotations

from typing import Any

# Per team: the service's process map (step, actor, minutes, waiting minutes, delay point) and SLA figures.
TEAMS: dict[str, dict[str, Any]] = {
    "Kelompok 1": {
        "service": "Izin Usaha Mikro dan Kecil (IUMK)",
        "steps": [
            ("Mengambil nomor antrean dan menunggu dipanggil", "Pemohon", 2, 35, True),
            (
                "Memeriksa kelengkapan berkas (KTP, surat keterangan domisili usaha, pas foto)",
                "Petugas loket",
                10,
                0,
                False,
            ),
            ("Mengentri data permohonan ke aplikasi perizinan", "Petugas loket", 15, 0, False),
            ("Mengantar berkas ke meja verifikator", "Petugas loket", 5, 240, True),
            ("Memverifikasi data dan memberi paraf", "Verifikator", 15, 0, False),
            ("Menandatangani izin", "Kepala DPMPTSP", 5, 1440, True),
            ("Menyerahkan izin dan menjelaskan kewajiban pelaku usaha", "Petugas loket", 5, 0, False),
        ],
        "standard": 60,
        "on_time": 90,
        "cost": "Gratis (tidak dipungut biaya)",
        "first_visit": 85,
        "hours": "Senin–Kamis 08.00–15.00, Jumat 08.00–11.30",
        "monthly": [("IUMK baru", 184, 171, 52, 3), ("Perubahan IUMK", 41, 39, 35, 0)],
        "complaint_channels": "Loket pengaduan di lantai 1 Mal Pelayanan Publik\nWhatsApp resmi DPMPTSP: 0812-3400-1122\n"
        "SP4N-LAPOR! (www.lapor.go.id)\nKotak saran di ruang tunggu (dibuka setiap Jumat)",
    },
    "Kelompok 2": {
        "service": "Persetujuan Bangunan Gedung (PBG) rumah tinggal",
        "steps": [
            ("Berkonsultasi di loket informasi tentang persyaratan PBG", "Pemohon", 15, 30, False),
            ("Mengunggah dokumen teknis di SIMBG", "Pemohon", 60, 0, False),
            ("Memeriksa kelengkapan dokumen administrasi", "Petugas loket", 20, 480, True),
            ("Menjadwalkan dan melaksanakan konsultasi TPA/TPT", "Sekretariat TPA", 90, 2400, True),
            ("Menghitung retribusi", "Dinas PUPR", 30, 480, False),
            ("Membayar retribusi di bank", "Pemohon", 30, 0, False),
            ("Menerbitkan dan menandatangani PBG", "Kepala DPMPTSP", 10, 960, True),
        ],
        "standard": 2250,
        "on_time": 80,
        "cost": "Sesuai retribusi PBG (Perda Retribusi Daerah)",
        "first_visit": 60,
        "hours": "Senin–Jumat 08.00–15.00",
        "monthly": [("PBG rumah tinggal", 37, 28, 2280, 4)],
        "complaint_channels": "Meja pengaduan DPMPTSP Kabupaten Sukamaju\nWhatsApp resmi: 0813-5500-2020\n"
        "SP4N-LAPOR!\nSurel: pengaduan.dpmptsp@sukamajukab.go.id",
    },
    "Kelompok 3": {
        "service": "Penerbitan Akta Kelahiran",
        "steps": [
            ("Mengambil nomor antrean", "Pemohon", 2, 25, False),
            ("Memeriksa formulir F-2.01, surat keterangan lahir, KK dan KTP orang tua", "Petugas loket", 10, 0, False),
            ("Memeriksa data NIK orang tua di SIAK", "Operator SIAK", 5, 0, False),
            ("Mengentri data kelahiran", "Operator SIAK", 10, 60, True),
            ("Memverifikasi dan menandatangani secara elektronik", "Kepala Seksi Kelahiran", 5, 120, True),
            ("Mencetak akta dan menyerahkan kepada pemohon", "Petugas loket", 5, 0, False),
        ],
        "standard": 60,
        "on_time": 90,
        "cost": "Gratis",
        "first_visit": 85,
        "hours": "Senin–Jumat 08.00–14.30",
        "monthly": [("Akta kelahiran 0–60 hari", 312, 291, 48, 2), ("Akta kelahiran terlambat", 58, 49, 75, 1)],
        "complaint_channels": "Loket pengaduan Disdukcapil\nWhatsApp Dukcapil: 0811-2233-4455\nSP4N-LAPOR!\n"
        "Instagram @dukcapilmekarsari (pesan langsung)",
    },
    "Kelompok 4": {
        "service": "Perubahan Data Kartu Keluarga",
        "steps": [
            ("Mengambil nomor antrean di MPP", "Pemohon", 2, 40, True),
            ("Memeriksa KK lama dan dokumen dasar perubahan", "Petugas loket Dukcapil di MPP", 10, 0, False),
            ("Mengisi formulir F-1.06 bersama pemohon", "Petugas loket", 10, 0, False),
            ("Mengentri perubahan di SIAK", "Operator", 10, 90, True),
            ("Menandatangani KK secara elektronik", "Kepala Dinas Dukcapil", 2, 30, False),
            ("Mencetak KK dan menyerahkan", "Petugas loket", 5, 0, False),
        ],
        "standard": 90,
        "on_time": 85,
        "cost": "Gratis",
        "first_visit": 80,
        "hours": "Senin–Jumat 08.00–15.00, Sabtu 08.00–12.00",
        "monthly": [("Perubahan data KK", 264, 230, 71, 5)],
        "complaint_channels": "Meja pengaduan terpadu MPP Lembah Hijau\nWhatsApp MPP: 0822-7000-1010\nSP4N-LAPOR!",
    },
    "Kelompok 5": {
        "service": "Surat Izin Praktik Bidan (SIPB)",
        "steps": [
            ("Mengajukan permohonan dan mengunggah STR dan rekomendasi IBI", "Pemohon", 30, 0, False),
            ("Memeriksa kelengkapan berkas", "Petugas loket", 15, 240, False),
            ("Mengirim nota permintaan rekomendasi teknis", "Petugas back office", 10, 480, True),
            ("Memeriksa tempat praktik dan memberi rekomendasi", "Dinas Kesehatan", 120, 2880, True),
            ("Menerbitkan SIPB", "Kepala DPMPTSP", 10, 480, True),
            ("Menyerahkan SIPB", "Petugas loket", 5, 0, False),
        ],
        "standard": 2250,
        "on_time": 85,
        "cost": "Gratis",
        "first_visit": 75,
        "hours": "Senin–Jumat 08.00–15.00",
        "monthly": [("SIP Bidan", 14, 11, 2160, 1), ("SIP Perawat", 22, 19, 1980, 0)],
        "complaint_channels": "Loket pengaduan DPMPTSP Kabupaten Tanjung Harapan\nWhatsApp: 0813-9000-7788\nSP4N-LAPOR!",
    },
    "Kelompok 6": {
        "service": "Surat Keterangan Usaha (SKU)",
        "steps": [
            ("Menyerahkan surat pengantar desa dan KTP", "Pemohon", 3, 15, False),
            ("Memeriksa berkas dan mengetik SKU", "Petugas PATEN", 10, 0, False),
            ("Memberi paraf", "Kasi Pelayanan Umum", 2, 60, True),
            ("Menandatangani SKU", "Camat", 2, 120, True),
            ("Memberi nomor, cap, dan menyerahkan", "Petugas PATEN", 3, 0, False),
        ],
        "standard": 30,
        "on_time": 90,
        "cost": "Gratis",
        "first_visit": 90,
        "hours": "Senin–Kamis 08.00–15.00, Jumat 08.00–11.00",
        "monthly": [("Surat Keterangan Usaha", 212, 196, 34, 2)],
        "complaint_channels": "Kotak saran di ruang PATEN Kecamatan Sumber Rejeki\nWhatsApp kecamatan: 0857-1200-3344\nSP4N-LAPOR!",
    },
}

# Review state per team and worksheet key; anything not named stays a draft. (status, comments)
PLAN: dict[str, dict[str, tuple[str, dict[str, str]]]] = {
    "Kelompok 1": {
        k: ("accepted", {})
        for k in (
            "old_sop_review",
            "process_map",
            "sop_outline",
            "sla",
            "monthly_report",
            "scenario_card",
            "complaint_form",
            "handling_flow",
        )
    }
    | {"referral_flow": ("submitted", {}), "internal_memo": ("submitted", {})},
    "Kelompok 2": {
        "old_sop_review": ("accepted", {}),
        "process_map": (
            "returned",
            {
                "steps": "Langkah konsultasi TPA menunggu 5 hari kerja: tuliskan penyebabnya (jadwal sidang TPA hanya Selasa?).",
                "bottlenecks": "Usulan perbaikan belum menyebut siapa yang bertanggung jawab. Lengkapi.",
            },
        ),
        "sop_outline": ("submitted", {}),
        "sla": ("accepted", {}),
        "complaint_form": ("accepted", {}),
    },
    "Kelompok 3": {
        k: ("accepted", {})
        for k in (
            "old_sop_review",
            "process_map",
            "sop_outline",
            "sla",
            "monthly_report",
            "complaint_form",
            "handling_flow",
            "scenario_card",
            "referral_flow",
            "internal_memo",
            "dashboard",
        )
    },
    "Kelompok 4": {
        "old_sop_review": ("accepted", {}),
        "process_map": ("accepted", {}),
        "sop_outline": (
            "returned",
            {
                "": "Draf sudah ringkas. Perbaiki dua hal di bawah lalu kirim lagi.",
                "complaint_channel": "Sebutkan saluran yang sama dengan Standar Pelayanan MPP (nomor WhatsApp resmi).",
                "steps": "Langkah 4 dan 5 dapat digabung karena tanda tangan elektronik langsung dari SIAK.",
            },
        ),
        "sla": ("submitted", {}),
        "complaint_form": ("draft", {}),
    },
    "Kelompok 5": {
        "old_sop_review": ("submitted", {}),
        "process_map": ("draft", {}),
        "sla": ("draft", {}),
        "complaint_form": ("draft", {}),
    },
    "Kelompok 6": {
        "old_sop_review": ("accepted", {}),
        "process_map": ("accepted", {}),
        "sop_outline": ("accepted", {}),
        "sla": ("accepted", {}),
        "complaint_form": (
            "returned",
            {"form_fields": "NIK tidak perlu diwajibkan pada formulir pengaduan; ubah menjadi tidak wajib."},
        ),
        "scenario_card": ("draft", {}),
    },
}

CHECKLIST_RATINGS = [
    {
        "title": 3,
        "purpose": 2,
        "scope": 1,
        "legal_basis": 3,
        "steps": 2,
        "actors": 2,
        "documents": 3,
        "service_time": 1,
        "cost": 3,
        "complaints": 1,
        "person_in_charge": 2,
        "plain_language": 1,
    },
    {
        "title": 3,
        "purpose": 3,
        "scope": 2,
        "legal_basis": 3,
        "steps": 2,
        "actors": 3,
        "documents": 2,
        "service_time": 2,
        "cost": 3,
        "complaints": 1,
        "person_in_charge": 1,
        "plain_language": 2,
    },
]
SIMPLIFY = [
    (
        "Persyaratan surat pengantar RT/RW",
        "Warga harus ke RT dan kelurahan dulu; data domisili sudah ada di NIK.",
        "simple",
    ),
    ("Fotokopi KK dan KTP rangkap dua", "Biaya dan waktu fotokopi; data dapat diperiksa dari SIAK.", "simple"),
    (
        "Tidak ada standar waktu penyelesaian",
        "Warga tidak tahu kapan harus kembali dan sering datang terlalu cepat.",
        "clear",
    ),
    ("Paraf berjenjang tiga pejabat", "Berkas menunggu satu hari di setiap meja.", "fast"),
    ("Istilah 'BAP' dan 'disposisi' tanpa penjelasan", "Petugas baru dan warga tidak memahami langkahnya.", "clear"),
    (
        "Warga dengan berkas kurang disuruh pulang tanpa catatan",
        "Kembali lagi dengan kekurangan yang berbeda.",
        "friendly",
    ),
]
OBSERVATIONS = [
    (
        "officer",
        "Ibu Warsini memperbarui KK tanpa akta kematian",
        [4, 3, 3, 4, 2, 3, 3, 4],
        14,
        "Menyapa dengan ramah, menjelaskan bahwa akta kematian dapat diurus di loket yang sama.",
        "Daftar kekurangan hanya disampaikan lisan; perlu lembar kekurangan berkas tertulis.",
    ),
    (
        "observer",
        "Pelaku usaha tanpa surat domisili mengurus IUMK",
        [3, 4, 2, 3, 3, 4, 2, 3],
        9,
        "Petugas menawarkan pernyataan domisili usaha sebagai alternatif yang sah.",
        "Belum memberi kepastian kapan izin selesai; draf SOP perlu kalimat baku tentang waktu.",
    ),
    (
        "citizen",
        "Ayah mengurus akta kelahiran tanpa surat nikah",
        [4, 4, 4, 3, 4, 4, 3, 4],
        11,
        "Sebagai warga saya merasa didengar; petugas menjelaskan SPTJM dengan contoh.",
        "Petugas memakai istilah 'SPTJM' sebelum menjelaskan artinya.",
    ),
]
