/* eventfd: the counter adds up and reads reset it; EFD_SEMAPHORE reads one at a time;
 * non-blocking reads of zero say EAGAIN; poll readiness; a forked writer wakes a reader. */
#include "netcheck.h"
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/wait.h>

int main(void) {
  int e = eventfd(3, EFD_NONBLOCK);
  uint64_t v = 4;
  SHOW("write", write(e, &v, 8));
  SHOW("read", read(e, &v, 8));
  printf("value %llu\n", (unsigned long long)v);
  SHOW("read empty", read(e, &v, 8));
  SHOW("short read", read(e, &v, 4));
  v = UINT64_MAX;
  SHOW("write max", write(e, &v, 8));
  v = UINT64_MAX - 1;
  SHOW("write to the limit", write(e, &v, 8));
  v = 1;
  SHOW("write past it", write(e, &v, 8));
  struct pollfd pf = {e, POLLIN | POLLOUT, 0};
  poll(&pf, 1, 0);
  printf("full: in %d out %d\n", (pf.revents & POLLIN) != 0, (pf.revents & POLLOUT) != 0);
  read(e, &v, 8);
  close(e);

  int s = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
  for (int i = 0; i < 3; i++) {
    errno = 0;
    int r = read(s, &v, 8);
    printf("semaphore read %d: %d %s value %llu\n", i, r, r < 0 ? errname(errno) : "", r < 0 ? 0ULL : (unsigned long long)v);
  }
  close(s);

  int b = eventfd(0, 0);
  pid_t pid = (fflush(stdout), fork());
  if (pid == 0) {
    usleep(20000);
    uint64_t one = 7;
    write(b, &one, 8);
    exit(0);
  }
  SHOW("blocking read", read(b, &v, 8));
  printf("woken with %llu\n", (unsigned long long)v);
  waitpid(pid, NULL, 0);
  SHOW("bad flags", eventfd(0, 0x10));
  return 0;
}
