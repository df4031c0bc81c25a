"""The exceptions of the exportctl package, one per error code of the C library."""


class ExportctlError(Exception):
    """Base class. `message` is the one line `exportctl` would print for the same problem:
    file (or "<shipment>"), JSON location and what is wrong, joined with colons. The parts it is
    rendered from are fields too ("" where the error has none): `source` (the file or stream),
    `pointer` (RFC 6901 JSON pointer of the offending value), `problem` (what is wrong) and
    `context` (the rule or group it is in)."""

    def __init__(self, message, source="", pointer="", problem="", context=""):
        super().__init__(message)
        self.message = message
        self.source = source
        self.pointer = pointer
        self.problem = problem or message
        self.context = context


class BadInput(ExportctlError):
    """A shipment, date, model or figure is malformed or unknown."""


class BadRules(ExportctlError):
    """The rule data does not load, or a store holds no rules."""


class IoError(ExportctlError):
    """A file, database or the library itself could not be read."""
