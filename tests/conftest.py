import shutil

import pytest

from openlam.envs.writer.env import WriterEnv
from openlam.tasks.writer.templates import build


def _require_stack() -> None:
    missing = [
        b for b in ("Xvfb", "openbox", "dbus-daemon", "soffice", "xdotool") if not shutil.which(b)
    ]
    if missing:
        pytest.fail(f"the Writer stack is not installed (missing {missing}); run make test")


@pytest.fixture(scope="session")
def letter(tmp_path_factory):
    return build("letter", tmp_path_factory.mktemp("templates"))


@pytest.fixture(scope="session")
def writer():
    """One real Writer shared by the tests of this session (reset by each test)."""
    _require_stack()
    env = WriterEnv()
    yield env
    env.close()
