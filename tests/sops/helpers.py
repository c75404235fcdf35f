"""Plain SOP documents for tests."""

from __future__ import annotations

import random

from diklat.sops.document import SopDocument, Step

ACTORS = ["Pemohon", "Petugas Loket", "Verifikator", "Kepala Seksi", "Kepala Dinas"]


def good_document() -> SopDocument:
    """A complete, sound SOP with one decision that loops back."""
    steps = [
        Step(
            uid="a",
            kind="start",
            activity="Pemohon menyerahkan berkas.",
            actor="Pemohon",
            requirements="KTP",
            time_value=5,
            output="Berkas",
        ),
        Step(
            uid="b",
            kind="process",
            activity="Memeriksa kelengkapan berkas.",
            actor="Petugas Loket",
            requirements="Daftar periksa",
            time_value=10,
            output="Daftar periksa terisi",
        ),
        Step(
            uid="c", kind="decision", activity="Berkas lengkap?", actor="Petugas Loket", time_value=2, next="e", alt="d"
        ),
        Step(
            uid="d",
            kind="process",
            activity="Mengembalikan berkas.",
            actor="Petugas Loket",
            time_value=5,
            output="Catatan kekurangan",
            next="a",
        ),
        Step(
            uid="e",
            kind="process",
            activity="Memverifikasi dokumen.",
            actor="Verifikator",
            time_value=1,
            time_unit="hours",
            output="Berita acara",
        ),
        Step(
            uid="f", kind="process", activity="Menandatangani izin.", actor="Kepala Dinas", time_value=30, output="Izin"
        ),
        Step(
            uid="g",
            kind="end",
            activity="Menyerahkan izin.",
            actor="Petugas Loket",
            time_value=10,
            output="Izin diterima",
        ),
    ]
    return SopDocument(
        identity={"title": "Pelayanan IUMK", "approver_position": "Kepala Dinas", "approver_name": "Drs. Wahyu"},
        explanation={"purpose": "Pedoman pelayanan.", "scope": "Loket DPMPTSP.", "definitions": ""},
        standard={
            "complaint_channel": "WhatsApp 0812",
            "service_time_value": 1,
            "service_time_unit": "days",
            "cost": "Gratis",
        },
        actors=list(ACTORS),
        steps=steps,
    )


def random_document(seed: int, n_steps: int | None = None, n_actors: int | None = None) -> SopDocument:
    """A random but well-formed SOP: decisions branch forwards and backwards, actors vary."""
    rng = random.Random(seed)
    actors = ACTORS[: n_actors or rng.randint(1, 5)] + [f"Pejabat {i}" for i in range(max(0, (n_actors or 0) - 5))]
    n = n_steps or rng.randint(3, 24)
    steps = [
        Step(
            uid=f"s{i}",
            kind="process",
            activity="Kegiatan " + "panjang " * rng.randint(0, 12),
            actor=rng.choice(actors),
            time_value=rng.choice([5, 10, 30]),
            output="Hasil",
        )
        for i in range(n)
    ]
    steps[0].kind, steps[-1].kind = "start", "end"
    for i in range(1, n - 1):
        roll = rng.random()
        if roll < 0.25:
            steps[i].kind = "decision"
            steps[i].alt = steps[rng.randrange(n)].uid
            if rng.random() < 0.3:
                steps[i].next = steps[rng.randrange(n)].uid
        elif roll < 0.35:
            steps[i].next = steps[rng.randrange(n)].uid
    return SopDocument(actors=actors, steps=steps)
