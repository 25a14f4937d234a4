/* kernel-tests: a tiny freestanding runtime for the kernel's guest test programs.
 * Linux AArch64 system calls (only x0 declared as changed: the kernel must keep every
 * other register), unbuffered output, integer printing, mem* functions. No libc. */
#ifndef KT_H
#define KT_H

typedef unsigned long u64;
typedef long i64;
typedef unsigned int u32;
typedef unsigned char u8;
typedef unsigned long size_t;

static inline long sys6(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a0;
    register long x1 __asm__("x1") = a1;
    register long x2 __asm__("x2") = a2;
    register long x3 __asm__("x3") = a3;
    register long x4 __asm__("x4") = a4;
    register long x5 __asm__("x5") = a5;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
    return x0;
}
#define sys0(n) sys6(n, 0, 0, 0, 0, 0, 0)
#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

enum {
    SYS_close = 57, SYS_read = 63, SYS_write = 64, SYS_exit = 93, SYS_exit_group = 94,
    SYS_set_tid_address = 96, SYS_set_robust_list = 99, SYS_nanosleep = 101, SYS_clock_gettime = 113,
    SYS_sched_yield = 124, SYS_kill = 129, SYS_tgkill = 131, SYS_rt_sigaction = 134,
    SYS_rt_sigprocmask = 135, SYS_rt_sigreturn = 139, SYS_uname = 160, SYS_gettimeofday = 169,
    SYS_getpid = 172, SYS_getppid = 173, SYS_getuid = 174, SYS_geteuid = 175, SYS_getgid = 176,
    SYS_getegid = 177, SYS_gettid = 178, SYS_brk = 214, SYS_munmap = 215, SYS_mmap = 222,
    SYS_mprotect = 226, SYS_madvise = 233, SYS_prlimit64 = 261, SYS_getrandom = 278,
};

enum { EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EFAULT = 14,
       EEXIST = 17, EINVAL = 22, ENOSYS = 38 };

#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 1
#define MAP_PRIVATE 2
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000

static inline size_t kt_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static inline int kt_streq(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return *a == *b; }

static inline void kt_write(int fd, const char *s, size_t n) { sys3(SYS_write, fd, s, n); }
static inline void kt_puts(const char *s) { kt_write(1, s, kt_strlen(s)); }
static inline void kt_eputs(const char *s) { kt_write(2, s, kt_strlen(s)); }
static inline void kt_putu(u64 v)
{
    char b[24];
    int i = 23;
    b[i] = 0;
    do { b[--i] = '0' + v % 10; v /= 10; } while (v);
    kt_puts(b + i);
}
static inline void kt_puti(i64 v)
{
    if (v < 0) { kt_puts("-"); kt_putu((u64)-v); } else kt_putu((u64)v);
}
static inline void kt_puthex(u64 v)
{
    char b[20];
    int i = 19;
    b[i] = 0;
    do { b[--i] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
    b[--i] = 'x';
    b[--i] = '0';
    kt_puts(b + i);
}
__attribute__((noreturn)) static inline void kt_exit(int code)
{
    for (;;) sys1(SYS_exit_group, code);
}

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);

/* Program entry: _start reads argc/argv/envp from the stack and calls main. */
int main(int argc, char **argv, char **envp);

#define KT_START                                                                    \
    __asm__(".globl _start\n_start:\n mov x29, #0\n mov x30, #0\n ldr x0, [sp]\n"    \
            " add x1, sp, #8\n add x2, x1, x0, lsl #3\n add x2, x2, #8\n"           \
            " bl kt_main\n b .\n");                                                 \
    void *memset(void *d, int c, size_t n) { u8 *p = d; while (n--) *p++ = (u8)c; return d; } \
    void *memcpy(void *d, const void *s, size_t n) { u8 *p = d; const u8 *q = s; while (n--) *p++ = *q++; return d; } \
    __attribute__((used)) void kt_main(int argc, char **argv, char **envp) { kt_exit(main(argc, argv, envp)); }

#endif
