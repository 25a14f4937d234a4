/* The signals --trace-syscalls shows reaching a process (kernel/siginfo-trace.ts), sent
 * the ways a program sends them: kill, tgkill and sigqueue to itself, a POSIX timer, alarm, a
 * write to a pipe nobody reads, an ignored SIGINT, a child ended by SIGTERM (and its SIGCHLD),
 * and at last a default SIGTERM that ends the program. test/kernel/trace-signals.test.ts runs it
 * in the guest and, built for this host, under strace(1), and compares each process's
 * "--- SIG... ---" and "+++ ... +++" lines. */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void caught(int sig) { (void)sig; }

int main(void) {
  signal(SIGUSR1, caught);
  signal(SIGUSR2, caught);
  signal(SIGALRM, caught);
  kill(getpid(), SIGUSR1);
  syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2);
  union sigval value = {.sival_int = 42};
  sigqueue(getpid(), SIGUSR1, value);

  timer_t timer;
  struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM, .sigev_value = {.sival_int = 7}};
  timer_create(CLOCK_MONOTONIC, &ev, &timer);
  struct itimerspec once = {{0, 0}, {0, 1000000}};
  timer_settime(timer, 0, &once, NULL);
  pause();
  alarm(1);
  pause();

  signal(SIGPIPE, SIG_IGN);
  int fds[2];
  pipe(fds);
  close(fds[0]);
  write(fds[1], "x", 1);
  signal(SIGINT, SIG_IGN);
  kill(getpid(), SIGINT);

  pid_t child = fork();
  if (child == 0) {
    for (;;) pause();
  }
  kill(child, SIGTERM);
  waitpid(child, NULL, 0);

  kill(getpid(), SIGTERM);
  return 0;
}
