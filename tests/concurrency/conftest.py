"""Concurrency tests use the curriculum world (real content synced, every module open)."""

from tests.curriculum.conftest import synced, world  # noqa: F401
