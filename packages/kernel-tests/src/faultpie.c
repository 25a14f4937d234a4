/* A position-independent program with symbols that faults in a function of its own: the fault
 * report must name it (boom+0x4) although the image is loaded at a random bias
 * (test/kernel/fault-symbols.test.ts). Built -static-pie and not stripped. */
int __attribute__((noinline)) boom(int *p) {
  *p = 7;
  return 0;
}

int main(int argc, char **argv) {
  return boom(argc > 5 ? (int *)argv : (int *)0);
}
