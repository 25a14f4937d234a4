/* In-kernel copies: sendfile (with and without an offset pointer, into a pipe),
 * copy_file_range (offsets, flags, overlap), splice through a pipe, tee. */
#include "common.h"
#include <sys/sendfile.h>

static void fill(const char *name, int n)
{
    int fd = open(at(name), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    for (int i = 0; i < n; i++) {
        char line[32];
        int len = snprintf(line, sizeof line, "line %05d\n", i);
        write(fd, line, len);
    }
    close(fd);
}

static long fsize(const char *name)
{
    struct stat st;
    return stat(at(name), &st) == 0 ? (long)st.st_size : -1;
}

static int same(const char *a, const char *b, off_t aoff, long n)
{
    int fa = open(at(a), O_RDONLY), fb = open(at(b), O_RDONLY);
    char x[4096], y[4096];
    int ok = 1;
    for (long done = 0; done < n && ok;) {
        long k = n - done < 4096 ? n - done : 4096;
        if (pread(fa, x, k, aoff + done) != k || pread(fb, y, k, done) != k || memcmp(x, y, k)) ok = 0;
        done += k;
    }
    close(fa);
    close(fb);
    return ok;
}

int main(int argc, char **argv)
{
    setup(argc, argv);
    const char *c = argv[2];
    fill("src", 20000); /* 220000 bytes */
    int in = open(at("src"), O_RDONLY);
    if (!strcmp(c, "sendfile")) {
        int out = open(at("dst"), O_CREAT | O_WRONLY, 0644);
        long total = 0, n;
        while ((n = sendfile(out, in, NULL, 65536)) > 0) total += n;
        SAY("sendfile copied %ld, same: %d, in position %ld", total, same("src", "dst", 0, fsize("src")), (long)lseek(in, 0, SEEK_CUR));
        off_t off = 1000;
        int out2 = open(at("dst2"), O_CREAT | O_WRONLY, 0644);
        SHOW(sendfile(out2, in, &off, 500));
        SAY("offset now %ld, position untouched %ld, same: %d", (long)off, (long)lseek(in, 0, SEEK_CUR), same("src", "dst2", 1000, 500));
        int p[2];
        pipe(p);
        off = 0;
        SHOW(sendfile(p[1], in, &off, 11));
        char b[12] = {0};
        read(p[0], b, 11);
        SAY("through a pipe: %s", b);
        int ap = open(at("dst"), O_WRONLY | O_APPEND);
        SHOW(sendfile(ap, in, &off, 10));
    } else if (!strcmp(c, "copy_file_range")) {
        int out = open(at("dst"), O_CREAT | O_RDWR, 0644);
        long total = 0, n;
        while ((n = copy_file_range(in, NULL, out, NULL, 100000, 0)) > 0) total += n;
        SAY("copied %ld, same: %d", total, same("src", "dst", 0, fsize("src")));
        loff_t a = 11, b = 0;
        int out2 = open(at("dst2"), O_CREAT | O_RDWR, 0644);
        SHOW(copy_file_range(in, &a, out2, &b, 33, 0));
        SAY("offsets now %ld %ld, same: %d", (long)a, (long)b, same("src", "dst2", 11, 33));
        SHOW(copy_file_range(in, &a, out2, &b, 10, 1));
        a = 0; b = 5;
        SHOW(copy_file_range(out, &a, out, &b, 100, 0));
        a = 300000;
        SHOW(copy_file_range(in, &a, out2, NULL, 10, 0));
        SHOW(copy_file_range(in, NULL, in, NULL, 10, 0));
    } else if (!strcmp(c, "splice")) {
        int p[2];
        pipe(p);
        int out = open(at("dst"), O_CREAT | O_WRONLY, 0644);
        long total = 0;
        for (;;) {
            long n = splice(in, NULL, p[1], NULL, 8192, 0);
            if (n <= 0) break;
            while (n > 0) {
                long m = splice(p[0], NULL, out, NULL, n, 0);
                if (m <= 0) break;
                n -= m;
                total += m;
            }
        }
        SAY("spliced %ld, same: %d", total, same("src", "dst", 0, fsize("src")));
        SHOW(splice(in, NULL, out, NULL, 10, 0));
        loff_t off = 0;
        SHOW(splice(p[0], &off, out, NULL, 10, 0));
        int q[2];
        pipe(q);
        write(p[1], "tee me", 6);
        SHOW(tee(p[0], q[1], 100, 0));
        char b[8] = {0}, d[8] = {0};
        SHOW(read(q[0], b, 6));
        SHOW(read(p[0], d, 6));
        SAY("tee gave \"%s\" and left \"%s\"", b, d);
        SHOW(tee(p[0], q[1], 10, SPLICE_F_NONBLOCK));
    }
    cleanup();
    return 0;
}
