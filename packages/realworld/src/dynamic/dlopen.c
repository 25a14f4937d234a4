/* dlopen/dlsym/dlclose of a library named on the command line, and dlerror for a missing one. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: dlopen LIBRARY\n");
    return 2;
  }
  void *missing = dlopen("libdoes-not-exist.so.9", RTLD_NOW);
  printf("missing library: %s\n", missing ? "loaded?!" : "refused");
  void *h = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  const char *(*word)(int) = (const char *(*)(int))dlsym(h, "greet_word");
  int *calls = (int *)dlsym(h, "greet_calls");
  int (*constructed)(void) = (int (*)(void))dlsym(h, "greet_constructed");
  printf("symbols: %s %s %s\n", word ? "greet_word" : "-", calls ? "greet_calls" : "-", constructed ? "greet_constructed" : "-");
  if (!word || !calls || !constructed) return 1;
  printf("constructor ran: %d\n", constructed());
  for (int i = 0; i < 4; i++) printf("%s ", word(i));
  printf("\ncalls: %d\n", *calls);
  printf("unknown symbol: %s\n", dlsym(h, "no_such_symbol") ? "found?!" : "not found");
  printf("dlclose: %d\n", dlclose(h));
  return 0;
}
