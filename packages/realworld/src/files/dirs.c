/* Directories: getdents of a large directory (every name once, sorted here since orders
 * differ), entries removed while reading, and rename's edge cases (into itself, file onto a
 * directory, onto a non-empty directory, RENAME_NOREPLACE, RENAME_EXCHANGE, trailing slash). */
#include "common.h"
#include <dirent.h>
#include <linux/fs.h>
#include <stdio.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }

int main(int argc, char **argv)
{
    setup(argc, argv);
    const char *c = argv[2];
    if (!strcmp(c, "large")) {
        char name[300];
        SHOW(mkdir(at("big"), 0755));
        for (int i = 0; i < 600; i++) {
            snprintf(name, sizeof name, "big/entry-with-a-long-name-%04d", i);
            close(open(at(name), O_CREAT | O_WRONLY, 0644));
        }
        DIR *d = opendir(at("big"));
        char **names = malloc(700 * sizeof *names);
        int n = 0, dots = 0;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) { dots++; continue; }
            if (n < 700) names[n++] = strdup(e->d_name);
        }
        qsort(names, n, sizeof *names, cmp);
        int dup = 0;
        for (int i = 1; i < n; i++) if (!strcmp(names[i], names[i - 1])) dup++;
        SAY("entries %d, dots %d, duplicates %d, first %s, last %s", n, dots, dup, names[0], names[n - 1]);
        rewinddir(d);
        int seen = 0, removed = 0;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            seen++;
            if (seen % 2 == 0) {
                snprintf(name, sizeof name, "big/%s", e->d_name);
                if (unlink(at(name)) == 0) removed++;
            }
        }
        closedir(d);
        d = opendir(at("big"));
        int left = 0;
        while ((e = readdir(d))) if (e->d_name[0] != '.') left++;
        closedir(d);
        SAY("removed %d while reading; %d left", removed, left);
    } else if (!strcmp(c, "rename")) {
        SHOW(mkdir(at("d"), 0755));
        SHOW(mkdir(at("d/sub"), 0755));
        SHOW(rename(at("d"), at("d/sub/x")));
        put("f", "file");
        SHOW(rename(at("f"), at("d")));
        SHOW(rename(at("d"), at("f")));
        SHOW(mkdir(at("e"), 0755));
        SHOW(rename(at("e"), at("d")));
        SHOW(rename(at("d/sub"), at("e")));
        SHOW(access(at("e"), F_OK));
        put("g", "gee");
        SHOW(renameat2(AT_FDCWD, at("f"), AT_FDCWD, at("g"), RENAME_NOREPLACE));
        SHOW(renameat2(AT_FDCWD, at("f"), AT_FDCWD, at("g"), RENAME_EXCHANGE));
        cat("f");
        cat("g");
        SHOW(renameat2(AT_FDCWD, at("f"), AT_FDCWD, at("d"), RENAME_EXCHANGE));
        SHOW(access(at("d/file"), F_OK));
        SHOW(renameat2(AT_FDCWD, at("f"), AT_FDCWD, at("nope"), RENAME_EXCHANGE));
        SHOW(renameat2(AT_FDCWD, at("d"), AT_FDCWD, at("g"), RENAME_EXCHANGE | RENAME_NOREPLACE));
        SHOW(rename(at("g/"), at("h")));
        SHOW(rename(at("g"), at("g")));
        SHOW(rename(at("missing"), at("h")));
        SHOW(rename(at("g"), at("nodir/h")));
    }
    cleanup();
    return 0;
}
