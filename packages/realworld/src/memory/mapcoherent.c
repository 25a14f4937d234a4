/* MAP_SHARED file mappings are the file's page cache: a store through a mapping is seen by
 * read() at once and by every other mapping (in this process and in a fork child mapping the
 * file at another address), a write() is seen in every mapping at once, all without msync;
 * ftruncate zeroes what lies past the new end; the stores reach the file after munmap and
 * close. MAP_SHARED|MAP_ANONYMOUS pages touched first by the child after fork are still
 * shared, and MAP_PRIVATE copies stay apart. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG 4096

static void line(const char *what, const char *p, int n) {
  printf("%s: %.*s\n", what, n, p);
  fflush(stdout);
}

int main(void) {
  char path[] = "/tmp/mapcoherent-XXXXXX";
  int fd = mkstemp(path);
  char page[PG];
  for (int i = 0; i < 3; i++) {
    memset(page, 'a' + i, PG);
    write(fd, page, PG);
  }
  char *m1 = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char *m2 = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);
  char *pv = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  char buf[16] = {0};

  /* A store through the mapping, read() at once. */
  memcpy(m1 + 10, "stored", 6);
  pread(fd, buf, 6, 10);
  line("pread after a store, no msync", buf, 6);
  lseek(fd, 10, SEEK_SET);
  read(fd, buf, 6);
  line("read after a store, no msync", buf, 6);

  /* A write(), every mapping at once. */
  pwrite(fd, "written", 7, PG + 20);
  line("first mapping after pwrite", m1 + PG + 20, 7);
  line("second mapping (other offset) after pwrite", m2 + 20, 7);
  /* One page, two mappings. */
  memcpy(m2 + PG + 5, "via-m2", 6);
  line("first mapping sees the second's store", m1 + 2 * PG + 5, 6);
  /* A private mapping untouched so far reads the current bytes; after its own store it is its own. */
  line("private mapping reads the shared store", pv + 10, 6);
  pv[PG + 20] = 'P';
  m1[PG + 20] = 'S';
  printf("private keeps its copy: %c, shared sees: %c, file has: ", pv[PG + 20], m2[20]);
  pread(fd, buf, 1, PG + 20);
  printf("%c\n", buf[0]);

  /* writev and write across a page edge. */
  lseek(fd, PG - 3, SEEK_SET);
  write(fd, "EDGE!!", 6);
  line("a write across a page edge, in the mapping", m1 + PG - 3, 6);

  /* A fork child maps the file itself, at an address of its own. */
  pid_t c = fork();
  if (c == 0) {
    char *cm = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * PG);
    memcpy(cm + 100, "child-own-map", 13);
    memcpy(m1 + 200, "child-inherited", 15);
    _exit(0);
  }
  waitpid(c, NULL, 0);
  line("parent sees the child's own mapping's store", m2 + PG + 100, 13);
  line("parent sees the child's store through the inherited mapping", m1 + 200, 15);
  pread(fd, buf, 15, 200);
  line("and so does read()", buf, 15);

  /* ftruncate shortens: the mapping past the new end reads zeros once the file grows again. */
  ftruncate(fd, PG + 100);
  ftruncate(fd, 3 * PG);
  printf("after shrinking to %d and growing back: byte %d is %d, byte %d is %c\n", PG + 100, PG + 100, m1[PG + 100], 20, m1[PG + 20]);
  pread(fd, buf, 1, 2 * PG + 5);
  printf("read() past the old cut reads %d\n", buf[0]);

  /* munmap and close: the file keeps the stores. */
  memcpy(m1 + 2 * PG + 300, "last-store", 10);
  munmap(m1, 3 * PG);
  munmap(m2, 2 * PG);
  munmap(pv, 3 * PG);
  close(fd);
  fd = open(path, O_RDONLY);
  pread(fd, buf, 10, 2 * PG + 300);
  line("after munmap and close the file has", buf, 10);
  close(fd);
  unlink(path);

  /* Shared anonymous memory: pages first touched after fork are still shared. */
  char *an = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  an[0] = 'x';
  c = fork();
  if (c == 0) {
    memcpy(an + 3 * PG, "untouched-before-fork", 21);
    an[0] = 'y';
    _exit(0);
  }
  waitpid(c, NULL, 0);
  line("anonymous page the child touched first", an + 3 * PG, 21);
  printf("anonymous page touched before fork: %c\n", an[0]);
  /* The child's own split of the mapping still shares pages. */
  c = fork();
  if (c == 0) {
    mprotect(an + PG, PG, PROT_READ);
    memcpy(an + 2 * PG, "after-split", 11);
    _exit(0);
  }
  waitpid(c, NULL, 0);
  line("after the child split its mapping", an + 2 * PG, 11);
  /* MADV_DONTNEED keeps shared anonymous contents. */
  madvise(an, 4 * PG, MADV_DONTNEED);
  line("shared anonymous after MADV_DONTNEED", an + 3 * PG, 21);
  /* /dev/zero mapped shared behaves as shared anonymous memory. */
  int z = open("/dev/zero", O_RDWR);
  char *zm = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, z, 0);
  close(z);
  c = fork();
  if (c == 0) {
    memcpy(zm, "zero-shared", 11);
    _exit(0);
  }
  waitpid(c, NULL, 0);
  line("MAP_SHARED /dev/zero after the child's store", zm, 11);
  return 0;
}
