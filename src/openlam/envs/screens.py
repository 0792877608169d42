"""Screens: a picture of the application's window, taken between steps and kept as image files
beside the trajectory (never inside the JSON Lines).

An environment that can take one has `screenshot() -> bytes` (PNG): Writer grabs its own Xvfb
display, the web env asks the browser for the page. `ScreenRecorder` decides when to take one
(`ScreenMode`), writes the file and says its path relative to the trajectory's folder, which
is how step records and the trace viewer name it, so a folder of trajectories can be moved.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Literal, Protocol, get_args, runtime_checkable

ScreenMode = Literal["never", "ends", "each"]
SCREEN_MODES: tuple[str, ...] = get_args(ScreenMode)


@runtime_checkable
class TakesScreenshots(Protocol):
    """An environment that can picture its window as it is now."""

    def screenshot(self) -> bytes:
        """The window as a PNG image."""
        ...


@runtime_checkable
class PlacesControls(Protocol):
    """An environment that can say where its controls are in its screenshot."""

    def control_boxes(self, labels: list[str]) -> dict[str, tuple[int, int, int, int]]:
        """(x, y, width, height) in screenshot pixels, by label; unplaced ones left out."""
        ...


MARK_COLOUR = (220, 20, 60)


def draw_marks(png: bytes, boxes: dict[str, tuple[int, int, int, int]]) -> bytes:
    """Set-of-marks: each control's box outlined and its label written in a tag at its
    top-left corner, so that a model reading the picture answers with a label it was shown."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.open(io.BytesIO(png)).convert("RGB")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=12)
    for label, (x, y, width, height) in boxes.items():
        draw.rectangle((x, y, x + width - 1, y + height - 1), outline=MARK_COLOUR, width=2)
        top = max(0, y - 14)
        right = x + draw.textlength(label, font=font) + 4
        draw.rectangle((x, top, right, top + 14), fill=MARK_COLOUR)
        draw.text((x + 2, top + 1), label, fill="white", font=font)
    return png_bytes(image)


def marked_screen(env: object, labels: list[str]) -> str:
    """The window now with the given controls marked, as a `data:` URI for a chat turn."""
    if not isinstance(env, TakesScreenshots) or not isinstance(env, PlacesControls):
        raise ScreenError(f"{type(env).__name__} cannot show its screen with marked controls")
    return data_uri(draw_marks(env.screenshot(), env.control_boxes(labels)))


def data_uri(data: bytes, mime: str = "image/png") -> str:
    """An image as a `data:` URI, as chat endpoints and self-contained pages take it."""
    import base64

    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


class ScreenError(RuntimeError):
    """A picture was asked for where none can be taken."""


def png_bytes(image) -> bytes:
    """A PIL image as PNG, at the fastest compression (a 1280x1024 screen in ~40 ms)."""
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def thumbnail_uri(path: Path, max_width: int = 800) -> str:
    """A screen file as a `data:` URI of a smaller WebP, for a page that must stay
    self-contained when its folder is moved (a 1280x1024 window becomes ~30 KB)."""
    from PIL import Image

    with Image.open(path) as image:
        image = image.convert("RGB")
        if image.width > max_width:
            image = image.resize((max_width, round(image.height * max_width / image.width)))
        out = io.BytesIO()
        image.save(out, "WEBP", quality=70)
    return data_uri(out.getvalue(), "image/webp")


def screens_folder(trajectory: Path) -> Path:
    """Where a trajectory's screens go: `<name>.screens/` beside `<name>.jsonl`."""
    return trajectory.with_name(trajectory.stem + ".screens")


class ScreenRecorder:
    """Takes the screens one run keeps: before every step (`each`) or before the first step
    only (`ends`), and after the last step in both modes."""

    def __init__(self, env: object, mode: ScreenMode, trajectory: Path | None):
        if mode != "never":
            if trajectory is None:
                raise ScreenError("screens are files beside the trajectory: give it a path")
            if not isinstance(env, TakesScreenshots):
                raise ScreenError(f"{type(env).__name__} cannot take screenshots")
        self.env, self.mode = env, mode
        self.folder = screens_folder(trajectory) if trajectory is not None else None

    def before_step(self, index: int) -> tuple[str | None, float]:
        """The screen the step at `index` acts on, when this mode keeps it: its path relative
        to the trajectory's folder and the seconds it took (None and 0 otherwise)."""
        if self.mode == "each" or (self.mode == "ends" and index == 0):
            return self._take(f"step{index:03d}.png")
        return None, 0.0

    def final(self) -> tuple[str | None, float]:
        """The screen after the last step (None with mode never)."""
        if self.mode == "never":
            return None, 0.0
        return self._take("final.png")

    def _take(self, name: str) -> tuple[str, float]:
        start = time.perf_counter()
        data = self.env.screenshot()
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(data)
        return f"{self.folder.name}/{name}", time.perf_counter() - start
