"""Indonesian texts for the monitoring demo: mentors' review notes, respondents' suggestions, course feedback."""

# Per team: two quarters of (what the mentor saw, decisions, SOP revision (reference, reason) or None)
REVIEWS = {
    "Kelompok 1": [
        (
            "SOP IUMK sudah ditempel di loket 3 dan dipakai petugas. Pemeriksaan kelengkapan berkas di depan "
            "memangkas bolak-balik pemohon, tetapi verifikasi lokasi usaha masih menunggu jadwal Seksi Pengawasan.",
            "Verifikasi lokasi cukup dengan foto bertanda lokasi untuk usaha rumahan; uji coba satu bulan.",
            (
                "Versi 2 (Agustus)",
                "Langkah verifikasi lapangan diganti foto bertanda lokasi untuk usaha mikro di rumah "
                "tinggal; waktu layanan janji tetap 60 menit.",
            ),
        ),
        (
            "Rata-rata waktu layanan turun mendekati janji SLA. Aduan terbanyak kini soal antrean pagi, bukan berkas.",
            "Tambah satu petugas loket pukul 08.00–10.00; informasi persyaratan diunggah ke Instagram dinas.",
            None,
        ),
    ],
    "Kelompok 2": [
        (
            "Alur PBG masih bergantung pada rekomendasi teknis Dinas PUPR. SOP dipakai, tetapi petugas belum "
            "mencatat waktu per langkah sehingga hambatan sulit dilihat.",
            "Buat lembar kendali berkas yang mencatat jam masuk dan keluar setiap langkah.",
            None,
        ),
        (
            "Lembar kendali menunjukkan rekomendasi teknis memakan separuh waktu layanan. Rapat koordinasi dengan PUPR "
            "menyepakati batas 5 hari kerja.",
            "Masukkan batas 5 hari kerja rekomendasi teknis ke SOP dan nota kesepahaman.",
            ("Versi 2 (Oktober)", "Batas waktu rekomendasi teknis PUPR 5 hari kerja dan jalur rujukan dicantumkan."),
        ),
    ],
    "Kelompok 3": [
        (
            "Petugas konsisten memakai daftar periksa akta kelahiran. Pemohon dengan surat keterangan lahir dari bidan "
            "desa sering kurang cap puskesmas.",
            "Sosialisasi ke bidan desa melalui puskesmas; contoh berkas lengkap dipasang di ruang tunggu.",
            None,
        ),
        (
            "Penyelesaian pada kunjungan pertama naik jelas. Antrean masih panjang pada hari Senin.",
            "Buka layanan daring untuk berkas lengkap; hari Senin loket tambahan dibuka.",
            None,
        ),
    ],
    "Kelompok 4": [
        (
            "Di MPP, SOP perubahan KK dipakai di dua loket, tetapi loket Disdukcapil di kecamatan belum memakainya.",
            "Salinan SOP dan pelatihan singkat untuk petugas kecamatan oleh peserta diklat.",
            None,
        ),
        (
            "Keluhan turun; sebagian besar aduan yang tersisa tentang gangguan jaringan SIAK.",
            "Catat gangguan jaringan terpisah agar tidak tercampur dengan waktu layanan; laporkan ke Dukcapil provinsi.",
            (
                "Versi 2 (September)",
                "Ditambah langkah penanganan saat SIAK tidak tersambung: tanda terima dan janji "
                "selesai hari berikutnya.",
            ),
        ),
    ],
    "Kelompok 5": [
        (
            "Permohonan SIP bidan sedikit tetapi lama karena menunggu rekomendasi organisasi profesi.",
            "Minta IBI cabang memberi rekomendasi daring; tambahkan kontak IBI pada informasi persyaratan.",
            None,
        ),
        (
            "Rekomendasi daring berjalan; waktu layanan turun, namun data bulan Agustus terlambat dilaporkan.",
            "Penanggung jawab data ditetapkan; laporan bulanan paling lambat tanggal 5.",
            None,
        ),
    ],
    "Kelompok 6": [
        (
            "Camat mendukung SOP PATEN. Surat keterangan usaha kini ditandatangani Sekcam bila Camat dinas luar.",
            "Pelimpahan paraf dituangkan dalam keputusan Camat.",
            ("Versi 2 (Juli)", "Penandatangan pengganti (Sekretaris Kecamatan) saat Camat berhalangan."),
        ),
        (
            "Pemohon puas dengan kecepatan; beberapa mengeluhkan kurangnya kursi di ruang tunggu.",
            "Usulkan penambahan sarana ruang tunggu pada anggaran perubahan.",
            None,
        ),
    ],
}

SUGGESTIONS = [
    "Antrean pagi masih panjang, mohon tambah petugas loket.",
    "Petugas ramah dan jelas menjelaskan persyaratan.",
    "Informasi persyaratan sebaiknya juga ada di website.",
    "Ruang tunggu panas, mohon ditambah kipas angin.",
    "Prosesnya lebih cepat dari tahun lalu, terima kasih.",
    "Mohon ada pemberitahuan lewat WhatsApp jika berkas sudah selesai.",
    "Parkir sempit, sulit untuk kendaraan roda empat.",
]

FEEDBACK_LIKED = [
    "Praktik memetakan alur layanan dari sisi pemohon membuka mata kami.",
    "Simulasi loket sangat realistis dan langsung bisa diterapkan.",
    "Contoh SOP dua halaman membantu kami memangkas SOP lama.",
    "Cara menetapkan SLA yang realistis dengan data waktu layanan.",
    "Diskusi kelompok dengan rekan dari dinas lain.",
    "Latihan menyusun alur penanganan pengaduan tiga langkah.",
    "Format laporan bulanan yang sederhana dan langsung bisa dipakai di kantor.",
    "Fasilitator memberi contoh nyata dari layanan perizinan daerah lain.",
    "Umpan balik langsung atas draf SOP kelompok kami.",
]

FEEDBACK_IMPROVE = [
    "Waktu untuk modul koordinasi antar-dinas terlalu singkat.",
    "Contoh format dashboard Excel sebaiknya dibagikan sebelum diklat.",
    "Perlu lebih banyak contoh dari layanan kependudukan.",
    "Jadwal hari kedua terlalu padat.",
    "Materi rujukan antar-instansi perlu contoh nota dinas yang lengkap.",
    "Ruang simulasi loket terlalu sempit untuk empat kelompok sekaligus.",
    "Sebaiknya ada sesi tanya jawab dengan pengelola SP4N-LAPOR!.",
    "Bahan tayang dibagikan dalam bentuk cetak juga.",
]
