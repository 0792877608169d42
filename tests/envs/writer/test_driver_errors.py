"""Which driver failures mean the application is not answering (the episode ends, the stack
restarts) and which are defects."""

from gi.repository import GLib

from openlam.envs.writer.driver import _dead


def test_an_accessibility_bus_timeout_means_the_application_is_not_answering():
    assert _dead(GLib.GError("atspi_error: timeout from dbind (1)"))
    assert not _dead(GLib.GError("atspi_error: something else"))
    assert not _dead(KeyError("label"))


def test_importing_the_driver_leaves_optional_module_probes_working():
    import pytest

    import openlam.envs.writer.document  # noqa: F401

    with pytest.raises(ModuleNotFoundError):
        __import__("openlam_no_such_module", globals(), locals(), ["thing"])
