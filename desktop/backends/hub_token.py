"""The Hugging Face token Maru sends for gated and private repositories.

Stored in Maru's config folder (`paths.config_dir() / "hub-token"`), readable by
the owner only (0600), not in the system keyring: a keyring needs a dependency
and a running secret service (absent on headless and many minimal Linux desktops,
where it fails or prompts), while a 0600 file works everywhere Maru runs and is
what the `hf` CLI itself does with ~/.cache/huggingface/token. The file holds the
token alone, on one line. Writes are atomic (temporary file + os.replace), so a
crash never leaves half a token. Small blocking file I/O: any thread.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from desktop import paths

TOKEN_FILE = "hub-token"
_MODE = 0o600


def token_path() -> Path:
    """Where the token is kept."""
    return paths.config_dir() / TOKEN_FILE


def load_token() -> str | None:
    """The saved token, or None when there is none (or it cannot be read)."""
    path = token_path()
    try:
        _restrict(path)  # an older or copied file may be group/world readable
        token = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return token or None


def save_token(token: str) -> None:
    """Save `token` (surrounding whitespace removed), replacing any saved one."""
    token = token.strip()
    if not token or any(c.isspace() for c in token):
        raise ValueError("a Hub token is one word without spaces")
    path = token_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{TOKEN_FILE}.{os.getpid()}.tmp")
    # O_EXCL + 0600 at creation: the token is never readable by others, not even briefly.
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(token + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def clear_token() -> None:
    """Forget the saved token (nothing happens when there is none)."""
    with contextlib.suppress(FileNotFoundError):
        token_path().unlink()


def _restrict(path: Path) -> None:
    # Windows ignores these bits: there the file lives in the user's own profile.
    if path.exists() and path.stat().st_mode & 0o077:
        os.chmod(path, _MODE)
