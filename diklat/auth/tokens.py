"""Sign-in tokens and slip codes: generation, normalisation and hashing (pure, no Flask)."""

from __future__ import annotations

import hashlib
import secrets

# No look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B): the code is read off paper and typed by hand.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8


def new_token() -> str:
    """A random URL-safe token for a sign-in or reset link."""
    return secrets.token_urlsafe(32)


def new_code() -> str:
    """A short sign-in code for a printed slip, e.g. ``K7QM-3XPA``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    """Upper case without spaces or dashes, as the code is stored."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def digest(secret: str) -> str:
    """sha256 hex digest: what the database stores instead of the token or code."""
    return hashlib.sha256(secret.encode()).hexdigest()


def code_digest(code: str) -> str:
    """Digest of a code after normalisation, so ``k7qm 3xpa`` matches ``K7QM-3XPA``."""
    return digest("code:" + normalise_code(code))
