// _start for the freestanding C guest programs: main(argc, argv, envp),
// then exit_group with its return value (after flushing buffered output).
// The Linux ABI leaves SP at argc, followed by argv[], NULL, envp[], NULL.
    .text
    .globl _start
    .type _start, %function
_start:
    mov     x29, xzr            // outermost frame: no caller
    mov     x30, xzr
    ldr     x0, [sp]            // argc
    add     x1, sp, #8          // argv
    add     x2, x1, x0, lsl #3
    add     x2, x2, #8          // envp: after argv's NULL
    bl      main
    bl      ak_exit             // never returns
    udf     #0
    .size _start, . - _start
    .section .note.GNU-stack, "", %progbits
