/* Linked against libgreet.so (found through DT_RUNPATH $ORIGIN, next to the program). */
#include <stdio.h>

const char *greet_word(int i);
int greet_format(char *buf, unsigned long n, const char *who, int i);
int greet_constructed(void);
extern int greet_calls;

int main(void) {
  char buf[128];
  printf("constructor ran: %d\n", greet_constructed());
  for (int i = 0; i < 5; i++) {
    greet_format(buf, sizeof buf, "world", i);
    puts(buf);
  }
  printf("calls seen from the program: %d\n", greet_calls);
  return 0;
}
