"""Per-model defaults: context size, GPU layers, system prompt, template override.

Stored in `config_dir()/model-defaults.json` as {"version": 1, "models": {name:
{...}}}, keyed by model name. A split model's parts share one key: both
"Big-00001-of-00003" and "Big" mean the model "Big", so callers may pass
`Path(path).stem` of any part. As in desktop/settings.py, a mistyped value
falls back to its default instead of stopping Maru.

Reads and writes are small blocking file operations; a lock keeps concurrent
read-modify-writes from threads of this process from losing each other's
changes (two Maru processes writing at once can still race: last one wins).
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop import paths
from desktop.backends.atomic_json import write_json_atomic
from desktop.core.hub_models import split_part

PREFS_VERSION = 1
_lock = threading.Lock()


@dataclass(frozen=True)
class ModelDefaults:
    """One model's own defaults; None / "" mean "use Maru's settings"."""

    n_ctx: int | None = None  # context size in tokens
    n_gpu_layers: int | None = None  # -1 all, 0 CPU only, None as many as fit
    system_prompt: str = ""  # for new chats with this model
    chat_template: str | None = None  # Jinja, replaces the one stored in the file


def prefs_path() -> Path:
    """The per-model defaults file."""
    return paths.config_dir() / "model-defaults.json"


def model_key(name: str) -> str:
    """The key a model's defaults are stored under: the name without .gguf and
    without a split suffix ("Big-00001-of-00003" -> "Big")."""
    stem = name.removesuffix(".gguf").removesuffix(".GGUF")
    part = split_part(stem + ".gguf")
    return part.base if part else stem


def load_defaults(model_name: str) -> ModelDefaults:
    """This model's defaults; ModelDefaults() when none are stored or the file is bad."""
    raw = _read_all().get(model_key(model_name))
    return _validated(raw) if isinstance(raw, dict) else ModelDefaults()


def save_defaults(model_name: str, defaults: ModelDefaults) -> None:
    """Store this model's defaults (atomically); all-default values remove the entry."""
    with _lock:
        models = _read_all()
        if defaults == ModelDefaults():
            models.pop(model_key(model_name), None)
        else:
            models[model_key(model_name)] = asdict(defaults)
        _write_all(models)


def forget_defaults(model_name: str) -> None:
    """Drop this model's defaults (when the model is removed); no-op if it has none."""
    with _lock:
        models = _read_all()
        if models.pop(model_key(model_name), None) is not None:
            _write_all(models)


def _read_all() -> dict[str, object]:
    try:
        raw = json.loads(prefs_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    models = raw.get("models") if isinstance(raw, dict) else None
    return dict(models) if isinstance(models, dict) else {}


def _write_all(models: dict[str, object]) -> None:
    write_json_atomic(prefs_path(), {"version": PREFS_VERSION, "models": models})


def _validated(raw: dict) -> ModelDefaults:
    """Each field from `raw` if it has the right type and range, else its default."""
    n_ctx = raw.get("n_ctx")
    layers = raw.get("n_gpu_layers")
    prompt = raw.get("system_prompt")
    template = raw.get("chat_template")
    return ModelDefaults(
        n_ctx=n_ctx if _is_int(n_ctx) and n_ctx > 0 else None,
        n_gpu_layers=layers if _is_int(layers) and layers >= -1 else None,
        system_prompt=prompt if isinstance(prompt, str) else "",
        chat_template=template if isinstance(template, str) and template.strip() else None,
    )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # JSON true is not 1 layer
