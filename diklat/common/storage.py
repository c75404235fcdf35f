"""Where stored files live: a local folder (embedded default) or S3-compatible object storage.

One small interface, chosen by ``STORAGE_URL`` (``DIKLAT_STORAGE_URL=s3://bucket/prefix`` plus
``STORAGE_ENDPOINT_URL``, ``STORAGE_ACCESS_KEY``, ``STORAGE_SECRET_KEY``, ``STORAGE_REGION``); without it files
go under ``UPLOAD_FOLDER``. Keys are ``<area>/<generated name>``: never taken from a request.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Protocol
from urllib.parse import urlsplit

from flask import current_app

CHUNK = 64 * 1024


class Storage(Protocol):
    """What every backend offers."""

    def put(self, key: str, source: Path) -> None:
        """Store the file at ``source`` under ``key`` (replacing any previous one)."""

    def open(self, key: str) -> BinaryIO:
        """A readable stream of the stored file; FileNotFoundError when missing."""

    def exists(self, key: str) -> bool:
        """Whether ``key`` is stored."""

    def delete(self, key: str) -> None:
        """Remove ``key`` (no error when missing)."""

    def list_keys(self) -> Iterator[str]:
        """Every stored key."""

    def checksum(self, key: str) -> str:
        """SHA-256 of the stored bytes."""

    def ping(self) -> None:
        """Raise when the storage cannot be reached."""


def safe_key(key: str) -> str:
    """Reject keys that could leave the storage root."""
    parts = PurePosixPath(key).parts
    if not parts or any(p in ("..", "/", "") for p in parts) or key.startswith("/"):
        raise ValueError(f"unsafe storage key {key!r}")
    return "/".join(parts)


def sha256_of(stream: BinaryIO) -> str:
    """SHA-256 of a stream, read in chunks."""
    digest = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


class LocalStorage:
    """Files in a folder on this machine."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, key: str) -> Path:
        """The file behind ``key``."""
        return self.root / safe_key(key)

    def put(self, key: str, source: Path) -> None:
        """Copy ``source`` in atomically (a reader never sees half a file)."""
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".put-", dir=target.parent)
        with os.fdopen(handle, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(CHUNK):
                out.write(chunk)
        os.replace(temp, target)

    def open(self, key: str) -> BinaryIO:
        """Open for reading."""
        return open(self.path(key), "rb")

    def exists(self, key: str) -> bool:
        """Whether the file is there."""
        return self.path(key).is_file()

    def delete(self, key: str) -> None:
        """Remove the file."""
        self.path(key).unlink(missing_ok=True)

    def list_keys(self) -> Iterator[str]:
        """Every file under the root, hidden temp files excepted."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*")):
            relative = path.relative_to(self.root)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                yield relative.as_posix()

    def checksum(self, key: str) -> str:
        """SHA-256 of the file."""
        with self.open(key) as fh:
            return sha256_of(fh)

    def ping(self) -> None:
        """The folder must exist and be writable."""
        self.root.mkdir(parents=True, exist_ok=True)
        if not os.access(self.root, os.W_OK):
            raise PermissionError(f"{self.root} is not writable")


class S3Storage:
    """Objects in an S3-compatible bucket, under a key prefix."""

    def __init__(self, bucket: str, prefix: str, client: Any) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.client = client

    def _key(self, key: str) -> str:
        key = safe_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, source: Path) -> None:
        """Upload with the SHA-256 kept as metadata (checked by ``flask storage migrate``)."""
        with open(source, "rb") as fh:
            digest = sha256_of(fh)
        self.client.upload_file(str(source), self.bucket, self._key(key), ExtraArgs={"Metadata": {"sha256": digest}})

    def open(self, key: str) -> BinaryIO:
        """Stream the object's body."""
        try:
            return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"]
        except self.client.exceptions.NoSuchKey as exc:
            raise FileNotFoundError(key) from exc

    def exists(self, key: str) -> bool:
        """HEAD the object."""
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def delete(self, key: str) -> None:
        """Delete the object."""
        self.client.delete_object(Bucket=self.bucket, Key=self._key(key))

    def list_keys(self) -> Iterator[str]:
        """Every key under the prefix."""
        start = f"{self.prefix}/" if self.prefix else ""
        for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=start):
            for item in page.get("Contents", []):
                yield item["Key"][len(start) :]

    def checksum(self, key: str) -> str:
        """SHA-256 computed from the bytes actually stored (not trusted from metadata)."""
        body = self.open(key)
        try:
            return sha256_of(body)
        finally:
            body.close()

    def presigned_url(self, key: str, filename: str, mimetype: str, seconds: int = 60) -> str:
        """A short-lived download link (only handed out after the permission check)."""
        return self.client.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": self._key(key),
                "ResponseContentType": mimetype,
                "ResponseContentDisposition": f'attachment; filename="{filename}"',
            },
            ExpiresIn=seconds,
        )

    def ping(self) -> None:
        """HEAD the bucket."""
        self.client.head_bucket(Bucket=self.bucket)


def s3_client(config: dict) -> Any:
    """A boto3 client from the app's storage settings."""
    import boto3
    from botocore.config import Config as BotoConfig

    return boto3.client(
        "s3",
        endpoint_url=config.get("STORAGE_ENDPOINT_URL") or None,
        aws_access_key_id=config.get("STORAGE_ACCESS_KEY") or None,
        aws_secret_access_key=config.get("STORAGE_SECRET_KEY") or None,
        region_name=config.get("STORAGE_REGION") or "us-east-1",
        config=BotoConfig(retries={"max_attempts": 3, "mode": "standard"}, connect_timeout=5, read_timeout=30),
    )


def build_storage(config: dict) -> Storage:
    """The backend the configuration names."""
    url = config.get("STORAGE_URL") or ""
    if not url:
        return LocalStorage(config["UPLOAD_FOLDER"])
    parts = urlsplit(url)
    if parts.scheme == "s3" and parts.netloc:
        return S3Storage(parts.netloc, parts.path, s3_client(config))
    if parts.scheme == "file":
        return LocalStorage(parts.path)
    raise ValueError(f"STORAGE_URL must be s3://bucket/prefix or file:///folder, not {url!r}")


def is_shared(config: dict) -> bool:
    """Whether several servers see the same files."""
    return (config.get("STORAGE_URL") or "").startswith("s3://")


def get_storage() -> Storage:
    """The app's storage (built once per app)."""
    storage = current_app.extensions.get("diklat_storage")
    if storage is None:
        storage = current_app.extensions["diklat_storage"] = build_storage(current_app.config)
    return storage


def backend_for(upload_root: str) -> Storage:
    """The configured backend; with no object storage configured, the folder the caller names."""
    if current_app.config.get("STORAGE_URL"):
        return get_storage()
    return LocalStorage(upload_root)


def send_stored(storage: Storage, key: str, mimetype: str, download_name: str, inline: bool) -> Any:
    """Answer with a stored file after the caller's permission check (404 when it is gone).

    Served through the app by default; with ``STORAGE_PRESIGNED_DOWNLOADS`` an S3 backend answers with a
    redirect to a link valid for one minute instead, so big files skip the app server.
    """
    from flask import abort, redirect, send_file

    if current_app.config.get("STORAGE_PRESIGNED_DOWNLOADS") and isinstance(storage, S3Storage) and not inline:
        if not storage.exists(key):
            abort(404)
        response = redirect(storage.presigned_url(key, download_name, mimetype))
    else:
        try:
            stream = storage.open(key)
        except FileNotFoundError:
            abort(404)
        response = send_file(
            stream, mimetype=mimetype, as_attachment=not inline, download_name=download_name, max_age=0
        )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
