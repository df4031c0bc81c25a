"""The exceptions of the exportctl package, one per error code of the C library."""


class ExportctlError(Exception):
    """Base class. `message` is the one line `exportctl` would print for the same problem:
    file (or "<shipment>"), JSON location and what is wrong, joined with colons."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class BadInput(ExportctlError):
    """A shipment, date, model or figure is malformed or unknown."""


class BadRules(ExportctlError):
    """The rule data does not load, or a store holds no rules."""


class IoError(ExportctlError):
    """A file, database or the library itself could not be read."""
