"""Stored files in a local folder or S3-compatible storage (moto server on loopback), one interface."""

from __future__ import annotations

import hashlib
import io

import pytest
from sqlalchemy import select

from diklat.common.storage import LocalStorage, S3Storage, build_storage, s3_client, safe_key
from diklat.extensions import db
from diklat.followups import storage as followup_storage
from diklat.followups.models import Attachment
from tests.followups.helpers import logged_visit, png_bytes

BASE = "/cohorts/{c}/followup/teams/{t}"


def _backends(tmp_path, s3_settings) -> list:
    parts = s3_settings["STORAGE_URL"][len("s3://") :].split("/", 1)
    return [LocalStorage(tmp_path / "files"), S3Storage(parts[0], parts[1], s3_client(s3_settings))]


def test_both_backends_keep_read_list_and_delete(tmp_path, s3_settings):
    source = tmp_path / "photo.png"
    source.write_bytes(png_bytes())
    expected = hashlib.sha256(source.read_bytes()).hexdigest()
    for backend in _backends(tmp_path, s3_settings):
        backend.ping()
        assert not backend.exists("followups/a.png")
        backend.put("followups/a.png", source)
        assert backend.exists("followups/a.png")
        with backend.open("followups/a.png") as fh:
            assert fh.read() == source.read_bytes()
        assert backend.checksum("followups/a.png") == expected
        assert list(backend.list_keys()) == ["followups/a.png"]
        backend.delete("followups/a.png")
        assert not backend.exists("followups/a.png")
        with pytest.raises(FileNotFoundError):
            backend.open("followups/a.png")


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs", "a/../../b", ""])
def test_keys_cannot_leave_the_root(key):
    with pytest.raises(ValueError):
        safe_key(key)


def test_unknown_storage_url_is_refused():
    with pytest.raises(ValueError, match="STORAGE_URL"):
        build_storage({"STORAGE_URL": "ftp://x", "UPLOAD_FOLDER": "/tmp"})


def test_upload_goes_to_the_bucket_and_downloads_with_permission_checks(make_app, s3_settings, factory):
    from tests.conftest import Client
    from tests.followups.helpers import past_world

    app = make_app(**s3_settings)
    with app.app_context():
        world = past_world(factory)
        log, _photo = logged_visit(world, app)
        team, other = world["a"]["teams"]
        client = Client(app.test_client())
        client.login(world["a"]["mentor"].email)
        url = BASE.format(c=team.cohort_id, t=team.id) + f"/visits/{log.id}/attachments"
        client.get(BASE.format(c=team.cohort_id, t=team.id) + f"/visits/{log.id}")
        data = {"file": (io.BytesIO(png_bytes((200, 10, 10))), "kantor.png"), "caption": "Papan SOP"}
        assert client.post(url, data, content_type="multipart/form-data").status_code == 302
        added = db.session.scalar(select(Attachment).where(Attachment.caption == "Papan SOP"))
        key = followup_storage.key_of(added.stored_name)
        backend = build_storage(app.config)
        assert backend.exists(key)
        assert not (followup_storage.folder(app.config["UPLOAD_FOLDER"]) / added.stored_name).exists()

        file_url = BASE.format(c=team.cohort_id, t=team.id) + f"/attachments/{added.id}"
        got = client.get(file_url)
        assert got.status_code == 200 and got.data == png_bytes((200, 10, 10))
        assert "no-store" in got.headers["Cache-Control"]  # personal data: never cached
        # Another team's participant, and the same file through another team's address: refused.
        outsider = Client(app.test_client())
        outsider.login("p-a21@example.go.id")  # a participant of the other team
        assert outsider.get(file_url).status_code in (403, 404)
        assert client.get(BASE.format(c=team.cohort_id, t=other.id) + f"/attachments/{added.id}").status_code == 404

        # The file is removed from the bucket with its row.
        client.post(file_url + "/delete")
        assert not backend.exists(key)


def test_presigned_download_after_the_check(make_app, s3_settings, factory):
    import urllib.request

    from tests.conftest import Client
    from tests.followups.helpers import past_world

    app = make_app(**s3_settings, STORAGE_PRESIGNED_DOWNLOADS=True)
    with app.app_context():
        world = past_world(factory)
        _log, photo = logged_visit(world, app)
        team = world["a"]["teams"][0]
        client = Client(app.test_client())
        client.login(world["a"]["mentor"].email)
        answer = client.get(BASE.format(c=team.cohort_id, t=team.id) + f"/attachments/{photo.id}")
        assert answer.status_code == 302
        with urllib.request.urlopen(answer.headers["Location"], timeout=10) as remote:
            assert remote.read() == png_bytes()


def test_storage_migrate_copies_and_verifies(make_app, s3_settings, tmp_path):
    local = LocalStorage(tmp_path / "old")
    for index in range(3):
        source = tmp_path / f"f{index}.png"
        source.write_bytes(png_bytes((index, 0, 0)))
        local.put(f"followups/f{index}.png", source)
    app = make_app(**s3_settings)
    runner = app.test_cli_runner()
    with app.app_context():  # the CLI uses the app whose context is current
        first = runner.invoke(args=["storage", "migrate", "--source", str(tmp_path / "old")])
        assert first.exit_code == 0, first.output
        assert "3 copied, 0 already there, 0 failed" in first.output
        bucket = build_storage(app.config)
        assert sorted(bucket.list_keys()) == [f"followups/f{i}.png" for i in range(3)]
        assert all(bucket.checksum(k) == local.checksum(k) for k in local.list_keys())
        again = runner.invoke(args=["storage", "migrate", "--source", str(tmp_path / "old")])
        assert "0 copied, 3 already there" in again.output


def test_storage_migrate_reports_a_checksum_mismatch(tmp_path):
    from diklat.common.cli import copy_all

    class Corrupting(LocalStorage):
        def put(self, key, source):
            super().put(key, source)
            self.path(key).write_bytes(b"broken")

    source = LocalStorage(tmp_path / "a")
    (tmp_path / "x.png").write_bytes(png_bytes())
    source.put("followups/x.png", tmp_path / "x.png")
    assert copy_all(source, Corrupting(tmp_path / "b")) == (0, 0, ["followups/x.png"])


def test_path_of_fetches_a_local_copy_for_tools(make_app, s3_settings):
    app = make_app(**s3_settings)
    with app.app_context():
        root = app.config["UPLOAD_FOLDER"]
        kept = followup_storage.store(io.BytesIO(png_bytes()), root, app.config["UPLOAD_MAX_BYTES"])
        path = followup_storage.path_of(root, kept.stored_name)
        assert path.read_bytes() == png_bytes()
        assert followup_storage.read_bytes(root, kept.stored_name) == png_bytes()
        followup_storage.remove(root, [kept.stored_name])
        assert followup_storage.read_bytes(root, kept.stored_name) is None
