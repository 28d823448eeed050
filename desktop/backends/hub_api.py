"""Searching the Hugging Face Hub for GGUF repositories and listing their files.

Every function here blocks on the network: call them from a worker thread, never
from the GUI thread. They go through `huggingface_hub.HfApi` and raise only
`HubError`; `hub_errors()` is the one place where library, HTTP and OS errors
become a `HubErrorKind`, and `hub_download` uses it too.

The Hub's address is read from `HF_ENDPOINT` at every call (not when
huggingface_hub was imported), so a test's loopback Hub is honoured whatever the
import order. A token of None means anonymous: Maru sends only the token it
stores itself (`hub_token`), never the one the `hf` CLI or `HF_TOKEN` holds, so
what the user typed into Maru is what the Hub sees. TLS verification is left to
huggingface_hub's defaults (on).
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.core.errors import HubError, HubErrorKind
from desktop.core.hub_models import HubFile, HubRepo

# Must be set before huggingface_hub reads its constants (it is imported lazily below).
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
# huggingface_hub prints each retry ("Retrying in 2s [Retry 2/5]") on stderr: noise in the
# CLI's output and the app's terminal. When the retries run out, Maru says why once.
logging.getLogger("huggingface_hub").setLevel(logging.ERROR)

DEFAULT_ENDPOINT = "https://huggingface.co"
# Maru's sort names -> HfApi.list_models(sort=...) in huggingface_hub 2.x.
SORTS = {"downloads": "downloads", "likes": "likes", "recent": "last_modified"}
_EXPAND = ["downloads", "likes", "lastModified", "gated", "private", "tags"]
_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def endpoint() -> str:
    """The Hub to talk to: `HF_ENDPOINT` now, else huggingface.co."""
    return os.environ.get("HF_ENDPOINT", DEFAULT_ENDPOINT).rstrip("/") or DEFAULT_ENDPOINT


def search_models(query: str, *, sort: str = "downloads", limit: int = 30,
                  token: str | None = None) -> list[HubRepo]:
    """GGUF repositories whose id contains `query`, best first by `sort`.

    `sort` is "downloads", "likes" or "recent" (last modified). Blocks; worker thread.
    Raises HubError.
    """
    from huggingface_hub import HfApi

    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; expected one of {sorted(SORTS)}")
    api = HfApi(endpoint=endpoint())
    with hub_errors(f"search {query!r}"):
        infos = list(api.list_models(search=query or None, filter="gguf", sort=SORTS[sort],
                                     limit=limit, expand=_EXPAND, token=token or False))
    return [
        HubRepo(
            repo_id=info.id,
            downloads=info.downloads or 0,
            likes=info.likes or 0,
            last_modified=info.last_modified.isoformat() if info.last_modified else None,
            gated=bool(info.gated),
            private=bool(info.private),
        )
        for info in infos
    ]


def repo_files(repo_id: str, *, revision: str | None = None,
               token: str | None = None) -> tuple[str, list[HubFile]]:
    """(commit sha, files) of `repo_id` at `revision` (default branch when None).

    Sizes and sha256 come from the Hub's LFS metadata; downloads pin to the commit
    returned here. Blocks; worker thread. Raises HubError.
    """
    from huggingface_hub import HfApi

    api = HfApi(endpoint=endpoint())
    with hub_errors(repo_id):
        info = api.model_info(repo_id, revision=revision, files_metadata=True,
                              token=token or False)
        if not info.sha:
            raise HubError(HubErrorKind.SERVER, f"{repo_id}: the Hub sent no commit id")
        files = [
            HubFile(s.rfilename, s.lfs.size, s.lfs.sha256) if s.lfs
            else HubFile(s.rfilename, s.size or 0, None)
            for s in info.siblings or []
        ]
    return info.sha, files


@contextmanager
def hub_errors(context: str) -> Iterator[None]:
    """Turn any error of huggingface_hub, httpx2 or the OS raised inside into HubError."""
    import httpx2

    try:
        yield
    except HubError:
        raise
    except (httpx2.HTTPError, OSError, ValueError, KeyError) as exc:
        raise hub_error(exc, context) from exc


def hub_error(exc: BaseException, context: str = "") -> HubError:
    """The HubError that `exc` means, with `context` (a repo or file) in its detail."""
    kind = _kind_of(exc)
    first_line = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    return HubError(kind, f"{context}: {first_line}" if context else first_line)


def _kind_of(exc: BaseException) -> HubErrorKind:
    import httpx2
    from huggingface_hub import errors

    if isinstance(exc, HubError):
        return exc.kind
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    if isinstance(exc, errors.HfHubHTTPError) and status is not None:
        # By status, not by class: the Hub answers 401 for private repos (and for
        # unknown ones) when no token is sent, and huggingface_hub calls both
        # RepositoryNotFoundError; for the user, a token is what may help.
        return _kind_of_status(status)
    if isinstance(exc, errors.GatedRepoError):
        return HubErrorKind.AUTH_REQUIRED
    if isinstance(exc, errors.LocalEntryNotFoundError | errors.OfflineModeIsEnabled):
        return HubErrorKind.OFFLINE  # the Hub could not be reached and nothing is cached
    if isinstance(exc, errors.RepositoryNotFoundError | errors.RevisionNotFoundError
                  | errors.EntryNotFoundError | errors.HFValidationError):
        return HubErrorKind.NOT_FOUND
    if isinstance(exc, httpx2.TransportError):
        return HubErrorKind.OFFLINE  # connect, read, timeout, proxy, peer closed
    if isinstance(exc, OSError) and exc.errno in _NO_SPACE:
        return HubErrorKind.DISK_FULL
    return HubErrorKind.SERVER  # other HTTP errors, bad JSON, size mismatch, other OS errors


def _kind_of_status(status: int) -> HubErrorKind:
    if status == 401:
        return HubErrorKind.AUTH_REQUIRED
    if status == 403:
        return HubErrorKind.ACCESS_DENIED
    if status in (404, 410):
        return HubErrorKind.NOT_FOUND
    return HubErrorKind.SERVER
