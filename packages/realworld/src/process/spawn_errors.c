/* posix_spawn and vfork as Linux gives them: the child shares the parent's memory until it
 * execs or exits, so posix_spawn reports the child's exec error (ENOENT, EACCES) to the
 * caller, and a vfork child's store is seen by the parent. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char *name(int e) { return e == 0 ? "0" : e == ENOENT ? "ENOENT" : e == EACCES ? "EACCES" : e == ENOEXEC ? "ENOEXEC" : strerror(e); }

int main(int argc, char **argv) {
  if (argc > 1) return atoi(argv[1]);
  pid_t pid;
  char *args[] = {"missing", NULL};
  int r = posix_spawn(&pid, "/nonexistent/program", NULL, NULL, args, environ);
  printf("posix_spawn of a missing program: %s\n", name(r));

  char dir[] = "/tmp/spawnXXXXXX";
  mkdtemp(dir);
  char path[64];
  snprintf(path, sizeof path, "%s/noexec", dir);
  int fd = open(path, O_WRONLY | O_CREAT, 0644);
  write(fd, "data\n", 5);
  close(fd);
  r = posix_spawn(&pid, path, NULL, NULL, args, environ);
  printf("posix_spawn of a file without x permission: %s\n", name(r));
  unlink(path);
  rmdir(dir);

  static volatile int shared = 1;
  pid_t c = vfork();
  if (c == 0) {
    shared = 42;
    _exit(7);
  }
  int status;
  waitpid(c, &status, 0);
  printf("vfork child's store seen by the parent: %d, child status %d\n", shared, WEXITSTATUS(status));

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  char *self[] = {argv[0], "5", NULL};
  r = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, self, environ);
  if (r == 0) waitpid(pid, &status, 0);
  printf("posix_spawn of /proc/self/exe with file actions: %s, status %d\n", name(r), r == 0 ? WEXITSTATUS(status) : -1);
  return 0;
}
