/* exit() from a non-main thread ends the whole process with its status; pthread_exit in main lets others finish. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *last(void *arg) {
  usleep(10000);
  printf("last thread exits the process with 42\n");
  fflush(stdout);
  exit(42);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, last, NULL);
  printf("main calls pthread_exit\n");
  fflush(stdout);
  pthread_exit(NULL);
}
