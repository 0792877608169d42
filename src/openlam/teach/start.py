"""Opening the application a skill starts in, and the reset options of its start."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from openlam.teach.skill import SkillStart


def open_env(start: SkillStart, *, headed: bool = False, max_steps: int = 60) -> Any:
    """A fresh environment for the skill's app (the caller closes it). A file:// start
    may read the folder its page is in."""
    if start.app == "writer":
        from openlam.envs.writer.env import WriterConfig, WriterEnv

        return WriterEnv(WriterConfig(max_steps=max_steps))
    from openlam.envs.web.env import WebEnv, WebEnvConfig

    settings = {"headless": not headed, "max_steps": max_steps}
    if start.miniwob is not None:
        from openlam.tasks.web.miniwob import web_env_config

        return WebEnv(web_env_config(**settings))
    roots = [file_root(start.url)] if start.url.startswith("file:") else []
    return WebEnv(WebEnvConfig(file_roots=roots, **settings))


def reset_options(start: SkillStart) -> dict[str, Any]:
    """The options `env.reset` takes to open the skill's start."""
    if start.app == "writer":
        return {"template": template_path(start.template)}
    if start.miniwob is not None:
        from openlam.tasks.web.miniwob import episode_options

        return episode_options(start.miniwob, start.seed or 0)
    return {"url": start.url}


def template_path(template: str | None) -> Path:
    """A Writer template by name (`openlam.tasks.writer.templates`) or a document path."""
    from openlam.tasks.writer import templates

    if template is None:
        return templates.default_template()
    if template in templates.templates():
        return templates.build(template)
    path = Path(template)
    if not path.is_file():
        names = ", ".join(templates.templates())
        raise FileNotFoundError(f"no template named {template!r} ({names}) and no such file")
    return path


def place(start: SkillStart) -> str:
    """What the start is called in trajectories: the MiniWoB task, template or address."""
    return start.miniwob or start.template or start.url or "letter"


def file_root(url: str) -> Path:
    """The folder of a file:// page."""
    return Path(url2pathname(urlparse(url).path)).parent
