/* exportctl.h: the C interface of exportctl, for C and for every language with a C foreign
 * function interface (Python ctypes, Go cgo, Rust, Java FFM, .NET P/Invoke). It speaks the JSON
 * of the screening contract (schema/json/): a shipment in, a determination out, byte for byte
 * what `exportctl check --format json` prints.
 *
 *   exportctl_engine* engine = NULL;
 *   exportctl_error* error = NULL;
 *   if (exportctl_engine_open_rules("/usr/local/share/exportctl/rules", &engine, &error) != EXPORTCTL_OK) {
 *     fprintf(stderr, "%s\n", exportctl_error_message(error));
 *     exportctl_error_free(error);
 *     return 1;
 *   }
 *   char* answer = NULL;
 *   size_t answer_length = 0;
 *   exportctl_verdict verdict;
 *   if (exportctl_check(engine, shipment, strlen(shipment), NULL, 0, &answer, &answer_length, &verdict,
 *                       &error) == EXPORTCTL_OK) {
 *     puts(answer);  (verdict is EXPORTCTL_CLEARED, ...)
 *     exportctl_free(answer);
 *   } else {
 *     fprintf(stderr, "%s\n", exportctl_error_message(error));
 *     exportctl_error_free(error);
 *   }
 *   exportctl_engine_free(engine);
 *
 * Errors: every call that can fail returns an exportctl_status. When it is not EXPORTCTL_OK and
 * `error` is not NULL, *error receives an error object with the code and the one-line message
 * the command line would print (file, JSON location and problem, joined with colons); free it
 * with exportctl_error_free. Out-parameters are left untouched on failure. No C++ exception
 * leaves this library: an allocation failure is EXPORTCTL_NO_MEMORY, anything unforeseen is
 * EXPORTCTL_INTERNAL.
 *
 * Ownership: every char* and exportctl_error* this library returns belongs to the caller, who
 * frees it with exportctl_free or exportctl_error_free, from any thread. The const char*
 * returned by the version functions are static; that of exportctl_engine_rules_digest lives as
 * long as its engine. Input pointers are only read during the call.
 *
 * Thread-safety: an opened engine is immutable; any number of threads may call exportctl_check,
 * exportctl_check_text, exportctl_batch, exportctl_classify and exportctl_engine_rules_digest on
 * one engine at once. exportctl_engine_free must not run concurrently with any other call on
 * the same engine, nor be followed by one.
 *
 * Strings are UTF-8. JSON text is passed with its length and need not be NUL-terminated;
 * returned buffers are NUL-terminated and their length excludes the NUL.
 *
 * ABI: the shared library's SONAME is libexportctl.so.1. It changes only when a function's
 * signature or meaning changes; functions and flag bits may be added within it.
 */
#ifndef EXPORTCTL_H
#define EXPORTCTL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define EXPORTCTL_API __attribute__((visibility("default")))
#else
#define EXPORTCTL_API
#endif

typedef enum exportctl_status {
  EXPORTCTL_OK = 0,
  EXPORTCTL_BAD_INPUT = 1,        /* a shipment, date, model or figure is malformed or unknown */
  EXPORTCTL_BAD_RULES = 2,        /* rule data fails to load, or a store holds no rules */
  EXPORTCTL_IO = 3,               /* a file or database could not be read */
  EXPORTCTL_INVALID_ARGUMENT = 4, /* a required pointer is NULL, or an unknown flag bit is set */
  EXPORTCTL_NO_MEMORY = 5,
  EXPORTCTL_INTERNAL = 6          /* an unexpected failure inside the library (a bug: report it) */
} exportctl_status;

/* The verdict of a determination; the exit code of `exportctl check` is 0, 3, 4, 5 for these. */
typedef enum exportctl_verdict {
  EXPORTCTL_CLEARED = 0,
  EXPORTCTL_ACTION_REQUIRED = 1,
  EXPORTCTL_PROHIBITED = 2,
  EXPORTCTL_INDETERMINATE = 3
} exportctl_verdict;

/* Flags for the screening calls, or-ed together. */
#define EXPORTCTL_TRACE 1u            /* list every rule version consulted under "trace" */
#define EXPORTCTL_INCLUDE_PROPOSED 2u /* evaluate proposed rules, report them under "warnings" */

typedef struct exportctl_engine exportctl_engine;
typedef struct exportctl_error exportctl_error;

/* ---- versions --------------------------------------------------------------------------- */

/* The engine's release, "0.2.0": the "version" of every determination's "engine" member. */
EXPORTCTL_API const char* exportctl_version(void);
/* The version of the JSON contract, "1.1": the "contract_version" of the same member. */
EXPORTCTL_API const char* exportctl_contract_version(void);

/* ---- errors ------------------------------------------------------------------------------ */

EXPORTCTL_API exportctl_status exportctl_error_code(const exportctl_error* error);
/* One line: "shipment.json: /items/0/model: \"H999\" is not in the catalog". Lives as long as
 * the error object. */
EXPORTCTL_API const char* exportctl_error_message(const exportctl_error* error);
/* The parts the message is rendered from, so that a caller can place the problem without parsing
 * the message: the file or stream ("shipment.json", "<shipment>", "in.jsonl:12"), the RFC 6901
 * JSON pointer of the offending value ("/items/0/model"), what is wrong, and the rule or group it
 * is in ("rule us.ear.742.6.license"). Each is "" when the error has no such part; each lives as
 * long as the error object. */
EXPORTCTL_API const char* exportctl_error_source(const exportctl_error* error);
EXPORTCTL_API const char* exportctl_error_pointer(const exportctl_error* error);
EXPORTCTL_API const char* exportctl_error_problem(const exportctl_error* error);
EXPORTCTL_API const char* exportctl_error_context(const exportctl_error* error);
/* Frees an error object; NULL is allowed. */
EXPORTCTL_API void exportctl_error_free(exportctl_error* error);

/* Frees a buffer returned by this library; NULL is allowed. */
EXPORTCTL_API void exportctl_free(char* buffer);

/* ---- engines ----------------------------------------------------------------------------- */

/* Loads and validates every rule file under `rules_dir`. EXPORTCTL_BAD_RULES names the file,
 * JSON location and rule; EXPORTCTL_IO when the directory cannot be read. */
EXPORTCTL_API exportctl_status exportctl_engine_open_rules(const char* rules_dir, exportctl_engine** engine,
                                                           exportctl_error** error);
/* Loads the rules last imported into the SQLite store `database` (`exportctl store import`).
 * The file must exist: EXPORTCTL_IO when it does not or is not an exportctl store;
 * EXPORTCTL_BAD_RULES when nothing was imported. The engine keeps no connection to the file. */
EXPORTCTL_API exportctl_status exportctl_engine_open_store(const char* database, exportctl_engine** engine,
                                                           exportctl_error** error);
/* Frees an engine; NULL is allowed. */
EXPORTCTL_API void exportctl_engine_free(exportctl_engine* engine);
/* "sha256:..." over every rule document: the "rules"."digest" of each determination. */
EXPORTCTL_API const char* exportctl_engine_rules_digest(const exportctl_engine* engine);

/* ---- screening --------------------------------------------------------------------------- */

/* Screens one shipment (contract JSON, `shipment_length` bytes) and returns its determination
 * as one line of JSON with sorted keys (no newline). `known_on` ("YYYY-MM-DD") replays the
 * rules as known on that day and overrides the shipment's own "known_on"; NULL: none. `flags`:
 * EXPORTCTL_TRACE, EXPORTCTL_INCLUDE_PROPOSED. `verdict` may be NULL.
 * EXPORTCTL_BAD_INPUT for a shipment the command line would reject (same message, with the
 * source named "<shipment>") or an impossible `known_on`. A business answer such as
 * "prohibited" is a determination, not an error. */
EXPORTCTL_API exportctl_status exportctl_check(const exportctl_engine* engine, const char* shipment,
                                               size_t shipment_length, const char* known_on, unsigned flags,
                                               char** determination, size_t* determination_length,
                                               exportctl_verdict* verdict, exportctl_error** error);
/* The same, returning the report for a person that `exportctl check --format text` prints
 * (verdict first, then what to do, with citations; deadlines counted from today, UTC).
 * EXPORTCTL_TRACE is not accepted here. */
EXPORTCTL_API exportctl_status exportctl_check_text(const exportctl_engine* engine, const char* shipment,
                                                    size_t shipment_length, const char* known_on, unsigned flags,
                                                    char** report, size_t* report_length,
                                                    exportctl_verdict* verdict, exportctl_error** error);

/* What one exportctl_batch call did. */
typedef struct exportctl_batch_summary {
  uint64_t shipments;   /* determinations written */
  uint64_t errors;      /* error records written: lines that could not be screened */
  uint64_t verdicts[4]; /* shipments per verdict, indexed by exportctl_verdict */
} exportctl_batch_summary;

/* Screens `length` bytes of JSON Lines, one shipment per line, on `threads` threads (0: one per
 * core), and returns one line per non-blank input line, in input order: the determination
 * exportctl_check gives, or an error record {"error":"SOURCE:LINE: /pointer: problem","line":LINE}
 * for a line that cannot be screened; the batch goes on past it. `source` names the input in
 * those records (NULL: "<batch>"); `first_line` is the number of the first line (1 for a whole
 * input; more when a caller feeds one input in pieces). `summary` may be NULL. Fails only for
 * invalid arguments or lack of memory: a bad line is a record, not a failure. */
EXPORTCTL_API exportctl_status exportctl_batch(const exportctl_engine* engine, const char* jsonl, size_t length,
                                               const char* known_on, unsigned flags, unsigned threads,
                                               const char* source, uint64_t first_line, char** answers,
                                               size_t* answers_length, exportctl_batch_summary* summary,
                                               exportctl_error** error);

/* ---- classification ---------------------------------------------------------------------- */

/* An item's figures for exportctl_classify. A figure that is NaN is not given; start from
 * exportctl_metrics_init, which sets every figure to NaN and datacenter to -1. */
typedef struct exportctl_metrics {
  double tpp;                      /* total processing performance */
  double performance_density;      /* TPP / applicable die area */
  double die_area_mm2;
  double dense_tops;               /* with bit_length: TPP = dense TOPS x bit length */
  double bit_length;
  double interconnect_gbps;
  double memory_bandwidth_gbps;
  double memory_bandwidth_density; /* GB/s per mm2 */
  int datacenter;                  /* 1: designed or marketed for datacenters, 0: not, -1: not known */
} exportctl_metrics;

EXPORTCTL_API void exportctl_metrics_init(exportctl_metrics* metrics);

/* Classifies one item under the US rules of `date` ("YYYY-MM-DD", required), as known on
 * `known_on` (NULL: everything recorded): a catalog `model` (case-insensitive, vendor prefix
 * optional; its figures overridden by any given in `metrics`), or, with `model` NULL or "",
 * the figures alone (an unlisted IC, taken to be US-origin). `metrics` may be NULL. Returns
 * {"date":...,"item":{"classification":...,"index":0,"model":...},"known_on":...}, what
 * `exportctl classify --format json` prints. EXPORTCTL_BAD_INPUT for a model not in the
 * catalog, no model and no TPP, a negative or infinite figure, or an impossible date. */
EXPORTCTL_API exportctl_status exportctl_classify(const exportctl_engine* engine, const char* model,
                                                  const exportctl_metrics* metrics, const char* date,
                                                  const char* known_on, char** classification,
                                                  size_t* classification_length, exportctl_error** error);

#ifdef __cplusplus
}
#endif

#endif /* EXPORTCTL_H */
