/* df's view: statfs/fstatfs of /proc, of a pipe and of the scratch directory. Only what every
 * Linux agrees on is printed (magic numbers of proc and pipes, consistent totals). */
#include "common.h"
#include <sys/statfs.h>
#include <sys/statvfs.h>

int main(int argc, char **argv)
{
    setup(argc, argv);
    struct statfs s;
    SHOW(statfs("/proc", &s));
    SAY("/proc f_type 0x%lx", (long)s.f_type);
    SHOW(statfs(scratch, &s));
    SAY("scratch: bsize>0 %d, blocks>=bfree %d, bfree>=bavail %d, files>=ffree %d, namelen %ld", s.f_bsize > 0, s.f_blocks >= s.f_bfree, s.f_bfree >= s.f_bavail, s.f_files >= s.f_ffree, (long)s.f_namelen);
    struct statfs before = s;
    int fd = open(at("fill"), O_CREAT | O_WRONLY, 0644);
    static char buf[1 << 20];
    memset(buf, 'z', sizeof buf);
    for (int i = 0; i < 4; i++) write(fd, buf, sizeof buf);
    fsync(fd);
    struct statfs after;
    SHOW(fstatfs(fd, &after));
    SAY("4 MiB written: free space went down %d, same file system %d", after.f_bfree < before.f_bfree, after.f_type == before.f_type);
    int p[2];
    pipe(p);
    SHOW(fstatfs(p[0], &s));
    SAY("pipe f_type 0x%lx", (long)s.f_type);
    SHOW(statfs(at("missing"), &s));
    SHOW(fstatfs(closed_fd(), &s));
    struct statvfs v;
    SHOW(statvfs("/proc", &v));
    SAY("statvfs /proc: namemax %ld", (long)v.f_namemax);
    cleanup();
    return 0;
}
