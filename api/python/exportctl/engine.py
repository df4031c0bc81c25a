"""Engine: one loaded rule set, screening shipments in process through the C library."""
import ctypes
import datetime
import json
import os

from . import _library
from ._library import BAD_INPUT, BAD_RULES, INCLUDE_PROPOSED, IO, NO_MEMORY, OK, TRACE
from .errors import BadInput, BadRules, ExportctlError, IoError

_ERRORS = {BAD_INPUT: BadInput, BAD_RULES: BadRules, IO: IoError}
VERDICTS = ("cleared", "action_required", "prohibited", "indeterminate")


def _raise(lib, status, error):
    """Turns a failed call's error object into the matching exception (and frees it)."""
    def part(getter):
        return getter(error).decode("utf-8", "replace") if error else ""
    message = part(lib.exportctl_error_message) or "unknown error"
    fields = {"source": part(lib.exportctl_error_source), "pointer": part(lib.exportctl_error_pointer),
              "problem": part(lib.exportctl_error_problem), "context": part(lib.exportctl_error_context)}
    lib.exportctl_error_free(error)
    if status == NO_MEMORY:
        raise MemoryError(message)
    raise _ERRORS.get(status, ExportctlError)(message, **fields)


def _take(lib, buffer, length):
    """Copies a returned buffer into a str and frees it."""
    try:
        return ctypes.string_at(buffer, length.value).decode("utf-8")
    finally:
        lib.exportctl_free(buffer)


def _date(value, name):
    """A date argument as the C library takes it: None, "YYYY-MM-DD" or a datetime.date."""
    if value is None:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat().encode()
    if isinstance(value, str):
        return value.encode("utf-8")
    raise TypeError(f"{name} is a date, \"YYYY-MM-DD\" or datetime.date, not {type(value).__name__}")


def _document(shipment):
    """A shipment as the bytes of one JSON document: a dict is serialised, str and bytes are
    passed as they are (so that the engine's strict parser sees exactly what was sent)."""
    if isinstance(shipment, dict):
        return json.dumps(shipment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if isinstance(shipment, str):
        return shipment.encode("utf-8")
    if isinstance(shipment, (bytes, bytearray)):
        return bytes(shipment)
    raise TypeError(f"a shipment is a dict, or its JSON as str or bytes, not {type(shipment).__name__}")


def _flags(trace=False, include_proposed=False):
    return (TRACE if trace else 0) | (INCLUDE_PROPOSED if include_proposed else 0)


class Engine:
    """A loaded, validated rule set. Load it once and keep it: loading takes milliseconds, a
    check microseconds.

        engine = Engine(rules="rules")          # a rule directory
        engine = Engine(store="audit.db")       # the rules last imported into a SQLite store
        engine = Engine()                       # $EXPORTCTL_RULES, else the installed rules

    Every method may be called from several threads at once (the C library releases the GIL
    while it screens); close() must not run while another call is in progress.
    """

    def __init__(self, rules=None, *, store=None):
        self._lib = _library.library()
        self._engine = None
        if rules is not None and store is not None:
            raise TypeError("give rules or store, not both")
        handle = ctypes.c_void_p()
        error = ctypes.c_void_p()
        if store is not None:
            status = self._lib.exportctl_engine_open_store(os.fsencode(store), ctypes.byref(handle), ctypes.byref(error))
        else:
            directory = rules if rules is not None else _default_rules()
            status = self._lib.exportctl_engine_open_rules(os.fsencode(directory), ctypes.byref(handle),
                                                           ctypes.byref(error))
        if status != OK:
            _raise(self._lib, status, error)
        self._engine = handle

    # ---- screening --------------------------------------------------------------------------

    def check(self, shipment, *, known_on=None, trace=False, include_proposed=False):
        """Screens one shipment (a dict, or its JSON as str or bytes) and returns the
        determination as a dict: what `exportctl check --format json` prints. `known_on`
        replays the rules as known on that day. Raises BadInput for a shipment the command line
        would reject, with the same message (source "<shipment>")."""
        return json.loads(self.check_json(shipment, known_on=known_on, trace=trace, include_proposed=include_proposed))

    def check_json(self, shipment, *, known_on=None, trace=False, include_proposed=False):
        """As check, returning the determination's JSON text itself (one line, sorted keys)."""
        return self._check(self._lib.exportctl_check, shipment, known_on, _flags(trace, include_proposed))

    def check_text(self, shipment, *, known_on=None, include_proposed=False):
        """As check, returning the report for a person (`exportctl check --format text`)."""
        return self._check(self._lib.exportctl_check_text, shipment, known_on, _flags(False, include_proposed))

    def _check(self, function, shipment, known_on, flags):
        document = _document(shipment)
        out = ctypes.POINTER(ctypes.c_char)()
        length = ctypes.c_size_t()
        error = ctypes.c_void_p()
        status = function(self._handle(), document, len(document), _date(known_on, "known_on"), flags,
                          ctypes.byref(out), ctypes.byref(length), None, ctypes.byref(error))
        if status != OK:
            _raise(self._lib, status, error)
        return _take(self._lib, out, length)

    def batch(self, shipments, *, known_on=None, trace=False, include_proposed=False, threads=0, chunk=1000):
        """Screens every shipment of an iterable (dicts, or JSON Lines as str or bytes: a line
        read from a file may keep its line break) and yields one dict per shipment, in order,
        screened `chunk` at a time on `threads` threads (0: one per core). A shipment that
        cannot be screened yields its error record in its place, as `exportctl batch` writes
        it: {"error": "<batch>:N: /json/pointer: what is wrong", "line": N}, N counting from 1."""
        known = _date(known_on, "known_on")
        flags = _flags(trace, include_proposed)
        pending = []
        first_line = 1
        for shipment in shipments:
            pending.append(self._batch_line(shipment))
            if len(pending) >= chunk:
                yield from self._batch_chunk(pending, first_line, known, flags, threads)
                first_line += len(pending)
                pending = []
        if pending:
            yield from self._batch_chunk(pending, first_line, known, flags, threads)

    @staticmethod
    def _batch_line(shipment):
        document = _document(shipment)
        if document.endswith(b"\r\n"):
            document = document[:-2]
        elif document.endswith(b"\n"):
            document = document[:-1]
        return document

    def _batch_chunk(self, lines, first_line, known, flags, threads):
        # A blank item or one spread over several lines would shift every later answer by a
        # line in JSON Lines: it gets its own error record and never reaches the library.
        answers = {}
        sendable = []
        for offset, line in enumerate(lines):
            if not line.strip():
                answers[offset] = {"error": f"<batch>:{first_line + offset}: the shipment is empty",
                                   "line": first_line + offset}
            elif b"\n" in line or b"\r" in line:
                answers[offset] = {"error": f"<batch>:{first_line + offset}: a batch item must be one line of JSON "
                                            "(check() takes a document of several lines)",
                                   "line": first_line + offset}
            else:
                sendable.append(offset)
        # Runs of consecutive sendable lines keep their own line numbers.
        runs = []
        for offset in sendable:
            if runs and runs[-1][-1] == offset - 1:
                runs[-1].append(offset)
            else:
                runs.append([offset])
        for run in runs:
            text = self._screen_lines(b"\n".join(lines[i] for i in run) + b"\n", first_line + run[0], known, flags,
                                      threads)
            # split, not splitlines: a JSON string may hold U+2028 and other line separators.
            for offset, answer in zip(run, text.split("\n")):
                answers[offset] = json.loads(answer)
        for offset in range(len(lines)):
            yield answers[offset]

    def _screen_lines(self, jsonl, first_line, known, flags, threads):
        out = ctypes.POINTER(ctypes.c_char)()
        length = ctypes.c_size_t()
        error = ctypes.c_void_p()
        status = self._lib.exportctl_batch(self._handle(), jsonl, len(jsonl), known, flags, threads, b"<batch>",
                                           first_line, ctypes.byref(out), ctypes.byref(length), None,
                                           ctypes.byref(error))
        if status != OK:
            _raise(self._lib, status, error)
        return _take(self._lib, out, length)

    # ---- classification ---------------------------------------------------------------------

    def classify(self, model=None, *, date=None, known_on=None, tpp=None, performance_density=None,
                 die_area_mm2=None, dense_tops=None, bit_length=None, interconnect_gbps=None,
                 memory_bandwidth_gbps=None, memory_bandwidth_density=None, datacenter=None):
        """Classifies one item under the US rules of `date` (default: today, UTC): a catalog
        model (its figures overridden by any given), or figures alone for an unlisted IC.
        Returns {"date", "item": {"classification", "index", "model"}, "known_on"}, what
        `exportctl classify --format json` prints. BadInput for a model not in the catalog, or
        no model and no TPP."""
        if date is None:
            date = datetime.datetime.now(datetime.timezone.utc).date()
        metrics = _library.Metrics()
        self._lib.exportctl_metrics_init(ctypes.byref(metrics))
        figures = {"tpp": tpp, "performance_density": performance_density, "die_area_mm2": die_area_mm2,
                   "dense_tops": dense_tops, "bit_length": bit_length, "interconnect_gbps": interconnect_gbps,
                   "memory_bandwidth_gbps": memory_bandwidth_gbps,
                   "memory_bandwidth_density": memory_bandwidth_density}
        for name, value in figures.items():
            if value is not None:
                setattr(metrics, name, float(value))
        if datacenter is not None:
            metrics.datacenter = 1 if datacenter else 0
        out = ctypes.POINTER(ctypes.c_char)()
        length = ctypes.c_size_t()
        error = ctypes.c_void_p()
        status = self._lib.exportctl_classify(self._handle(), model.encode("utf-8") if model else None,
                                              ctypes.byref(metrics), _date(date, "date"), _date(known_on, "known_on"),
                                              ctypes.byref(out), ctypes.byref(length), ctypes.byref(error))
        if status != OK:
            _raise(self._lib, status, error)
        return json.loads(_take(self._lib, out, length))

    # ---- versions and lifetime --------------------------------------------------------------

    @property
    def rules_digest(self):
        """"sha256:..." over every rule document: each determination's rules.digest."""
        return self._lib.exportctl_engine_rules_digest(self._handle()).decode()

    @property
    def version(self):
        """The engine's release, as in each determination's engine.version."""
        return engine_version()

    @property
    def contract_version(self):
        """The JSON contract's version, as in each determination's engine.contract_version."""
        return contract_version()

    def close(self):
        """Frees the rules now rather than when the Engine is collected."""
        if self._engine is not None:
            self._lib.exportctl_engine_free(self._engine)
            self._engine = None

    def _handle(self):
        if self._engine is None:
            raise ValueError("the Engine is closed")
        return self._engine

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def __del__(self):
        if getattr(self, "_engine", None) is not None:
            self.close()


def engine_version():
    """The engine's release, "0.2.0"."""
    return _library.library().exportctl_version().decode()


def contract_version():
    """The version of the JSON contract, "1.1"."""
    return _library.library().exportctl_contract_version().decode()


def _default_rules():
    """$EXPORTCTL_RULES, else the rules installed with this package."""
    explicit = os.environ.get("EXPORTCTL_RULES")
    if explicit:
        return explicit
    installed = _library.installed_path("RULES_DIR")
    if installed is not None and installed.is_dir():
        return str(installed)
    raise BadRules("no rules: give Engine(rules=DIR) or Engine(store=FILE), or set EXPORTCTL_RULES")
