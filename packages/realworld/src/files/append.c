/* O_APPEND with several writers: four fork'ed processes append 200 lines each through their
 * own descriptions; no line is lost or torn. */
#include "common.h"
#include <sys/wait.h>

int main(int argc, char **argv)
{
    setup(argc, argv);
    for (int w = 0; w < 4; w++) {
        if (fork() == 0) {
            int fd = open(at("log"), O_CREAT | O_WRONLY | O_APPEND, 0644);
            for (int i = 0; i < 200; i++) {
                char line[64];
                int n = snprintf(line, sizeof line, "writer %d line %03d ..............\n", w, i);
                if (write(fd, line, n) != n) _exit(1);
            }
            _exit(0);
        }
    }
    int ok = 0, st;
    while (wait(&st) > 0) ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
    FILE *f = fopen(at("log"), "r");
    char line[128];
    int lines = 0, good = 0, per[4] = {0};
    while (fgets(line, sizeof line, f)) {
        int w, i;
        lines++;
        if (sscanf(line, "writer %d line %d ..............", &w, &i) == 2 && w >= 0 && w < 4 && strlen(line) == 35) { good++; per[w]++; }
    }
    SAY("writers ok %d, lines %d, whole %d, per writer %d %d %d %d", ok, lines, good, per[0], per[1], per[2], per[3]);
    struct stat s;
    stat(at("log"), &s);
    SAY("size %ld", (long)s.st_size);
    int fd = open(at("log"), O_WRONLY | O_APPEND);
    lseek(fd, 0, SEEK_SET);
    write(fd, "end\n", 4);
    SHOW(lseek(fd, 0, SEEK_CUR));
    cleanup();
    return 0;
}
