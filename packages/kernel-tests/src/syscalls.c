/* syscalls: checks the result and errno of each kernel-core system call, one line per check.
 * The output is the same under akuma-vm and qemu-aarch64 (no addresses or pids printed);
 * exit status 0 when every check passed, 1 otherwise. */
#include "kt.h"

KT_START

static int failures, checks;

static void check(const char *what, int ok, long got)
{
    checks++;
    if (ok) {
        kt_puts("ok   ");
        kt_puts(what);
        kt_puts("\n");
    } else {
        failures++;
        kt_puts("FAIL ");
        kt_puts(what);
        kt_puts(" (got ");
        kt_puti(got);
        kt_puts(")\n");
    }
}
#define EXPECT_ERR(what, call, err) do { long r_ = (call); check(what, r_ == -(err), r_); } while (0)
#define EXPECT_EQ(what, call, v) do { long r_ = (call); check(what, r_ == (long)(v), r_); } while (0)
#define EXPECT(what, cond, v) check(what, (cond), (long)(v))

struct k_sigaction { u64 handler, flags, restorer, mask; };
struct timespec { i64 sec, nsec; };
struct rlimit { u64 cur, max; };

#define SA_SIGINFO 4
#define SA_RESTORER 0x04000000
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGSEGV 11
#define SIGKILL 9

extern void kt_restorer(void);
__asm__(".globl kt_restorer\nkt_restorer:\n mov x8, #139\n svc #0\n");

static volatile int got_usr1, got_usr2, last_sig;
static volatile u64 handler_x1_ok;

static void on_signal(int sig, void *info, void *uc)
{
    last_sig = sig;
    if (sig == SIGUSR1) got_usr1++;
    if (sig == SIGUSR2) got_usr2++;
    handler_x1_ok = info != 0 && uc != 0 && *(int *)info == sig;
}

/* SIGSEGV handler: checks si_addr and resumes after the faulting instruction by editing the
 * saved PC in the ucontext (Linux arm64 layout: uc_mcontext at 176, pc at +264). */
static volatile u64 segv_addr;
static void on_segv(int sig, void *info, void *uc)
{
    (void)sig;
    segv_addr = *(u64 *)((u8 *)info + 16);
    *(u64 *)((u8 *)uc + 176 + 264) += 4;
}

static volatile int got_plain;
static void on_plain(int sig, void *info, void *uc)
{
    (void)info; (void)uc;
    got_plain = sig;
}

static long sigaction(int sig, void (*fn)(int, void *, void *), struct k_sigaction *old)
{
    struct k_sigaction a = { (u64)fn, SA_SIGINFO | SA_RESTORER, (u64)kt_restorer, 0 };
    return sys4(SYS_rt_sigaction, sig, &a, old, 8);
}

static i64 now_ns(void)
{
    struct timespec t;
    sys2(SYS_clock_gettime, 1, &t);
    return t.sec * 1000000000L + t.nsec;
}

#define BAD_PTR ((void *)0x10)

static void test_ids(void)
{
    long pid = sys0(SYS_getpid);
    EXPECT("getpid > 0", pid > 0, pid);
    EXPECT("getppid >= 0", sys0(SYS_getppid) >= 0, sys0(SYS_getppid));
    EXPECT_EQ("gettid == getpid", sys0(SYS_gettid), pid);
    EXPECT_EQ("geteuid == getuid", sys0(SYS_geteuid), sys0(SYS_getuid));
    EXPECT_EQ("getegid == getgid", sys0(SYS_getegid), sys0(SYS_getgid));
    int tid_word;
    EXPECT_EQ("set_tid_address returns the tid", sys1(SYS_set_tid_address, &tid_word), pid);
    EXPECT_EQ("sched_yield", sys0(SYS_sched_yield), 0);
    EXPECT_ERR("unknown syscall 999 = ENOSYS", sys0(999), ENOSYS);
    EXPECT_ERR("unknown syscall 4000 = ENOSYS", sys0(4000), ENOSYS);
}

static void test_brk(void)
{
    u64 cur = sys1(SYS_brk, 0);
    EXPECT("brk(0) returns the break", cur > 0 && (cur & 0xfff) == 0, cur);
    u64 want = cur + 100000;
    EXPECT_EQ("brk grows by 100000", sys1(SYS_brk, want), want);
    volatile u8 *heap = (u8 *)cur;
    int zero = 1;
    for (u64 i = 0; i < 100000; i += 997) zero &= heap[i] == 0;
    EXPECT("new heap memory is zero", zero, 0);
    heap[0] = 1;
    heap[99999] = 2;
    EXPECT("heap memory keeps what is stored", heap[0] == 1 && heap[99999] == 2, heap[0]);
    EXPECT_EQ("brk shrinks back", sys1(SYS_brk, cur), cur);
    EXPECT_EQ("brk(huge) fails, returns old break", sys1(SYS_brk, cur + (1UL << 45)), cur);
    EXPECT_EQ("brk below start is refused", sys1(SYS_brk, 0x1000), cur);
    EXPECT_EQ("brk grows again", sys1(SYS_brk, cur + 4096), cur + 4096);
    EXPECT("regrown heap is zero again", ((volatile u8 *)cur)[0] == 0, ((volatile u8 *)cur)[0]);
}

static void test_mmap(void)
{
    long a = sys6(SYS_mmap, 0, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT("mmap anonymous 32 KiB", a > 0 && (a & 0xfff) == 0, a);
    volatile u8 *p = (u8 *)a;
    int zero = 1;
    for (int i = 0; i < 8 * 4096; i += 511) zero &= p[i] == 0;
    EXPECT("mmap memory is zero", zero, 0);
    for (int i = 0; i < 8 * 4096; i += 4096) p[i] = (u8)(i / 4096 + 1);
    EXPECT("mmap memory keeps what is stored", p[0] == 1 && p[7 * 4096] == 8, p[7 * 4096]);
    long b = sys6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT("second mapping does not overlap", b > 0 && (b >= a + 8 * 4096 || b + 4096 <= a), b);
    EXPECT_EQ("madvise DONTNEED", sys3(SYS_madvise, a, 4096, 4), 0);
    EXPECT("page reads zero after DONTNEED", p[0] == 0 && p[4096] == 2, p[0]);
    EXPECT_EQ("mprotect read-only", sys3(SYS_mprotect, a, 4096, PROT_READ), 0);
    EXPECT("read-only page still reads", p[4096] == 2, p[4096]);
    EXPECT_EQ("munmap part of it", sys2(SYS_munmap, a + 4096, 4096), 0);
    EXPECT_EQ("munmap the rest", sys2(SYS_munmap, a, 8 * 4096), 0);
    EXPECT_EQ("munmap the second", sys2(SYS_munmap, b, 4096), 0);

    long fixed = 0x20000000;
    EXPECT_EQ("mmap MAP_FIXED at 0x20000000", sys6(SYS_mmap, fixed, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), fixed);
    *(volatile int *)fixed = 42;
    EXPECT_EQ("MAP_FIXED replaces the old mapping", sys6(SYS_mmap, fixed, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), fixed);
    EXPECT("replaced page is zero", *(volatile int *)fixed == 0, *(volatile int *)fixed);
    EXPECT_ERR("MAP_FIXED_NOREPLACE over a mapping = EEXIST", sys6(SYS_mmap, fixed, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
    long hinted = sys6(SYS_mmap, 0x30000000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT("mmap with a free hint gets it", hinted == 0x30000000, hinted);
    sys2(SYS_munmap, hinted, 4096);
    sys2(SYS_munmap, fixed, 2 * 4096);

    long s = sys6(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    EXPECT("mmap shared anonymous", s > 0, s);
    *(volatile int *)s = 7;
    EXPECT("shared mapping keeps what is stored", *(volatile int *)s == 7, *(volatile int *)s);
    sys2(SYS_munmap, s, 4096);

    EXPECT_ERR("mmap length 0 = EINVAL", sys6(SYS_mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
    EXPECT_ERR("mmap neither shared nor private = EINVAL", sys6(SYS_mmap, 0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
    EXPECT_ERR("mmap unaligned offset = EINVAL", sys6(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 100), EINVAL);
    EXPECT_ERR("mmap MAP_FIXED unaligned = EINVAL", sys6(SYS_mmap, 0x20000010, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
    EXPECT_ERR("mmap of a bad fd = EBADF", sys6(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE, 999, 0), EBADF);
    EXPECT_ERR("mmap 2^46 bytes = ENOMEM", sys6(SYS_mmap, 0, 1UL << 46, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), ENOMEM);
    EXPECT_ERR("munmap unaligned = EINVAL", sys2(SYS_munmap, 0x20000001, 4096), EINVAL);
    EXPECT_ERR("munmap length 0 = EINVAL", sys2(SYS_munmap, 0x20000000, 0), EINVAL);
    EXPECT_ERR("mprotect unaligned = EINVAL", sys3(SYS_mprotect, 0x20000001, 4096, PROT_READ), EINVAL);
    EXPECT_ERR("mprotect unmapped = ENOMEM", sys3(SYS_mprotect, 0x20000000, 4096, PROT_READ), ENOMEM);
}

static void test_signals(void)
{
    struct k_sigaction old;
    EXPECT_ERR("rt_sigaction(0) = EINVAL", sigaction(0, on_signal, 0), EINVAL);
    EXPECT_ERR("rt_sigaction(65) = EINVAL", sigaction(65, on_signal, 0), EINVAL);
    EXPECT_ERR("rt_sigaction(SIGKILL) = EINVAL", sigaction(SIGKILL, on_signal, 0), EINVAL);
    struct k_sigaction a = { (u64)on_signal, SA_RESTORER, (u64)kt_restorer, 0 };
    EXPECT_ERR("rt_sigaction sigsetsize 4 = EINVAL", sys4(SYS_rt_sigaction, SIGUSR1, &a, 0, 4), EINVAL);
    EXPECT_ERR("rt_sigaction bad act pointer = EFAULT", sys4(SYS_rt_sigaction, SIGUSR1, BAD_PTR, 0, 8), EFAULT);
    EXPECT_EQ("rt_sigaction installs a handler", sigaction(SIGUSR1, on_signal, &old), 0);
    EXPECT_EQ("old action was SIG_DFL", old.handler, 0);
    sigaction(SIGUSR2, on_signal, 0);
    struct k_sigaction cur;
    sys4(SYS_rt_sigaction, SIGUSR1, 0, &cur, 8);
    EXPECT("rt_sigaction reads the handler back", cur.handler == (u64)on_signal, cur.handler);

    long pid = sys0(SYS_getpid);
    EXPECT_EQ("kill(self, SIGUSR1)", sys2(SYS_kill, pid, SIGUSR1), 0);
    EXPECT("handler ran once with siginfo", got_usr1 == 1 && handler_x1_ok, got_usr1);

    u64 set = 1UL << (SIGUSR1 - 1), oldset = 99;
    EXPECT_EQ("rt_sigprocmask SIG_BLOCK", sys4(SYS_rt_sigprocmask, 0, &set, &oldset, 8), 0);
    EXPECT_EQ("old mask was empty", oldset, 0);
    sys2(SYS_kill, pid, SIGUSR1);
    EXPECT("blocked signal stays pending", got_usr1 == 1, got_usr1);
    EXPECT_EQ("rt_sigprocmask SIG_UNBLOCK", sys4(SYS_rt_sigprocmask, 1, &set, 0, 8), 0);
    EXPECT("unblocked signal is delivered", got_usr1 == 2, got_usr1);
    EXPECT_ERR("rt_sigprocmask bad how = EINVAL", sys4(SYS_rt_sigprocmask, 7, &set, 0, 8), EINVAL);
    EXPECT_ERR("rt_sigprocmask bad size = EINVAL", sys4(SYS_rt_sigprocmask, 0, &set, 0, 4), EINVAL);
    EXPECT_ERR("rt_sigprocmask bad pointer = EFAULT", sys4(SYS_rt_sigprocmask, 0, BAD_PTR, 0, 8), EFAULT);

    EXPECT_EQ("tgkill(self, self, SIGUSR2)", sys3(SYS_tgkill, pid, sys0(SYS_gettid), SIGUSR2), 0);
    EXPECT("tgkill delivered", got_usr2 == 1, got_usr2);
    EXPECT_ERR("kill(no such pid) = ESRCH", sys2(SYS_kill, 999999, 0), ESRCH);
    EXPECT_ERR("kill(self, 99) = EINVAL", sys2(SYS_kill, pid, 99), EINVAL);
    EXPECT_EQ("kill(self, 0) probes", sys2(SYS_kill, pid, 0), 0);
    EXPECT_ERR("tgkill(wrong tgid) = ESRCH", sys3(SYS_tgkill, 999999, 999999, SIGUSR2), ESRCH);

    struct k_sigaction segv = { (u64)on_segv, SA_SIGINFO | SA_RESTORER, (u64)kt_restorer, 0 };
    EXPECT_EQ("rt_sigaction(SIGSEGV)", sys4(SYS_rt_sigaction, SIGSEGV, &segv, 0, 8), 0);
    register u64 keep __asm__("x19") = 0x1234567890abcdefUL;
    __asm__ volatile("" : "+r"(keep));
    *(volatile u8 *)0x816003 = 1;
    __asm__ volatile("" : "+r"(keep));
    EXPECT("SIGSEGV handler got si_addr and resumed", segv_addr == 0x816003, segv_addr);
    EXPECT("registers survive the signal frame round trip", keep == 0x1234567890abcdefUL, keep);
    struct k_sigaction dfl = { 0, 0, 0, 0 };
    sys4(SYS_rt_sigaction, SIGSEGV, &dfl, 0, 8);

    struct k_sigaction plain = { (u64)on_plain, 0, 0, 0 };
    EXPECT_EQ("rt_sigaction without SA_RESTORER", sys4(SYS_rt_sigaction, SIGUSR1, &plain, 0, 8), 0);
    sys2(SYS_kill, pid, SIGUSR1);
    EXPECT("handler returns through the kernel's sigreturn trampoline", got_plain == SIGUSR1, got_plain);

    struct k_sigaction ign = { 1, SA_RESTORER, (u64)kt_restorer, 0 };
    sys4(SYS_rt_sigaction, SIGUSR2, &ign, 0, 8);
    sys2(SYS_kill, pid, SIGUSR2);
    EXPECT("ignored signal does nothing", got_usr2 == 1, got_usr2);
}

static void test_time(void)
{
    struct timespec t;
    EXPECT_EQ("clock_gettime(MONOTONIC)", sys2(SYS_clock_gettime, 1, &t), 0);
    EXPECT_EQ("clock_gettime(REALTIME)", sys2(SYS_clock_gettime, 0, &t), 0);
    EXPECT("realtime is after 2020", t.sec > 1577836800L, t.sec);
    EXPECT_ERR("clock_gettime(bad clock) = EINVAL", sys2(SYS_clock_gettime, 99, &t), EINVAL);
    EXPECT_ERR("clock_gettime(bad pointer) = EFAULT", sys2(SYS_clock_gettime, 1, BAD_PTR), EFAULT);
    struct { i64 sec, usec; } tv;
    EXPECT_EQ("gettimeofday", sys2(SYS_gettimeofday, &tv, 0), 0);
    EXPECT("gettimeofday usec in range", tv.usec >= 0 && tv.usec < 1000000, tv.usec);
    i64 t0 = now_ns();
    struct timespec req = { 0, 30 * 1000000 };
    EXPECT_EQ("nanosleep 30 ms", sys2(SYS_nanosleep, &req, 0), 0);
    i64 slept = now_ns() - t0;
    EXPECT("nanosleep slept at least 30 ms", slept >= 30 * 1000000L, slept);
    EXPECT("monotonic clock moves forward", now_ns() >= t0, 0);
    struct timespec badreq = { 0, 2000000000L };
    EXPECT_ERR("nanosleep nsec out of range = EINVAL", sys2(SYS_nanosleep, &badreq, 0), EINVAL);
    EXPECT_ERR("nanosleep bad pointer = EFAULT", sys2(SYS_nanosleep, BAD_PTR, 0), EFAULT);
}

static void test_misc(void)
{
    char uts[65 * 6];
    EXPECT_EQ("uname", sys1(SYS_uname, uts), 0);
    EXPECT("uname sysname is Linux", kt_streq(uts, "Linux"), 0);
    EXPECT("uname machine is aarch64", kt_streq(uts + 65 * 4, "aarch64"), 0);
    EXPECT_ERR("uname(bad pointer) = EFAULT", sys1(SYS_uname, BAD_PTR), EFAULT);

    u8 buf[64];
    memset(buf, 0, sizeof buf);
    EXPECT_EQ("getrandom 64 bytes", sys3(SYS_getrandom, buf, 64, 0), 64);
    int nonzero = 0;
    for (int i = 0; i < 64; i++) nonzero |= buf[i];
    EXPECT("getrandom filled the buffer", nonzero != 0, 0);
    EXPECT_ERR("getrandom bad flags = EINVAL", sys3(SYS_getrandom, buf, 8, 0x100), EINVAL);
    EXPECT_ERR("getrandom bad pointer = EFAULT", sys3(SYS_getrandom, BAD_PTR, 8, 0), EFAULT);

    struct rlimit rl;
    EXPECT_EQ("prlimit64(RLIMIT_STACK)", sys4(SYS_prlimit64, 0, 3, 0, &rl), 0);
    EXPECT("stack limit is at least 1 MiB", rl.cur >= (1UL << 20), rl.cur);
    EXPECT_EQ("prlimit64(RLIMIT_NOFILE)", sys4(SYS_prlimit64, 0, 7, 0, &rl), 0);
    EXPECT("fd limit is positive", rl.cur > 0 && rl.cur <= rl.max, rl.cur);
    EXPECT_ERR("prlimit64(bad resource) = EINVAL", sys4(SYS_prlimit64, 0, 99, 0, &rl), EINVAL);
    EXPECT_ERR("prlimit64(bad pointer) = EFAULT", sys4(SYS_prlimit64, 0, 3, 0, BAD_PTR), EFAULT);
    EXPECT_ERR("prlimit64(no such pid) = ESRCH", sys4(SYS_prlimit64, 999999, 3, 0, &rl), ESRCH);

    EXPECT_ERR("close(-1) = EBADF", sys1(SYS_close, -1), EBADF);
    EXPECT_ERR("write to a bad pointer = EFAULT", sys3(SYS_write, 1, BAD_PTR, 10), EFAULT);
}


/* Process, credential, scheduling, timer and signal-state calls (issue 8's former ENOSYS list). */
static void test_process_calls(void)
{
    unsigned r = 7, e = 7, sv = 7;
    EXPECT_EQ("getresuid", sys3(148, &r, &e, &sv), 0);
    EXPECT("getresuid matches getuid/geteuid", r == (unsigned)sys0(SYS_getuid) && e == (unsigned)sys0(SYS_geteuid), r);
    EXPECT_EQ("getresgid", sys3(150, &r, &e, &sv), 0);
    EXPECT("getresgid matches getgid", r == (unsigned)sys0(SYS_getgid), r);
    EXPECT_ERR("getresuid(bad pointer) = EFAULT", sys3(148, BAD_PTR, &e, &sv), EFAULT);
    EXPECT_EQ("setuid(own uid)", sys1(146, sys0(SYS_getuid)), 0);
    EXPECT_EQ("setresgid(-1,-1,-1) changes nothing", sys3(149, -1, -1, -1), 0);
    EXPECT("getgroups(0) counts", sys2(158, 0, 0) >= 0, sys2(158, 0, 0));
    EXPECT_ERR("getgroups(-1) = EINVAL", sys2(158, -1, 0), EINVAL);

    u64 mask[2] = {0, 0};
    long n = sys3(123, 0, sizeof mask, mask);
    EXPECT("sched_getaffinity returns a mask size", n > 0 && n <= (long)sizeof mask, n);
    EXPECT("sched_getaffinity has a CPU", mask[0] != 0, 0);
    EXPECT_ERR("sched_getaffinity(size 1) = EINVAL", sys3(123, 0, 1, mask), EINVAL);
    EXPECT_ERR("sched_getaffinity(no such pid) = ESRCH", sys3(123, 999999, sizeof mask, mask), ESRCH);
    EXPECT_EQ("sched_setaffinity(its own mask)", sys3(122, 0, sizeof mask, mask), 0);
    unsigned cpu = 12345;
    EXPECT_EQ("getcpu", sys3(168, &cpu, 0, 0), 0);
    EXPECT("getcpu gave a CPU number", cpu < 4096, cpu);

    char name[16];
    EXPECT_EQ("prctl(PR_SET_NAME)", sys2(167, 15, "kt-name"), 0);
    EXPECT_EQ("prctl(PR_GET_NAME)", sys2(167, 16, name), 0);
    EXPECT("prctl name round-trips", kt_streq(name, "kt-name"), 0);
    EXPECT_ERR("prctl(unknown option) = EINVAL", sys2(167, 0x7fff, 0), EINVAL);
    EXPECT_EQ("prctl(PR_GET_DUMPABLE)", sys1(167, 3), 1);
    EXPECT_EQ("personality(query)", sys1(92, 0xffffffff), 0);
    EXPECT("membarrier(QUERY) lists commands", sys2(283, 0, 0) > 0, sys2(283, 0, 0));
    EXPECT_ERR("membarrier(PRIVATE_EXPEDITED unregistered) = EPERM", sys2(283, 8, 0), EPERM);
    EXPECT_EQ("membarrier(REGISTER_PRIVATE_EXPEDITED)", sys2(283, 16, 0), 0);
    EXPECT_EQ("membarrier(PRIVATE_EXPEDITED)", sys2(283, 8, 0), 0);
    EXPECT_ERR("membarrier(bad flags) = EINVAL", sys2(283, 0, 1), EINVAL);

    u64 itv[4] = {0, 0, 5, 0}; /* interval 0, value 5 s */
    u64 old[4];
    EXPECT_EQ("setitimer(ITIMER_REAL, 5 s)", sys3(103, 0, itv, 0), 0);
    EXPECT_EQ("getitimer(ITIMER_REAL)", sys2(102, 0, old), 0);
    EXPECT("getitimer shows it armed", old[2] <= 5 && (old[2] > 0 || old[3] > 0), old[2]);
    u64 off[4] = {0, 0, 0, 0};
    EXPECT_EQ("setitimer(disarm) returns the old value", sys3(103, 0, off, old), 0);
    EXPECT("old value was armed", old[2] > 0 || old[3] > 0, old[2]);
    EXPECT_ERR("setitimer(bad which) = EINVAL", sys3(103, 9, off, 0), EINVAL);
    EXPECT_ERR("setitimer(bad usec) = EINVAL", sys3(103, 0, ((u64[]){0, 0, 0, 2000000}), 0), EINVAL);

    u64 tms[4];
    EXPECT("times returns a tick count", sys1(153, tms) >= 0, 0);
    u64 pending = 99;
    EXPECT_EQ("rt_sigpending", sys2(136, &pending, 8), 0);
    EXPECT_EQ("nothing pending", pending, 0);
    EXPECT_ERR("rt_sigpending(size 9) = EINVAL", sys2(136, &pending, 9), EINVAL);
    u64 ss[3] = {1, 1, 1};
    EXPECT_EQ("sigaltstack(query)", sys2(132, 0, ss), 0);
    EXPECT_EQ("no alternate stack: SS_DISABLE", (int)ss[1], 2);
    u64 small[3] = {0x10000, 0, 1024};
    EXPECT_ERR("sigaltstack(too small) = ENOMEM", sys2(132, small, 0), ENOMEM);
    u64 badflags[3] = {0x10000, 77, 65536};
    EXPECT_ERR("sigaltstack(bad flags) = EINVAL", sys2(132, badflags, 0), EINVAL);
    u64 set = 1UL << (SIGUSR2 - 1);
    u64 zero[2] = {0, 0};
    EXPECT_ERR("rt_sigtimedwait(timeout 0) = EAGAIN", sys4(137, &set, 0, zero, 8), EAGAIN);
    EXPECT_ERR("rt_sigtimedwait(bad size) = EINVAL", sys4(137, &set, 0, zero, 4), EINVAL);
    u64 info[16];
    EXPECT_ERR("waitid(no children) = ECHILD", sys4(95, 0, 0, info, 4), 10 /* ECHILD */);
    EXPECT_ERR("waitid(no WEXITED) = EINVAL", sys4(95, 0, 0, info, 0), EINVAL);
    EXPECT_ERR("tgkill(wrong tgid) = ESRCH", sys3(SYS_tgkill, 999999, sys0(SYS_gettid), 0), ESRCH);
    EXPECT_EQ("tgkill(self, 0)", sys3(SYS_tgkill, sys0(SYS_getpid), sys0(SYS_gettid), 0), 0);
    u32 hdr[2] = {0x20080522, 0};
    u32 caps[6];
    EXPECT_EQ("capget(v3)", sys2(90, hdr, caps), 0);
    hdr[0] = 1;
    EXPECT_ERR("capget(bad version) = EINVAL", sys2(90, hdr, caps), EINVAL);
    EXPECT_EQ("capget wrote the preferred version", hdr[0], 0x20080522);
    u32 robust_len = 0;
    u64 head = 0;
    EXPECT_EQ("get_robust_list(self)", sys3(100, 0, &head, &robust_len), 0);
    EXPECT_EQ("robust list length 24", robust_len, 24);
}

static int depth(int n)
{
    volatile char pad[4000];
    pad[0] = (char)n;
    pad[3999] = (char)n;
    return n == 0 ? 0 : depth(n - 1) + (pad[0] == pad[3999] ? 0 : 1);
}

int main(int argc, char **argv, char **envp)
{
    (void)envp;
    EXPECT("argc >= 1 and argv[0] set", argc >= 1 && argv[0] && argv[0][0], argc);
    EXPECT("argv is NULL-terminated", argv[argc] == 0, 0);
    test_ids();
    test_brk();
    test_mmap();
    test_signals();
    test_time();
    test_misc();
    test_process_calls();
    EXPECT_EQ("stack grows on demand (2 MiB of frames)", depth(500), 0);
    kt_puts(failures ? "SOME FAILED\n" : "ALL PASSED\n");
    return failures ? 1 : 0;
}
