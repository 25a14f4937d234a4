/* See akuma.h. */
#include "akuma.h"

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else {
        while (n--)
            d[n] = s[n];
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

static char out_buf[4096];
static size_t out_len;

void ak_flush(void)
{
    size_t done = 0;
    while (done < out_len) {
        long r = ak_syscall(SYS_write, 1, (long)(out_buf + done), (long)(out_len - done), 0, 0, 0);
        if (r <= 0)
            break; /* nowhere to report it: drop the output */
        done += (size_t)r;
    }
    out_len = 0;
}

void ak_putc(char c)
{
    if (out_len == sizeof out_buf)
        ak_flush();
    out_buf[out_len++] = c;
}

void ak_puts(const char *s)
{
    while (*s)
        ak_putc(*s++);
}

void ak_put_u64(uint64_t v)
{
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        ak_putc(tmp[--n]);
}

void ak_put_i64(int64_t v)
{
    if (v < 0) {
        ak_putc('-');
        ak_put_u64(-(uint64_t)v);
    } else {
        ak_put_u64((uint64_t)v);
    }
}

void ak_put_hex(uint64_t v, int digits)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    ak_puts("0x");
    for (int i = n; i < digits; i++)
        ak_putc('0');
    while (n)
        ak_putc(tmp[--n]);
}

void ak_exit(int code)
{
    ak_flush();
    for (;;)
        ak_syscall(SYS_exit_group, code, 0, 0, 0, 0, 0);
}
