/* Minimal runtime for freestanding C guest programs (regcheck, cpubench):
 * Linux AArch64 system calls, buffered output, integer printing, and the
 * mem* functions the compiler may call. No libc. */
#ifndef AKUMA_H
#define AKUMA_H

#include <stddef.h>
#include <stdint.h>

#define SYS_write 64
#define SYS_exit_group 94

/* A system call with up to six arguments. Like the Rust side, only x0 is
 * declared as changed: the kernel must preserve everything else. */
static inline long ak_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a0;
    register long x1 __asm__("x1") = a1;
    register long x2 __asm__("x2") = a2;
    register long x3 __asm__("x3") = a3;
    register long x4 __asm__("x4") = a4;
    register long x5 __asm__("x5") = a5;
    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/* Output to stdout through a 4 KiB buffer; ak_flush() writes it out
 * (ak_exit and a full buffer do too). */
void ak_puts(const char *s);
void ak_putc(char c);
void ak_put_u64(uint64_t v);
void ak_put_i64(int64_t v);
void ak_put_hex(uint64_t v, int digits); /* "0x" + at least `digits` digits */
void ak_flush(void);
__attribute__((noreturn)) void ak_exit(int code);

#endif
