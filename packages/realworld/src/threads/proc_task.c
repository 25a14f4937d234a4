/* /proc/self/task lists the running threads; /proc/self/status counts them. */
#include <string.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdio.h>
#include <dirent.h>
#include <unistd.h>
static void *w(void *a) { sleep(1); return a; }
int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++) pthread_create(&t[i], NULL, w, NULL);
  DIR *d = opendir("/proc/self/task");
  struct dirent *e; int n = 0;
  while ((e = readdir(d))) if (e->d_name[0] != '.') n++;
  closedir(d);
  printf("at least 4 tasks listed: %d\n", n >= 4);
  FILE *f = fopen("/proc/self/status", "r"); char line[256];
  while (fgets(line, sizeof line, f)) if (!strncmp(line, "Threads:", 8)) printf("status Threads at least 4: %d\n", atoi(line + 8) >= 4);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  return 0;
}
