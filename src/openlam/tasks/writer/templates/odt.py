"""Converting a template's .docx to .odt with a headless soffice of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 180


def convert_to_odt(docx_path: Path, out: Path) -> None:
    """Write `out` (an .odt) from `docx_path`, atomically. soffice runs with a private,
    temporary profile, so it never hands the job to (or clashes with) a running Writer."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError(
            f"making {out.name} needs soffice (LibreOffice), which is not on the PATH; "
            "install it with scripts/install.sh"
        )
    with tempfile.TemporaryDirectory(prefix="openlam-odt-") as tmp:
        outdir = Path(tmp) / "out"
        command = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--convert-to",
            "odt",
            "--outdir",
            str(outdir),
            str(docx_path),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(
                f"soffice did not convert {docx_path} to .odt within {TIMEOUT_S} s"
            ) from exc
        made = outdir / f"{docx_path.stem}.odt"
        if done.returncode != 0 or not made.is_file():
            said = (done.stderr or done.stdout).strip()
            raise RuntimeError(
                f"soffice could not convert {docx_path} to .odt "
                f"(exit status {done.returncode}): {said or 'no output'}"
            )
        # Copied next to `out` first: the temporary folder may be on another file system.
        tmp_out = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        shutil.copyfile(made, tmp_out)
        tmp_out.replace(out)
