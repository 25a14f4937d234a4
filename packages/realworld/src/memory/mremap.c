/* mremap as glibc programs use it: growing in place, moving with MREMAP_MAYMOVE (contents
 * kept, the old range gone), MREMAP_FIXED onto a chosen address, shrinking, a private file
 * mapping moved, realloc of large blocks (glibc's mremap path), and the error cases. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf jump;
static void on_segv(int sig) { siglongjmp(jump, sig); }

/* 1 if reading p faults. */
static int faults(volatile char *p) {
  if (sigsetjmp(jump, 1)) return 1;
  (void)*p;
  return 0;
}

static unsigned sum(const unsigned char *p, size_t n) {
  unsigned s = 0;
  for (size_t i = 0; i < n; i++) s = s * 31 + p[i];
  return s;
}

#define PG 4096

int main(void) {
  signal(SIGSEGV, on_segv);
  /* Grow in place: reserve 8 pages, free the top 5, grow the first 3 back into them. */
  char *a = mmap(NULL, 8 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(a + 3 * PG, 5 * PG);
  for (int i = 0; i < 3 * PG; i++) a[i] = (char)(i * 7);
  unsigned before = sum((unsigned char *)a, 3 * PG);
  char *g = mremap(a, 3 * PG, 8 * PG, 0);
  printf("grow in place: %s, contents kept: %d, new part zero: %d\n", g == a ? "same address" : "moved?!", sum((unsigned char *)g, 3 * PG) == before, g[7 * PG + 5] == 0);

  /* Blocked growth without MAYMOVE: ENOMEM; with it: moved, old range unmapped. */
  char *block = mmap(g + 8 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  errno = 0;
  void *r = mremap(g, 8 * PG, 16 * PG, 0);
  printf("blocked without MAYMOVE: %s errno=%s\n", r == MAP_FAILED ? "MAP_FAILED" : "ok?!", strerrorname_np(errno));
  before = sum((unsigned char *)g, 8 * PG);
  char *m = mremap(g, 8 * PG, 16 * PG, MREMAP_MAYMOVE);
  printf("moved: %d, contents kept: %d, old range faults: %d, tail writable: %d\n", m != g, sum((unsigned char *)m, 8 * PG) == before, faults(g), (m[16 * PG - 1] = 9) == 9);
  munmap(block, PG);

  /* MREMAP_FIXED onto a reserved address (what was there is replaced). */
  char *target = mmap(NULL, 4 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  before = sum((unsigned char *)m, 4 * PG);
  char *f = mremap(m, 16 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target);
  printf("fixed: at target %d, contents kept: %d, writable there: %d, old faults: %d\n", f == target, sum((unsigned char *)f, 4 * PG) == before, (f[100] = 1) == 1, faults(m));

  /* Shrink in place. */
  char *s = mremap(f, 4 * PG, PG, 0);
  printf("shrink: same %d, cut part faults: %d\n", s == f, faults(f + 2 * PG));

  /* A private file mapping moved: its bytes come along, and unread pages still come from the file. */
  char path[] = "/tmp/mremap-XXXXXX";
  int fd = mkstemp(path);
  for (int i = 0; i < 6; i++) {
    char page[PG];
    memset(page, 'a' + i, PG);
    write(fd, page, PG);
  }
  char *fm = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
  char first = fm[0];
  char *fm2 = mremap(fm, 2 * PG, 6 * PG, MREMAP_MAYMOVE);
  printf("file mapping: %c%c%c%c%c%c\n", first, fm2[PG], fm2[2 * PG], fm2[3 * PG], fm2[4 * PG], fm2[5 * PG]);
  close(fd);
  unlink(path);

  /* realloc of large (mmapped) blocks: glibc grows them with mremap. */
  size_t n = 200000;
  unsigned char *big = malloc(n);
  for (size_t i = 0; i < n; i++) big[i] = (unsigned char)(i % 251);
  unsigned want = sum(big, n);
  for (int i = 0; i < 6; i++) {
    n *= 2;
    big = realloc(big, n);
  }
  printf("realloc to %zu bytes: first 200000 kept: %d\n", n, sum(big, 200000) == want);
  free(big);

  /* Errors. */
  errno = 0;
  printf("unaligned: %s\n", mremap(s + 1, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED ? strerrorname_np(errno) : "ok?!");
  errno = 0;
  printf("FIXED without MAYMOVE: %s\n", mremap(s, PG, 2 * PG, MREMAP_FIXED, target + 8 * PG) == MAP_FAILED ? strerrorname_np(errno) : "ok?!");
  char *hole = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(hole, PG);
  errno = 0;
  printf("not mapped: %s\n", mremap(hole, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED ? strerrorname_np(errno) : "ok?!");
  return 0;
}
