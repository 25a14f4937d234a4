/* The simplest dynamically linked program: glibc from the interpreter's search path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("hello from a dynamically linked program, argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("arg %d: %s (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  char *p = malloc(100000);
  memset(p, 'x', 99999);
  p[99999] = 0;
  printf("malloc'd %zu bytes\n", strlen(p));
  free(p);
  return argc == 1 ? 0 : 7;
}
