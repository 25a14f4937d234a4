/*
 * system(), popen() and posix_spawn() of /bin/sh from a glibc program: the machine's shell
 * must start from any guest program (execve of /bin/sh), share its pipes and report its
 * status through wait4, as dash does under Linux. Output is compared with qemu-aarch64,
 * where /bin/sh is the host's dash.
 */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int st = system("echo from system; for i in 1 2 3; do printf '%s ' $i; done; echo; exit 3");
  printf("system: exited=%d status=%d\n", WIFEXITED(st), WEXITSTATUS(st));
  st = system("x=$((6*7)); test $x -eq 42");
  printf("system arithmetic: %d\n", WEXITSTATUS(st));
  st = system("kill -TERM $$");
  printf("system killed: signaled=%d sig=%d\n", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : 0);

  FILE *p = popen("echo one; echo two | cat; echo three", "r");
  char line[256];
  int n = 0;
  while (p && fgets(line, sizeof line, p)) printf("popen read %d: %s", ++n, line);
  printf("pclose: %d\n", WEXITSTATUS(pclose(p)));

  p = popen("read a b; echo \"got [$b] [$a]\"; exit 5", "w");
  fputs("first second\n", p);
  printf("pclose w: %d\n", WEXITSTATUS(pclose(p)));

  pid_t pid;
  char *argv[] = {"sh", "-c", "echo spawned $0 $1; exit 9", "zero", "one", NULL};
  if (posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ) == 0) {
    waitpid(pid, &st, 0);
    printf("posix_spawn: %d\n", WEXITSTATUS(st));
  }
  char *argv2[] = {"sh", "-s", NULL};
  int fds[2];
  pipe(fds);
  pid = fork();
  if (pid == 0) {
    dup2(fds[0], 0);
    close(fds[0]);
    close(fds[1]);
    execve("/bin/sh", argv2, environ);
    _exit(127);
  }
  close(fds[0]);
  const char *script = "echo via sh -s\ncase abc in a*) echo matched;; esac\n";
  write(fds[1], script, strlen(script));
  close(fds[1]);
  waitpid(pid, &st, 0);
  printf("sh -s: %d\n", WEXITSTATUS(st));
  return 0;
}
