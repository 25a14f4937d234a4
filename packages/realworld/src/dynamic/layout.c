/*
 * Where things were loaded: the program (PIE), the dynamic linker, libc, a large malloc
 * (an mmap), the brk heap, the stack, and the AT_RANDOM bytes. Two runs print different
 * lines when the kernel randomises the layout and the same ones when it does not.
 * `layout norand` does what `setarch -R layout` does: personality(ADDR_NO_RANDOMIZE),
 * then exec of itself, so the new image is laid out without randomisation.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/personality.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "norand") == 0) {
    if (personality(ADDR_NO_RANDOMIZE) == -1) {
      perror("personality");
      return 1;
    }
    char *args[] = {argv[0], "show", NULL};
    execv(argv[0], args);
    perror("execv");
    return 1;
  }
  int local = 0;
  void *big = malloc(1 << 20);
  const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
  printf("personality %#x\n", (unsigned)personality(0xffffffff) & ADDR_NO_RANDOMIZE);
  printf("program %p\n", (void *)main);
  printf("interpreter %p\n", (void *)getauxval(AT_BASE));
  printf("libc %p\n", (void *)printf);
  printf("mmap %p\n", big);
  printf("brk %p\n", sbrk(0));
  printf("stack %p\n", (void *)&local);
  printf("random");
  for (int i = 0; i < 16; i++) printf(" %02x", rnd[i]);
  printf("\n");
  free(big);
  return 0;
}
