/* screen_c RULES_DIR SHIPMENT.json: prints the determination and exits with its contract code. */
#include <exportctl.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  exportctl_engine* engine = NULL;
  exportctl_error* error = NULL;
  if (exportctl_engine_open_rules(argv[1], &engine, &error) != EXPORTCTL_OK) {
    fprintf(stderr, "%s\n", exportctl_error_message(error));
    exportctl_error_free(error);
    return 1;
  }
  FILE* file = fopen(argv[2], "rb");
  if (!file) return 1;
  static char shipment[1 << 20];
  size_t length = fread(shipment, 1, sizeof shipment, file);
  fclose(file);
  char* answer = NULL;
  size_t answer_length = 0;
  exportctl_verdict verdict = EXPORTCTL_CLEARED;
  if (exportctl_check(engine, shipment, length, NULL, 0, &answer, &answer_length, &verdict, &error) != EXPORTCTL_OK) {
    fprintf(stderr, "%s\n", exportctl_error_message(error));
    exportctl_error_free(error);
    exportctl_engine_free(engine);
    return 1;
  }
  printf("%s\n", answer);
  exportctl_free(answer);
  exportctl_engine_free(engine);
  static const int exit_codes[] = {0, 3, 4, 5};
  return exit_codes[verdict];
}
