/* File mappings: MAP_SHARED stores reach the file (msync, munmap), are seen by a second
 * mapping and across fork, survive close and unlink of the file while mapped; MAP_PRIVATE
 * stores stay private; pages are read from the file when touched, so a private mapping
 * made before a write(2) to an untouched page sees the new bytes, as on Linux. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG 4096

int main(void) {
  char path[] = "/tmp/mapshared-XXXXXX";
  int fd = mkstemp(path);
  char page[PG];
  for (int i = 0; i < 4; i++) {
    memset(page, '0' + i, PG);
    write(fd, page, PG);
  }
  char *sh = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char *pr = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  memcpy(sh, "shared!", 7);
  pr[PG] = 'P';
  msync(sh, 4 * PG, MS_SYNC);
  char buf[8] = {0};
  pread(fd, buf, 7, 0);
  printf("after msync the file has: %s\n", buf);
  pread(fd, buf, 1, PG);
  printf("private store not in the file: %c\n", buf[0]);
  /* A write(2) to a page the private mapping has not touched yet shows in it. */
  pwrite(fd, "W", 1, 3 * PG);
  printf("private mapping reads the new byte of an untouched page: %c\n", pr[3 * PG]);

  /* fork: the child's stores to the shared mapping are the parent's. */
  pid_t pid = fork();
  if (pid == 0) {
    memcpy(sh + 2 * PG, "from child", 10);
    _exit(0);
  }
  waitpid(pid, NULL, 0);
  printf("parent sees: %.10s\n", sh + 2 * PG);

  /* close and unlink while mapped: the mapping keeps working and reaches the file at munmap. */
  int fd2 = open(path, O_RDWR);
  close(fd);
  char *sh2 = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, PG);
  memcpy(sh2, "second", 6);
  munmap(sh2, PG);
  pread(fd2, buf, 6, PG);
  printf("after munmap the file has: %.6s\n", buf);
  unlink(path);
  sh[100] = 'U';
  printf("still mapped after unlink: %.7s %c\n", sh, sh[100]);
  munmap(sh, 4 * PG);
  munmap(pr, 4 * PG);
  close(fd2);
  return 0;
}
