"""Search's module-level caches, kept until the content changes: keyed on the content version every
process reads (changes.version), so they need no expiry, no receivers and no reset between tests."""

import threading

from changes.version import current_version


class VersionedCache:
    """Values per key, all dropped at once when the content version is not the one they were read at."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._values = {}

    def get(self, key, load, version=None):
        """The value of `key`, from `load()` when this version has none yet."""
        version = current_version() if version is None else version
        with self._lock:
            if self._version != version:
                self._version, self._values = version, {}
            elif key in self._values:
                return self._values[key]
        value = load()
        with self._lock:
            if self._version == version:
                self._values[key] = value
        return value
