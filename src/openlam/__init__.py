"""openlam: an open framework for Large Action Models."""

__version__ = "0.1.0"
