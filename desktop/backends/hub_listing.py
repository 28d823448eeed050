"""A Hub repository as the models page and `maru models files` show it: its
loadable variants, and its architecture read from one file's header."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.backends import hub_api, hub_token
from desktop.backends.remote_gguf import hub_header
from desktop.core.errors import EngineError, HubError
from desktop.core.fit import ModelShape
from desktop.core.hub_models import ModelVariant, SplitPart, group_variants, split_part

_FIRST = SplitPart("", 1, 1)


@dataclass(frozen=True)
class RepoListing:
    """A repository's variants, and its shape when a header could be read."""

    repo_id: str
    revision: str
    variants: tuple[ModelVariant, ...]
    shape: ModelShape | None = None
    shape_error: str = ""  # a HubErrorKind or ErrorKind value when the header was unreadable


def list_repo(repo_id: str, token: str | None = None) -> RepoListing:
    """The file list, then the smallest variant's header: every quantization
    of a repository shares one architecture, so one header serves the fit of all.
    Blocks on the network; raises HubError when the listing itself fails."""
    token = token or hub_token.load_token()
    revision, files = hub_api.repo_files(repo_id, token=token)
    variants = tuple(group_variants(repo_id, revision, files))
    # The header lives in the first file (of a split model: part 1, even if a later part
    # is missing from the listing).
    readable = [v for v in variants if (split_part(v.filename) or _FIRST).index == 1]
    if not readable:
        return RepoListing(repo_id, revision, variants)
    first = readable[0].files[0]
    try:
        info = hub_header(repo_id, first.filename, revision, first.size, token=token)
    except (HubError, EngineError) as exc:  # the list stays useful without the fit
        return RepoListing(repo_id, revision, variants, None, exc.kind.value)
    return RepoListing(repo_id, revision, variants, ModelShape.from_metadata(info.metadata))
