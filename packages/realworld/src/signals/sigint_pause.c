/* Waits in pause() until SIGINT arrives (Ctrl-C on the terminal); the handler's exit status says it ran. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void on_int(int sig) { got = sig; }

int main(void) {
  signal(SIGINT, on_int);
  printf("waiting for SIGINT\n");
  fflush(stdout);
  while (!got) pause();
  printf("got SIGINT\n");
  return 3;
}
