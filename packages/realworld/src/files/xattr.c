/* Extended attributes on a file that has none, as coreutils' ls -l and cp -a ask for them:
 * getxattr/lgetxattr/fgetxattr of an absent name (ENODATA), listxattr of a file with none (an
 * empty list), removexattr of an absent name, and the argument errors (ENOENT, EBADF, ERANGE
 * for an empty name, EINVAL for unknown set flags). Setting one is left out: the host's file
 * system under qemu keeps user attributes, akuma-vm's do not (EOPNOTSUPP). */
#include "common.h"
#include <sys/xattr.h>

int main(int argc, char **argv)
{
    setup(argc, argv);
    char buf[256];
    int fd = open(at("f"), O_CREAT | O_RDWR, 0644);
    symlink("f", at("link"));
    SHOW(getxattr(at("f"), "user.absent", buf, sizeof buf));
    SHOW(lgetxattr(at("link"), "user.absent", buf, sizeof buf));
    SHOW(fgetxattr(fd, "user.absent", buf, sizeof buf));
    SHOW(getxattr(at("f"), "system.posix_acl_access", buf, sizeof buf));
    SHOW(getxattr(at("missing"), "user.absent", buf, sizeof buf));
    SHOW(getxattr(at("f"), "", buf, sizeof buf));
    SHOW(fgetxattr(-1, "user.absent", buf, sizeof buf));
    SHOW(listxattr(at("f"), buf, sizeof buf));
    SHOW(llistxattr(at("link"), buf, sizeof buf));
    SHOW(flistxattr(fd, NULL, 0));
    SHOW(listxattr(at("missing"), buf, sizeof buf));
    SHOW(removexattr(at("f"), "user.absent"));
    SHOW(fremovexattr(fd, "user.absent"));
    SHOW(removexattr(at("f"), ""));
    SHOW(setxattr(at("f"), "user.x", "v", 1, 0x100));
    SHOW(setxattr(at("missing"), "user.x", "v", 1, 0x100));
    close(fd);
    return 0;
}
