/* spin: an infinite loop that never makes a system call (scheduler fairness). */
#include "kt.h"

KT_START

int main(int argc, char **argv, char **envp)
{
    (void)argc; (void)argv; (void)envp;
    for (;;) __asm__ volatile("" ::: "memory");
}
