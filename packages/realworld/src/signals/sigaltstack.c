/* SA_ONSTACK delivers on the alternate stack (even for a stack overflow's SIGSEGV); sigaltstack reports SS_ONSTACK inside the handler. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *alt;
static size_t alt_size = 64 * 1024;
static volatile int on_alt, flags_onstack;

static void handler(int sig) {
  int local;
  uintptr_t a = (uintptr_t)&local;
  on_alt = a >= (uintptr_t)alt && a < (uintptr_t)alt + alt_size;
  stack_t cur;
  sigaltstack(NULL, &cur);
  flags_onstack = (cur.ss_flags & SS_ONSTACK) != 0;
  if (sig == SIGSEGV) {
    printf("SIGSEGV from the overflow handled on the alternate stack: %d\n", on_alt);
    fflush(stdout);
    _exit(3);
  }
}

static int recurse(int n) {
  volatile char pad[4096];
  pad[0] = (char)n;
  return recurse(n + 1) + pad[0];
}

int main(void) {
  alt = malloc(alt_size);
  stack_t ss = {.ss_sp = alt, .ss_size = alt_size, .ss_flags = 0};
  if (sigaltstack(&ss, NULL) != 0) { perror("sigaltstack"); return 1; }
  stack_t small = {.ss_sp = alt, .ss_size = 1024, .ss_flags = 0};
  printf("too small a stack: %d\n", sigaltstack(&small, NULL));
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = handler;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &sa, NULL);
  raise(SIGUSR1);
  printf("SIGUSR1 on the alternate stack: %d, SS_ONSTACK seen: %d\n", on_alt, flags_onstack);
  sa.sa_flags = 0;
  sigaction(SIGUSR2, &sa, NULL);
  raise(SIGUSR2);
  printf("SIGUSR2 without SA_ONSTACK on the alternate stack: %d\n", on_alt);
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGSEGV, &sa, NULL);
  fflush(stdout);
  return recurse(0);
}
