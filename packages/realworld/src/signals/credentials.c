/* Linux's uid/gid rules as root and after dropping to an unprivileged user; getgroups/setgroups; kill's EPERM across users; capget; prctl names; personality; waitid; times. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *e(int r) { return r == 0 ? "ok" : errno == EPERM ? "EPERM" : errno == EINVAL ? "EINVAL" : errno == ESRCH ? "ESRCH" : "other"; }

int main(void) {
  uid_t r, ef, s;
  getresuid(&r, &ef, &s);
  printf("start: uid %d euid %d suid %d\n", r, ef, s);
  gid_t groups[4] = {10, 20, 30};
  printf("setgroups as root: %s, count %d\n", e(setgroups(3, groups)), getgroups(0, NULL));
  gid_t got[8];
  int n = getgroups(8, got);
  printf("groups: %d %d %d (n=%d), getgroups too small: %d\n", got[0], got[1], got[2], n, getgroups(1, got));

  pid_t child = fork();
  if (child == 0) {
    /* A target the unprivileged parent may not signal; it goes away by itself. */
    alarm(3);
    pause();
    _exit(0);
  }
  printf("setresgid(100,100,100): %s\n", e(setresgid(100, 100, 100)));
  printf("setresuid(1000,1000,0): %s\n", e(setresuid(1000, 1000, 0)));
  getresuid(&r, &ef, &s);
  printf("now: uid %d euid %d suid %d\n", r, ef, s);
  printf("kill root's child as 1000: %s\n", e(kill(child, SIGTERM)));
  printf("setuid(0) back through the saved uid: %s\n", e(setuid(0)));
  printf("seteuid(1000): %s\n", e(seteuid(1000)));
  printf("setresuid(1000,1000,1000): %s\n", e(setresuid(1000, 1000, 1000)));
  printf("setuid(0) now: %s\n", e(setuid(0)));
  printf("setreuid(-1, 2000): %s\n", e(setreuid(-1, 2000)));
  printf("setgroups unprivileged: %s\n", e(setgroups(0, NULL)));
  printf("kill root's child: %s, kill self: %s, kill nobody: %s\n", e(kill(child, SIGTERM)), e(kill(getpid(), 0)), e(kill(999999, 0)));

  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  printf("capget: %s, effective caps %s\n", e(syscall(SYS_capget, &hdr, data)), data[0].effective ? "some" : "none");
  hdr.version = 0x12345678;
  printf("capget with a bad version: %s, version now %#x\n", e(syscall(SYS_capget, &hdr, NULL)), hdr.version);

  prctl(PR_SET_NAME, "renamed-thread");
  char name[17] = {0};
  prctl(PR_GET_NAME, name);
  printf("prctl name: %s, unknown option: %s\n", name, e(prctl(9999, 0, 0, 0, 0)));
  printf("personality query: %d\n", personality(0xffffffff));
  cpu_set_t cpus;
  CPU_ZERO(&cpus);
  sched_getaffinity(0, sizeof cpus, &cpus);
  printf("cpu 0 in affinity: %d\n", CPU_ISSET(0, &cpus));
  unsigned cpu = 99;
  getcpu(&cpu, NULL);
  printf("getcpu gives a cpu: %d\n", cpu < 4096);

  pid_t c2 = fork();
  if (c2 == 0) _exit(9);
  siginfo_t si;
  memset(&si, 0, sizeof si);
  waitid(P_PID, c2, &si, WEXITED);
  printf("waitid: code %s status %d pid ok %d uid %d\n", si.si_code == CLD_EXITED ? "CLD_EXITED" : "other", si.si_status, si.si_pid == c2, si.si_uid);
  struct tms t;
  printf("times: %s\n", times(&t) != (clock_t)-1 ? "ok" : "failed");
  return 0;
}
