/* fault: the wild store of the original heap bug. Must die with
 * "[Fault] Data abort from EL0 at FAR=0x816003, ISS=0x46" and status -11 (139). */
#include "kt.h"

KT_START

int main(int argc, char **argv, char **envp)
{
    (void)argc; (void)argv; (void)envp;
    kt_puts("fault: storing to 0x816003\n");
    *(volatile u8 *)0x816003 = 0x42;
    kt_puts("fault: survived (wrong)\n");
    return 0;
}
