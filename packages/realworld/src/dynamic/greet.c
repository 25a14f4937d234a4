/* A shared library of the test's own: exported functions, data with relocations (a table
 * of string pointers), a constructor, and thread-local storage, all resolved by ld.so. */
#include <stdio.h>
#include <string.h>

static const char *const greetings[] = {"hello", "bonjour", "hallo", "ciao"};
int greet_calls;
__thread int greet_tls = 40;
static int constructed;

__attribute__((constructor)) static void greet_init(void) { constructed = 1; }

int greet_constructed(void) { return constructed; }

const char *greet_word(int i) {
  greet_calls++;
  greet_tls++;
  return greetings[i % 4];
}

int greet_format(char *buf, size_t n, const char *who, int i) {
  return snprintf(buf, n, "%s, %s (call %d, tls %d)", greet_word(i), who, greet_calls, greet_tls);
}
