/* alarm() wakes pause() through a SIGALRM handler; a second alarm with no handler ends the process (status 142). */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t rang;
static void on_alarm(int sig) { (void)sig; rang++; }

int main(void) {
  signal(SIGALRM, on_alarm);
  alarm(1);
  unsigned left = alarm(1);
  printf("second alarm() returned %s\n", left == 1 || left == 0 ? "the first's remaining seconds" : "garbage");
  pause();
  printf("pause returned after the alarm: rang=%d\n", (int)rang);
  fflush(stdout);
  signal(SIGALRM, SIG_DFL);
  alarm(1);
  pause();
  printf("not reached\n");
  return 0;
}
