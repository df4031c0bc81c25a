/* Every function of exportctl.h, from C11, on the bundled rules and real SQLite stores: the
 * answers are the command line's, the failures carry the command line's messages and the
 * documented codes, and threads may share one engine.
 *
 *   c_api_test PROJECT_DIR STORES_DIR
 *
 * STORES_DIR holds rules.db (rules imported), no-rules.db (a decision, no rules) and bad-rules/
 * (a rule file that is not JSON), made by tests/c_api/make_stores.sh. Prints one line per failure and "N passed, M failed" last. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exportctl.h"

static int passed = 0;
static int failed = 0;

static void check(int ok, const char* what) {
  if (ok) {
    ++passed;
  } else {
    ++failed;
    printf("FAIL: %s\n", what);
  }
}

static int contains(const char* text, const char* needle) { return text && strstr(text, needle) != NULL; }

/* The error's code is `code` and its message is exactly `message`; frees the error. */
static void check_error(exportctl_status status, exportctl_error* error, exportctl_status code, const char* message,
                        const char* what) {
  check(status == code, what);
  check(error != NULL && exportctl_error_code(error) == code, what);
  if (message && (error == NULL || strcmp(exportctl_error_message(error), message) != 0)) {
    printf("  %s: message \"%s\", expected \"%s\"\n", what, error ? exportctl_error_message(error) : "(none)", message);
    check(0, what);
  }
  exportctl_error_free(error);
}

static char* read_file(const char* path) {
  FILE* file = fopen(path, "rb");
  if (!file) return NULL;
  char* text = NULL;
  size_t size = 0;
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
    char* grown = realloc(text, size + got + 1);
    if (!grown) break;
    text = grown;
    memcpy(text + size, chunk, got);
    size += got;
  }
  fclose(file);
  if (text) text[size] = '\0';
  return text;
}

/* Line `number` (1-based) of `text`, copied. */
static char* line_of(const char* text, int number) {
  for (int line = 1; line < number && text; ++line) {
    text = strchr(text, '\n');
    if (text) ++text;
  }
  if (!text) return NULL;
  size_t length = strcspn(text, "\n");
  char* copy = malloc(length + 1);
  memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

/* The determination of exportctl_check for `shipment` (NULL on failure); sets *verdict. */
static char* determination(const exportctl_engine* engine, const char* shipment, const char* known_on,
                           unsigned flags, exportctl_verdict* verdict) {
  char* out = NULL;
  size_t length = 0;
  exportctl_error* error = NULL;
  exportctl_status status = exportctl_check(engine, shipment, strlen(shipment), known_on, flags, &out, &length,
                                            verdict, &error);
  if (status != EXPORTCTL_OK) {
    printf("  exportctl_check: %s\n", exportctl_error_message(error));
    exportctl_error_free(error);
    return NULL;
  }
  if (strlen(out) != length) printf("  exportctl_check: length %zu but strlen %zu\n", length, strlen(out));
  return out;
}

static const char* const kSamples[] = {
    "samples/a800-china-2022-vintage.json",   "samples/h100-vietnam-via-malaysia.json",
    "samples/h20-china-after-letter.json",    "samples/h20-china-before-letter.json",
    "samples/mi308x-china-indeterminate.json", "samples/unknown-accelerator-with-metrics.json",
};
enum { kSampleCount = sizeof kSamples / sizeof kSamples[0] };

static void test_versions(void) {
  check(strcmp(exportctl_version(), "0.2.0") == 0, "exportctl_version is 0.2.0");
  check(strcmp(exportctl_contract_version(), "1.1") == 0, "exportctl_contract_version is 1.1");
}

static void test_open(const char* stores, exportctl_engine** rules_engine, exportctl_engine** store_engine) {
  exportctl_error* error = NULL;
  exportctl_engine* engine = NULL;
  char path[4096];

  check(exportctl_engine_open_rules("rules", rules_engine, &error) == EXPORTCTL_OK && *rules_engine != NULL,
        "open_rules on the bundled rules");
  const char* digest = exportctl_engine_rules_digest(*rules_engine);
  check(strncmp(digest, "sha256:", 7) == 0 && strlen(digest) == 7 + 64, "rules digest is sha256:<64 hex>");

  snprintf(path, sizeof path, "%s/rules.db", stores);
  check(exportctl_engine_open_store(path, store_engine, &error) == EXPORTCTL_OK && *store_engine != NULL,
        "open_store on a store with the rules imported");
  check(strcmp(exportctl_engine_rules_digest(*store_engine), digest) == 0, "the store's rules have the same digest");

  exportctl_status status = exportctl_engine_open_rules("no-such-dir", &engine, &error);
  check_error(status, error, EXPORTCTL_IO, "no-such-dir: not a directory of rule data", "open_rules on a missing dir");
  check(engine == NULL, "a failed open leaves the engine untouched");

  snprintf(path, sizeof path, "%s/bad-rules", stores);
  error = NULL;
  status = exportctl_engine_open_rules(path, &engine, &error);
  check(status == EXPORTCTL_BAD_RULES, "open_rules on broken rule data is BAD_RULES");
  check(contains(exportctl_error_message(error), "/bad-rules/broken.json: not valid JSON"),
        "the message names the broken file");
  exportctl_error_free(error);

  error = NULL;
  snprintf(path, sizeof path, "%s/no-rules.db", stores);
  status = exportctl_engine_open_store(path, &engine, &error);
  char expected[3 * sizeof path];
  snprintf(expected, sizeof expected,
           "%s: no rules imported (run 'exportctl store import RULES_DIR --db %s')", path, path);
  check_error(status, error, EXPORTCTL_BAD_RULES, expected, "open_store on a store without rules");

  error = NULL;
  status = exportctl_engine_open_store("no-such.db", &engine, &error);
  check_error(status, error, EXPORTCTL_IO, "no-such.db: no such database (create it with 'exportctl store import')",
              "open_store on a missing file");

  error = NULL;
  status = exportctl_engine_open_store("README.md", &engine, &error);
  check_error(status, error, EXPORTCTL_IO,
              "README.md: not an SQLite database",
              "open_store on a file that is not SQLite");

  error = NULL;
  status = exportctl_engine_open_rules(NULL, &engine, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, "rules_dir and engine must not be NULL", "open_rules(NULL)");
  error = NULL;
  status = exportctl_engine_open_store("x.db", NULL, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, "database and engine must not be NULL",
              "open_store without an engine pointer");
  /* Without an error pointer the code still comes back. */
  check(exportctl_engine_open_rules("no-such-dir", &engine, NULL) == EXPORTCTL_IO, "a failure without error object");
  check(strcmp(exportctl_engine_rules_digest(NULL), "") == 0, "rules digest of NULL is empty");
}

static void test_check(const exportctl_engine* engine, const exportctl_engine* store_engine) {
  char* shipment = read_file("samples/h20-china-after-letter.json");
  exportctl_verdict verdict = EXPORTCTL_CLEARED;
  char* answer = determination(engine, shipment, NULL, 0, &verdict);
  check(answer != NULL && verdict == EXPORTCTL_ACTION_REQUIRED, "H20 to China after the letter: action required");
  check(contains(answer, "\"engine\":{\"contract_version\":\"1.1\",\"version\":\"0.2.0\"},\"items\":"),
        "the determination carries the engine and contract versions, keys sorted");
  check(answer && strncmp(answer, "{\"disclaimer\":", 14) == 0 && answer[strlen(answer) - 1] == '}',
        "one JSON object, no newline");
  check(contains(answer, "\"trace\":[]"), "no trace unless asked");
  char* from_store = determination(store_engine, shipment, NULL, 0, NULL);
  check(answer && from_store && strcmp(answer, from_store) == 0, "the store's engine answers byte for byte alike");

  char* traced = determination(engine, shipment, NULL, EXPORTCTL_TRACE, NULL);
  check(contains(traced, "\"trace\":[{"), "EXPORTCTL_TRACE lists the rule versions consulted");
  char* known = determination(engine, shipment, "2025-04-01", 0, &verdict);
  check(known && verdict == EXPORTCTL_CLEARED && contains(known, "\"known_on\":\"2025-04-01\""),
        "known_on before the letter was known: cleared");

  char* jsonl = read_file("samples/shipments.jsonl");
  char* draft = NULL;
  for (int line = 1; jsonl && (draft = line_of(jsonl, line)) != NULL && draft[0]; ++line) {
    if (strstr(draft, "\"B48-")) break;
    free(draft);
    draft = NULL;
  }
  char* proposed = draft ? determination(engine, draft, NULL, EXPORTCTL_INCLUDE_PROPOSED, &verdict) : NULL;
  check(proposed && verdict == EXPORTCTL_CLEARED && contains(proposed, "\"code\":\"proposed_rule\""),
        "EXPORTCTL_INCLUDE_PROPOSED reports the draft rule as a warning");
  char* without = draft ? determination(engine, draft, NULL, 0, NULL) : NULL;
  check(contains(without, "\"warnings\":[]"), "without the flag, no warning");

  /* Failures. */
  char* out = NULL;
  size_t length = 0;
  exportctl_error* error = NULL;
  const char* misspelt = "{\"ship_date\":\"2025-01-01\",\"origin\":\"US\",\"destinaton\":\"CN\",\"items\":[{\"model\":\"H100 SXM\"}]}";
  exportctl_status status = exportctl_check(engine, misspelt, strlen(misspelt), NULL, 0, &out, &length, NULL, &error);
  /* The fields the message is rendered from, for a caller that places the problem itself. */
  check(error != NULL && strcmp(exportctl_error_source(error), "<shipment>") == 0, "error source is the stream");
  check(error != NULL && strcmp(exportctl_error_pointer(error), "/destinaton") == 0, "error pointer names the key");
  check(error != NULL && strcmp(exportctl_error_problem(error), "unknown key \"destinaton\"") == 0,
        "error problem is the sentence alone");
  check(error != NULL && strcmp(exportctl_error_context(error), "") == 0, "a shipment error has no rule context");
  check(strcmp(exportctl_error_pointer(NULL), "") == 0, "error_pointer(NULL) is empty");
  check_error(status, error, EXPORTCTL_BAD_INPUT, "<shipment>: /destinaton: unknown key \"destinaton\"",
              "a misspelt key is BAD_INPUT with the command line's message");
  check(out == NULL, "nothing is returned on failure");
  error = NULL;
  status = exportctl_check(engine, "not json", 8, NULL, 0, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "<shipment>: /: expected a JSON object (the shipment)", "not JSON");
  error = NULL;
  status = exportctl_check(engine, NULL, 0, NULL, 0, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, NULL, "an empty shipment is BAD_INPUT");
  error = NULL;
  /* Only the length given counts: the same text cut short is not a shipment. */
  status = exportctl_check(engine, shipment, 10, NULL, 0, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, NULL, "a shipment cut short by its length");
  error = NULL;
  status = exportctl_check(engine, shipment, strlen(shipment), "2025-02-30", 0, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "known_on: \"2025-02-30\" is not a date (YYYY-MM-DD, a day that exists)",
              "an impossible known_on");
  error = NULL;
  status = exportctl_check(engine, shipment, strlen(shipment), NULL, 4, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, "flags: bits not accepted here: 4", "an unknown flag bit");
  error = NULL;
  status = exportctl_check(NULL, shipment, strlen(shipment), NULL, 0, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, NULL, "check without an engine");
  error = NULL;
  status = exportctl_check(engine, shipment, strlen(shipment), NULL, 0, NULL, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, NULL, "check without an answer pointer");

  /* The text report. */
  char* report = NULL;
  status = exportctl_check_text(engine, shipment, strlen(shipment), NULL, 0, &report, &length, &verdict, &error);
  check(status == EXPORTCTL_OK && verdict == EXPORTCTL_ACTION_REQUIRED && length == strlen(report),
        "check_text succeeds with the verdict");
  check(report && strncmp(report, "VERDICT: ACTION REQUIRED\nShipment SHP-2025-0420-H20, ship date 2025-04-20", 72) == 0,
        "the report opens with the verdict and the shipment");
  exportctl_free(report);
  error = NULL;
  status = exportctl_check_text(engine, shipment, strlen(shipment), NULL, EXPORTCTL_TRACE, &report, &length, NULL,
                                &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, "flags: bits not accepted here: 1",
              "check_text refuses EXPORTCTL_TRACE (a text report has no trace)");
  error = NULL;
  status = exportctl_check_text(engine, misspelt, strlen(misspelt), NULL, 0, &report, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "<shipment>: /destinaton: unknown key \"destinaton\"",
              "check_text on a bad shipment");

  exportctl_free(answer);
  exportctl_free(from_store);
  exportctl_free(traced);
  exportctl_free(known);
  exportctl_free(proposed);
  exportctl_free(without);
  exportctl_free(NULL);
  free(draft);
  free(jsonl);
  free(shipment);
}

static void test_batch(const exportctl_engine* engine) {
  char* first = read_file("samples/h20-china-after-letter.json");
  char* second = read_file("samples/h100-vietnam-via-malaysia.json");
  /* JSON Lines: one shipment per line. */
  for (char* c = first; c && *c; ++c)
    if (*c == '\n' || *c == '\r') *c = ' ';
  for (char* c = second; c && *c; ++c)
    if (*c == '\n' || *c == '\r') *c = ' ';
  char input[65536];
  snprintf(input, sizeof input, "%s\n{\"ship_date\":\"2025-13-01\"}\n\n%s\n", first, second);

  char* out = NULL;
  size_t length = 0;
  exportctl_batch_summary summary;
  memset(&summary, 0xFF, sizeof summary);
  exportctl_error* error = NULL;
  for (unsigned threads = 0; threads <= 2; threads += 2) {
    exportctl_status status = exportctl_batch(engine, input, strlen(input), NULL, 0, threads, "orders.jsonl", 10,
                                              &out, &length, &summary, &error);
    check(status == EXPORTCTL_OK && length == strlen(out), "batch succeeds");
    check(summary.shipments == 2 && summary.errors == 1, "batch summary: 2 shipments, 1 error");
    check(summary.verdicts[EXPORTCTL_ACTION_REQUIRED] == 2 && summary.verdicts[EXPORTCTL_CLEARED] == 0 &&
              summary.verdicts[EXPORTCTL_PROHIBITED] == 0 && summary.verdicts[EXPORTCTL_INDETERMINATE] == 0,
          "batch summary: verdicts counted");
    char* line1 = line_of(out, 1);
    char* line2 = line_of(out, 2);
    char* line3 = line_of(out, 3);
    char* expected1 = determination(engine, first, NULL, 0, NULL);
    char* expected3 = determination(engine, second, NULL, 0, NULL);
    check(line1 && expected1 && strcmp(line1, expected1) == 0, "a batch answer is the check answer, byte for byte");
    check(line2 && strcmp(line2,
                          "{\"error\":\"orders.jsonl:11: /ship_date: \\\"2025-13-01\\\" is not a date (YYYY-MM-DD, a "
                          "day that exists)\",\"line\":11}") == 0,
          "a bad line is an error record numbered from first_line");
    check(line3 && expected3 && strcmp(line3, expected3) == 0, "the blank line is skipped, order is kept");
    size_t newlines = 0;
    for (const char* c = out; *c; ++c) newlines += *c == '\n';
    check(newlines == 3 && out[length - 1] == '\n', "three lines, each ended");
    free(line1);
    free(line2);
    free(line3);
    exportctl_free(expected1);
    exportctl_free(expected3);
    exportctl_free(out);
    out = NULL;
  }

  exportctl_status status = exportctl_batch(engine, "", 0, NULL, 0, 1, NULL, 1, &out, &length, NULL, &error);
  check(status == EXPORTCTL_OK && length == 0 && out && out[0] == '\0', "an empty batch gives an empty answer");
  exportctl_free(out);
  status = exportctl_batch(engine, "{}\n", 3, NULL, 0, 1, NULL, 1, &out, &length, NULL, &error);
  check(status == EXPORTCTL_OK &&
            strcmp(out, "{\"error\":\"<batch>:1: /: missing required key \\\"ship_date\\\"\",\"line\":1}\n") == 0,
        "the default source is <batch>");
  exportctl_free(out);

  status = exportctl_batch(engine, input, strlen(input), NULL, EXPORTCTL_TRACE | EXPORTCTL_INCLUDE_PROPOSED, 1,
                           NULL, 1, &out, &length, NULL, &error);
  check(status == EXPORTCTL_OK && contains(out, "\"trace\":[{"), "batch passes the flags on");
  exportctl_free(out);

  error = NULL;
  status = exportctl_batch(engine, input, strlen(input), "2025-00-01", 0, 0, NULL, 1, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "known_on: \"2025-00-01\" is not a date (YYYY-MM-DD, a day that exists)",
              "batch with an impossible known_on");
  error = NULL;
  status = exportctl_batch(engine, input, strlen(input), NULL, 8, 0, NULL, 1, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, NULL, "batch with an unknown flag bit");
  error = NULL;
  status = exportctl_batch(engine, input, strlen(input), NULL, 0, 0, NULL, 0, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, "first_line: lines are numbered from 1", "batch first_line 0");
  error = NULL;
  status = exportctl_batch(engine, NULL, 5, NULL, 0, 0, NULL, 1, &out, &length, NULL, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, NULL, "batch with NULL input of nonzero length");
  free(first);
  free(second);
}

static void test_classify(const exportctl_engine* engine) {
  exportctl_metrics metrics;
  memset(&metrics, 0, sizeof metrics);
  exportctl_metrics_init(&metrics);
  check(isnan(metrics.tpp) && isnan(metrics.performance_density) && isnan(metrics.die_area_mm2) &&
            isnan(metrics.dense_tops) && isnan(metrics.bit_length) && isnan(metrics.interconnect_gbps) &&
            isnan(metrics.memory_bandwidth_gbps) && isnan(metrics.memory_bandwidth_density) && metrics.datacenter == -1,
        "metrics_init: every figure unknown");
  exportctl_metrics_init(NULL);

  char* out = NULL;
  size_t length = 0;
  exportctl_error* error = NULL;
  exportctl_status status = exportctl_classify(engine, "H100 SXM", NULL, "2024-06-01", NULL, &out, &length, &error);
  check(status == EXPORTCTL_OK &&
            strcmp(out, "{\"date\":\"2024-06-01\",\"item\":{\"classification\":{\"US\":{\"basis\":\"TPP 15832 >= 4800\","
                        "\"eccn\":\"3A090.a\",\"indeterminate\":false,\"rule\":\"us.ear.3a090.classify\",\"version\":2}},"
                        "\"index\":0,\"model\":\"NVIDIA H100 SXM\"},\"known_on\":null}") == 0,
        "classify H100 SXM on 2024-06-01: 3A090.a");
  exportctl_free(out);

  metrics.tpp = 4800;
  metrics.die_area_mm2 = 800;
  metrics.datacenter = 1;
  status = exportctl_classify(engine, "", &metrics, "2024-06-01", "2024-06-01", &out, &length, &error);
  check(status == EXPORTCTL_OK && contains(out, "\"basis\":\"TPP 4800 >= 4800\",\"eccn\":\"3A090.a\"") &&
            contains(out, "\"known_on\":\"2024-06-01\""),
        "classify by figures: TPP 4800 is 3A090.a");
  exportctl_free(out);

  status = exportctl_classify(engine, "H100 SXM", NULL, "2022-12-01", NULL, &out, &length, &error);
  check(status == EXPORTCTL_OK && contains(out, "\"eccn\":\"3A090\""), "classify H100 SXM under the 2022 rule");
  exportctl_free(out);

  error = NULL;
  status = exportctl_classify(engine, "H999", NULL, "2024-06-01", NULL, &out, &length, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT,
              "model: \"H999\" is not in the catalog; classify by TPP and die area instead", "classify an unknown model");
  error = NULL;
  status = exportctl_classify(engine, NULL, NULL, "2024-06-01", NULL, &out, &length, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "give a catalog model, or a TPP (with a die area)",
              "classify without model or figures");
  exportctl_metrics_init(&metrics);
  metrics.tpp = -1;
  error = NULL;
  status = exportctl_classify(engine, NULL, &metrics, "2024-06-01", NULL, &out, &length, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "metrics.tpp: must be a finite number, not negative",
              "classify with a negative TPP");
  metrics.tpp = INFINITY;
  error = NULL;
  status = exportctl_classify(engine, NULL, &metrics, "2024-06-01", NULL, &out, &length, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "metrics.tpp: must be a finite number, not negative",
              "classify with an infinite TPP");
  metrics.tpp = 4800;
  metrics.datacenter = 2;
  error = NULL;
  status = exportctl_classify(engine, NULL, &metrics, "2024-06-01", NULL, &out, &length, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "metrics.datacenter: must be 1, 0 or -1 (not known), not 2",
              "classify with datacenter 2");
  error = NULL;
  status = exportctl_classify(engine, "H100 SXM", NULL, "2024-6-1", NULL, &out, &length, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "date: \"2024-6-1\" is not a date (YYYY-MM-DD, a day that exists)",
              "classify on a malformed date");
  error = NULL;
  status = exportctl_classify(engine, "H100 SXM", NULL, "2024-06-01", "yesterday", &out, &length, &error);
  check_error(status, error, EXPORTCTL_BAD_INPUT, "known_on: \"yesterday\" is not a date (YYYY-MM-DD, a day that exists)",
              "classify with a malformed known_on");
  error = NULL;
  status = exportctl_classify(engine, "H100 SXM", NULL, NULL, NULL, &out, &length, &error);
  check_error(status, error, EXPORTCTL_INVALID_ARGUMENT, NULL, "classify without a date");
}

static void test_errors(void) {
  check(exportctl_error_code(NULL) == EXPORTCTL_INVALID_ARGUMENT, "error_code(NULL)");
  check(strcmp(exportctl_error_message(NULL), "") == 0, "error_message(NULL) is empty");
  exportctl_error_free(NULL);
  exportctl_engine_free(NULL);
}

/* ---- threads share one engine --------------------------------------------------------------- */

struct Shared {
  const exportctl_engine* engine;
  char* shipments[kSampleCount];
  char* expected[kSampleCount];
  int mismatches;
};

static void* screen_repeatedly(void* argument) {
  struct Shared* shared = argument;
  int mismatches = 0;
  for (int round = 0; round < 40; ++round)
    for (int i = 0; i < kSampleCount; ++i) {
      char* answer = determination(shared->engine, shared->shipments[i], NULL, 0, NULL);
      if (!answer || strcmp(answer, shared->expected[i]) != 0) ++mismatches;
      exportctl_free(answer);
    }
  return (void*)(size_t)mismatches;
}

static void test_threads(const exportctl_engine* engine) {
  struct Shared shared = {engine, {0}, {0}, 0};
  for (int i = 0; i < kSampleCount; ++i) {
    shared.shipments[i] = read_file(kSamples[i]);
    shared.expected[i] = shared.shipments[i] ? determination(engine, shared.shipments[i], NULL, 0, NULL) : NULL;
    check(shared.expected[i] != NULL, kSamples[i]);
    if (!shared.expected[i]) return;
  }
  pthread_t threads[4];
  for (int t = 0; t < 4; ++t) pthread_create(&threads[t], NULL, screen_repeatedly, &shared);
  size_t mismatches = 0;
  for (int t = 0; t < 4; ++t) {
    void* result = NULL;
    pthread_join(threads[t], &result);
    mismatches += (size_t)result;
  }
  check(mismatches == 0, "4 threads on one engine give the single-threaded answers");
  for (int i = 0; i < kSampleCount; ++i) {
    free(shared.shipments[i]);
    exportctl_free(shared.expected[i]);
  }
}

/* ---- out of memory: std::bad_alloc stops at the boundary ------------------------------------- */

#ifdef EXPORTCTL_TEST_UNDER_SANITIZER
static const int kUnderSanitizer = 1;
#else
static const int kUnderSanitizer = 0;
#endif

static void test_out_of_memory(const exportctl_engine* engine) {
  /* 200,000 orders, each within every limit: their JSON Lines fit in the address space left, the
     answers (about 1.7 KB each) do not. */
  const char* line = "{\"ship_date\":\"2025-01-01\",\"origin\":\"US\",\"destination\":\"CN\",\"items\":[{\"model\":\"H100 SXM\"}]}\n";
  size_t lines = 200000;
  size_t size = lines * strlen(line) + 1;
  char* shipment = malloc(size);
  if (!shipment) return;
  char* end = shipment;
  for (size_t i = 0; i < lines; ++i) end += strlen(strcpy(end, line));

  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    /* Leave room for the reader's copy of the input, not for 200,000 answers. */
    long pages = 0;
    FILE* statm = fopen("/proc/self/statm", "r");
    if (!statm || fscanf(statm, "%ld", &pages) != 1) _exit(10);
    fclose(statm);
    struct rlimit limit;
    limit.rlim_cur = limit.rlim_max = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + 3 * size + (16u << 20);
    if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(11);
    char* out = NULL;
    size_t length = 0;
    exportctl_error* error = NULL;
    exportctl_status status =
        exportctl_batch(engine, shipment, strlen(shipment), NULL, 0, 1, NULL, 1, &out, &length, NULL, &error);
    if (status != EXPORTCTL_NO_MEMORY) {
      printf("  out of memory: status %d (%s)\n", (int)status, error ? exportctl_error_message(error) : "");
      _exit(12);
    }
    if (exportctl_error_code(error) != EXPORTCTL_NO_MEMORY || strcmp(exportctl_error_message(error), "out of memory"))
      _exit(13);
    exportctl_error_free(error);
    _exit(0);
  }
  int child_status = 0;
  waitpid(child, &child_status, 0);
  if (!WIFEXITED(child_status)) printf("  out of memory: the child died of signal %d\n", WTERMSIG(child_status));
  else if (WEXITSTATUS(child_status) != 0) printf("  out of memory: the child exited %d\n", WEXITSTATUS(child_status));
  check(WIFEXITED(child_status) && WEXITSTATUS(child_status) == 0,
        "std::bad_alloc becomes EXPORTCTL_NO_MEMORY with the static error");
  free(shipment);
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: c_api_test PROJECT_DIR STORES_DIR\n");
    return 2;
  }
  if (chdir(argv[1]) != 0) {
    perror(argv[1]);
    return 2;
  }
  exportctl_engine* engine = NULL;
  exportctl_engine* store_engine = NULL;
  test_versions();
  test_errors();
  test_open(argv[2], &engine, &store_engine);
  if (engine && store_engine) {
    test_check(engine, store_engine);
    test_batch(engine);
    test_classify(engine);
    test_threads(engine);
    /* RLIMIT_AS cannot bound a process whose sanitizer reserves terabytes of address space (the
       child waits forever on the sanitizer's allocator): the optimised build runs this one. */
    if (!kUnderSanitizer) test_out_of_memory(engine);
    else printf("  out of memory: not run under a sanitizer\n");
  }
  exportctl_engine_free(engine);
  exportctl_engine_free(store_engine);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
