"""Finding and loading libexportctl.so.1, and the signatures of its functions (exportctl.h).

The library is looked for, in order: at $EXPORTCTL_LIBRARY (a file path; when set, nowhere
else); next to this package's files; where `cmake --install` put it relative to this package
(recorded in _install.py at install time); and by the system's loader (ld.so.conf,
LD_LIBRARY_PATH).
"""
import ctypes
import os
import pathlib
import threading

from .errors import IoError

NAME = "libexportctl.so.1"
HERE = pathlib.Path(__file__).resolve().parent

# exportctl_status
OK, BAD_INPUT, BAD_RULES, IO, INVALID_ARGUMENT, NO_MEMORY, INTERNAL = range(7)
# Flags of the screening calls
TRACE = 1
INCLUDE_PROPOSED = 2


class Metrics(ctypes.Structure):
    _fields_ = [
        ("tpp", ctypes.c_double),
        ("performance_density", ctypes.c_double),
        ("die_area_mm2", ctypes.c_double),
        ("dense_tops", ctypes.c_double),
        ("bit_length", ctypes.c_double),
        ("interconnect_gbps", ctypes.c_double),
        ("memory_bandwidth_gbps", ctypes.c_double),
        ("memory_bandwidth_density", ctypes.c_double),
        ("datacenter", ctypes.c_int),
    ]


class BatchSummary(ctypes.Structure):
    _fields_ = [
        ("shipments", ctypes.c_uint64),
        ("errors", ctypes.c_uint64),
        ("verdicts", ctypes.c_uint64 * 4),
    ]


def installed_path(name):
    """A path recorded in _install.py at install time, relative to this package; None in a
    source tree."""
    try:
        from . import _install  # pylint: disable=import-outside-toplevel
    except ImportError:
        return None
    return (HERE / getattr(_install, name)).resolve()


def candidates():
    explicit = os.environ.get("EXPORTCTL_LIBRARY")
    if explicit:
        return [explicit]
    found = [str(HERE / NAME)]
    library_dir = installed_path("LIBRARY_DIR")
    if library_dir is not None:
        found.append(str(library_dir / NAME))
    return [path for path in found if os.path.exists(path)] + [NAME]


def declare(library):
    c = ctypes
    engine_p, error_p, buffer_p = c.c_void_p, c.c_void_p, c.POINTER(c.c_char)
    signatures = {
        "exportctl_version": (c.c_char_p, []),
        "exportctl_contract_version": (c.c_char_p, []),
        "exportctl_error_code": (c.c_int, [error_p]),
        "exportctl_error_message": (c.c_char_p, [error_p]),
        "exportctl_error_source": (c.c_char_p, [error_p]),
        "exportctl_error_pointer": (c.c_char_p, [error_p]),
        "exportctl_error_problem": (c.c_char_p, [error_p]),
        "exportctl_error_context": (c.c_char_p, [error_p]),
        "exportctl_error_free": (None, [error_p]),
        "exportctl_free": (None, [buffer_p]),
        "exportctl_engine_open_rules": (c.c_int, [c.c_char_p, c.POINTER(engine_p), c.POINTER(error_p)]),
        "exportctl_engine_open_store": (c.c_int, [c.c_char_p, c.POINTER(engine_p), c.POINTER(error_p)]),
        "exportctl_engine_free": (None, [engine_p]),
        "exportctl_engine_rules_digest": (c.c_char_p, [engine_p]),
        "exportctl_check": (c.c_int, [engine_p, c.c_char_p, c.c_size_t, c.c_char_p, c.c_uint,
                                      c.POINTER(buffer_p), c.POINTER(c.c_size_t), c.POINTER(c.c_int),
                                      c.POINTER(error_p)]),
        "exportctl_check_text": (c.c_int, [engine_p, c.c_char_p, c.c_size_t, c.c_char_p, c.c_uint,
                                           c.POINTER(buffer_p), c.POINTER(c.c_size_t), c.POINTER(c.c_int),
                                           c.POINTER(error_p)]),
        "exportctl_batch": (c.c_int, [engine_p, c.c_char_p, c.c_size_t, c.c_char_p, c.c_uint, c.c_uint,
                                      c.c_char_p, c.c_uint64, c.POINTER(buffer_p), c.POINTER(c.c_size_t),
                                      c.POINTER(BatchSummary), c.POINTER(error_p)]),
        "exportctl_metrics_init": (None, [c.POINTER(Metrics)]),
        "exportctl_classify": (c.c_int, [engine_p, c.c_char_p, c.POINTER(Metrics), c.c_char_p, c.c_char_p,
                                         c.POINTER(buffer_p), c.POINTER(c.c_size_t), c.POINTER(error_p)]),
    }
    for name, (result, arguments) in signatures.items():
        try:
            function = getattr(library, name)
        except AttributeError:
            raise IoError(f"{library._name}: has no function {name} (a library older than this package?)") from None
        function.restype = result
        function.argtypes = arguments
    return library


_loaded = None
_lock = threading.Lock()


def library():
    """The loaded C library (loaded on first use)."""
    global _loaded  # pylint: disable=global-statement
    with _lock:
        if _loaded is None:
            problems = []
            for path in candidates():
                try:
                    _loaded = declare(ctypes.CDLL(path))
                    break
                except OSError as error:
                    problems.append(f"{path}: {error}")
            else:
                raise IoError(f"cannot load {NAME} (set EXPORTCTL_LIBRARY to its path): " + "; ".join(problems))
        return _loaded
