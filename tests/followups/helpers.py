"""Shared setup for follow-up tests: the factory world with cohort A already over and its plan generated."""

from __future__ import annotations

import io
from datetime import timedelta

from diklat.common import time as clock
from diklat.extensions import db
from diklat.followups import plan_services
from diklat.followups import visit_services as visits
from diklat.followups.models import Attachment, FollowupItem, ItemKind, Rating
from tests.factories import World


def png_bytes(color: tuple[int, int, int] = (10, 120, 60)) -> bytes:
    """A real small PNG."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, format="PNG")
    return buffer.getvalue()


def past_world(factory, days_ago: int = 100, generate: bool = True) -> World:
    """``factory.world()`` with cohort A ended ``days_ago`` days ago and (optionally) its plan generated."""
    world = factory.world()
    cohort = world["a"]["cohort"]
    cohort.start_date = clock.today() - timedelta(days=days_ago)
    cohort.end_date = cohort.start_date + timedelta(days=2)
    db.session.commit()
    if generate:
        plan_services.generate(cohort, world["a"]["facilitator"], clock.today())
        db.session.commit()
    return world


def item_of(team_id: int | None, kind: ItemKind, cohort_id: int | None = None, sequence: int = 1) -> FollowupItem:
    """One generated item."""
    query = db.select(FollowupItem).where(FollowupItem.kind == kind, FollowupItem.sequence == sequence)
    query = (
        query.where(FollowupItem.team_id == team_id)
        if team_id
        else query.where(FollowupItem.team_id.is_(None), FollowupItem.cohort_id == cohort_id)
    )
    return db.session.scalar(query)


def logged_visit(world: World, app) -> tuple:
    """A visit log on team a1 with one observation, one action and a stored photo."""
    from diklat.followups import storage

    team = world["a"]["teams"][0]
    data = visits.VisitData(
        started_on=clock.today() - timedelta(days=60),
        ended_on=clock.today() - timedelta(days=59),
        place="Kantor",
        observations=[visits.ObservationData("Langkah 1", Rating.APPLIED)],
        actions=[visits.ActionData("Cetak daftar periksa", "Kasi", clock.today() - timedelta(days=5))],
    )
    log = visits.save_visit(team, world["a"]["mentor"], data)
    kept = storage.store(io.BytesIO(png_bytes()), app.config["UPLOAD_FOLDER"], app.config["UPLOAD_MAX_BYTES"])
    photo = Attachment(
        team_id=team.id,
        visit_id=log.id,
        original_name="foto.png",
        stored_name=kept.stored_name,
        kind=kept.kind,
        size=kept.size,
    )
    db.session.add(photo)
    db.session.commit()
    return log, photo
