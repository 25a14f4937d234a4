/* A bound AF_UNIX path socket is a socket in the file system, as ls -l, test -S and
 * find -type s see it: stat gives S_IFSOCK with the mode 0777 less the umask, readdir gives
 * DT_SOCK, open gives ENXIO, a second bind gives EADDRINUSE, connect through the name
 * works, and unlink removes the name while the socket lives on. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
}

int main(void)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/akuma-sockfile-%d", (int)getpid());
    mkdir(dir, 0755);
    umask(022);
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    snprintf(a.sun_path, sizeof a.sun_path, "%s/sock", dir);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    show("bind", bind(s, (struct sockaddr *)&a, sizeof a));
    show("listen", listen(s, 4));
    struct stat st;
    show("stat", stat(a.sun_path, &st));
    printf("S_ISSOCK %d S_ISREG %d mode %o size %lld\n", S_ISSOCK(st.st_mode), S_ISREG(st.st_mode), st.st_mode & 07777, (long long)st.st_size);
    show("lstat", lstat(a.sun_path, &st));
    printf("lstat S_ISSOCK %d\n", S_ISSOCK(st.st_mode));
    DIR *d = opendir(dir);
    struct dirent *e;
    while ((e = readdir(d))) if (strcmp(e->d_name, "sock") == 0) printf("readdir: %s d_type %s\n", e->d_name, e->d_type == DT_SOCK ? "DT_SOCK" : e->d_type == DT_REG ? "DT_REG" : "other");
    closedir(d);
    show("open", open(a.sun_path, O_RDONLY));
    show("open O_PATH", open(a.sun_path, O_PATH) >= 0);
    int s2 = socket(AF_UNIX, SOCK_STREAM, 0);
    show("second bind", bind(s2, (struct sockaddr *)&a, sizeof a));
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    show("connect", connect(c, (struct sockaddr *)&a, sizeof a));
    int srv = accept(s, NULL, NULL);
    show("write", write(c, "hi", 2));
    char buf[4] = "";
    show("read", read(srv, buf, sizeof buf));
    show("unlink", unlink(a.sun_path));
    show("stat after unlink", stat(a.sun_path, &st));
    show("still talking", write(srv, "ok", 2));
    show("connect after unlink", connect(s2, (struct sockaddr *)&a, sizeof a));
    /* A regular file with the name is not a socket to connect to. */
    close(open(a.sun_path, O_CREAT | O_WRONLY, 0644));
    int c2 = socket(AF_UNIX, SOCK_STREAM, 0);
    show("connect to a regular file", connect(c2, (struct sockaddr *)&a, sizeof a));
    unlink(a.sun_path);
    rmdir(dir);
    return 0;
}
