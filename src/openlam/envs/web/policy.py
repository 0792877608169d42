"""Where the browser may go: loopback, files under chosen folders, and listed hosts.

The policy is enforced in three places, each covering what the one before cannot see:
`WebEnv` refuses a disallowed `navigate` before the page moves; a route handler aborts every
request the page makes to a disallowed address (links, scripts, images, iframes, popups);
and Chromium's host resolver answers "not found" for every host outside the policy, which
also stops what Playwright's routing never sees: redirects, WebSockets, and the browser's
own background traffic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Schemes whose content comes from the page itself, never from the network.
LOCAL_SCHEMES = {"data", "blob"}
ABOUT_PAGES = {"about:blank", "about:srcdoc"}
_HOST = re.compile(r"^[a-z0-9.\-:]+$")


def normalize_host(host: str) -> str:
    """A host as urllib reports it: lower case, no IPv6 brackets, no trailing dot."""
    host = host.strip().lower().removeprefix("[").removesuffix("]").rstrip(".")
    if not _HOST.match(host):
        # The host resolver rules are a comma-separated list: a stray comma or space in a
        # host name would change their meaning.
        raise ValueError(f"not a host name or IP address: {host!r}")
    return host


@dataclass(frozen=True)
class NavigationPolicy:
    """The hosts and folders the browser may load from."""

    hosts: frozenset[str]
    file_roots: tuple[Path, ...]

    @classmethod
    def build(cls, allow: list[str], file_roots: list[Path]) -> NavigationPolicy:
        """Loopback plus the `allow` hosts; files under `file_roots` (symlinks resolved)."""
        hosts = frozenset([*LOOPBACK, *(normalize_host(h) for h in allow)])
        return cls(hosts, tuple(Path(root).resolve() for root in file_roots))

    def refusal(self, url: str) -> str | None:
        """Why `url` is not allowed, or None when it is."""
        try:
            parts = urlsplit(url)
            host = parts.hostname  # raises on a malformed IPv6 literal
        except ValueError as exc:
            return f"it is not a valid URL ({exc})"
        scheme = parts.scheme.lower()
        if scheme in {"http", "https", "ws", "wss"}:
            if host and host.rstrip(".") in self.hosts:
                return None
            return f"host {host or '(none)'} is neither loopback nor in the allow list"
        if scheme == "file":
            return self._file_refusal(Path(unquote(parts.path)))
        if scheme in LOCAL_SCHEMES or url in ABOUT_PAGES:
            return None
        return f"the {scheme or 'empty'} scheme is not allowed"

    def _file_refusal(self, path: Path) -> str | None:
        resolved = path.resolve()
        if any(resolved.is_relative_to(root) for root in self.file_roots):
            return None
        roots = ", ".join(map(str, self.file_roots)) or "none configured"
        return f"file {path} is outside the allowed folders ({roots})"

    def resolver_rules(self) -> str:
        """Chromium's --host-resolver-rules: every host but the allowed ones is not found."""
        return ", ".join(["MAP * ~NOTFOUND", *(f"EXCLUDE {h}" for h in sorted(self.hosts))])
