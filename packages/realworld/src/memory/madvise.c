/* mincore, madvise and mremap's last flags: mincore says which pages are in memory (touched
 * anonymous pages, a file's cached pages, none past its end) and its errors; MADV_DONTNEED
 * gives private anonymous memory back as zeros, a private file mapping its file's bytes again
 * and leaves shared memory alone; MREMAP_DONTUNMAP's checks; MREMAP_FIXED moves onto a given address, replacing what was there.
 * (qemu-aarch64 7.2 ignores madvise's errors: the reference is the host's Linux.) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PG 4096

static void core(const char *what, void *p, size_t len) {
  unsigned char v[16] = {0};
  int r = mincore(p, len, v);
  printf("%s: ", what);
  if (r < 0) printf("-1 %s", strerrorname_np(errno));
  else
    for (size_t i = 0; i < (len + PG - 1) / PG; i++) putchar('0' + (v[i] & 1));
  putchar('\n');
}

static void errno_of(const char *what, long r) {
  if (r == -1 || r == (long)MAP_FAILED) printf("%s: -1 %s\n", what, strerrorname_np(errno));
  else printf("%s: ok\n", what);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  /* Anonymous: touched pages are in memory, DONTNEED drops them. */
  /* Five pages with the fifth given back: a range known to be unmapped. */
  char *a = mmap(NULL, 5 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  munmap(a + 4 * PG, PG);
  core("fresh anonymous", a, 4 * PG);
  a[0] = 1;
  a[2 * PG] = 2;
  core("after touching pages 0 and 2", a, 4 * PG);
  memset(a, 'A', 4 * PG);
  madvise(a + PG, 2 * PG, MADV_DONTNEED);
  printf("after MADV_DONTNEED of pages 1-2: %c %d %d %c\n", a[0], a[PG], a[2 * PG + 7], a[3 * PG]);
  core("mincore after the reads", a, 4 * PG);
  errno_of("mincore of an unaligned address", mincore(a + 1, PG, (unsigned char[2]){0}));
  errno_of("mincore of an unmapped range", mincore(a + 4 * PG, PG, (unsigned char[2]){0}));
  errno_of("madvise of an unmapped range", madvise(a + 4 * PG, PG, MADV_DONTNEED));
  errno_of("madvise with advice 999", madvise(a, PG, 999));
  errno_of("madvise MADV_WILLNEED", madvise(a, PG, MADV_WILLNEED));

  /* A file: private mapping refaults from the file, a shared one keeps its stores. */
  char path[] = "/tmp/madvise-XXXXXX";
  int fd = mkstemp(path);
  char page[PG];
  memset(page, 'f', PG);
  write(fd, page, PG);
  write(fd, page, 100);
  char *pf = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  core("file mapping (2 pages of file, 3 mapped)", pf, 3 * PG);
  pf[10] = 'X';
  madvise(pf, PG, MADV_DONTNEED);
  printf("private file page after DONTNEED: %c\n", pf[10]);
  char *sf = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  sf[10] = 'S';
  madvise(sf, PG, MADV_DONTNEED);
  printf("shared file page after DONTNEED: %c\n", sf[10]);
  char *sa = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  sa[0] = 'K';
  madvise(sa, PG, MADV_DONTNEED);
  printf("shared anonymous after DONTNEED: %c\n", sa[0]);

  /* MREMAP_DONTUNMAP's argument checks (it is always a move, never a resize). */
  char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  errno_of("MREMAP_DONTUNMAP with a new size", (long)mremap(m, 2 * PG, 3 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP));
  errno_of("MREMAP_DONTUNMAP without MREMAP_MAYMOVE", (long)mremap(m, 2 * PG, 2 * PG, MREMAP_DONTUNMAP));

  /* MREMAP_FIXED onto an existing mapping. */
  char *dst = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  memset(dst, 'D', 3 * PG);
  char *src = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  strcpy(src, "fixed move");
  char *f = mremap(src, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst + PG);
  printf("MREMAP_FIXED: at the given address %s, reads \"%s\", neighbours %c %c\n", f == dst + PG ? "yes" : "no", f, dst[0], dst[2 * PG]);
  errno_of("source after MREMAP_FIXED (mincore)", mincore(src, PG, (unsigned char[2]){0}));
  errno_of("MREMAP_FIXED overlapping its source", (long)mremap(dst, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, dst + PG));
  errno_of("MREMAP_FIXED without MREMAP_MAYMOVE", (long)mremap(dst, PG, PG, MREMAP_FIXED, dst + 2 * PG));
  close(fd);
  unlink(path);
  return 0;
}
