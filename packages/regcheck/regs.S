// The register-preservation probe behind regcheck.c.
//
//   void regcheck_svc(const uint64_t *in, uint64_t *out);   // one svc #0
//   void regcheck_spin(const uint64_t *in, uint64_t *out);  // busy loop
//
// Both load every register the kernel must preserve with the values in
// `in`, perform their action, and store every register to `out`. The C
// side compares. Layout of `in` (64-bit words):
//   [0..31)  x0..x30        [31] nzcv   [32] tpidr_el0
//   [33] fpcr   [34] fpsr   [35..99) v0..v31 (two words each)
// Layout of `out`:
//   [0..31)  x0..x30 after  [31] sp after  [32] nzcv  [33] tpidr_el0
//   [34] fpcr  [35] fpsr  [36..100) v0..v31 after
//   [100] sp before  [101] nzcv before  [102] tpidr_el0 before
//   [103] fpcr before  [104] fpsr before    (read back after writing:
//                                            unimplemented bits read 0)
//   [105..137) the 256 bytes below sp, after the action
//
// While the action runs every general register holds a test pattern, so
// the only base register left for the dump is SP itself. The dump area is
// poisoned first: if the kernel moved SP, the dump lands elsewhere and the
// poison shows. The 256 bytes below SP hold a canary, to catch a kernel
// that saves state on the user stack.

#define SAVE_SIZE   176     // x19..x30, d8..d15, the out pointer, padding
#define DUMP_SIZE   1024    // what sp points at during the action
#define BELOW       256     // canary below sp
#define POISON      0x0bad0bad0bad0badU
#define CANARY      0xca11ab1e00000000U

    .text

.macro PROBE name, action
    .globl \name
    .type \name, %function
\name:
    sub     sp, sp, #SAVE_SIZE
    stp     x19, x20, [sp, #0]
    stp     x21, x22, [sp, #16]
    stp     x23, x24, [sp, #32]
    stp     x25, x26, [sp, #48]
    stp     x27, x28, [sp, #64]
    stp     x29, x30, [sp, #80]
    stp     d8, d9, [sp, #96]
    stp     d10, d11, [sp, #112]
    stp     d12, d13, [sp, #128]
    stp     d14, d15, [sp, #144]
    str     x1, [sp, #160]
    sub     sp, sp, #DUMP_SIZE

    // Poison the dump area, fill the canary below sp.
    mov     x9, sp
    mov     x10, #(DUMP_SIZE / 8)
    ldr     x11, =POISON
1:  str     x11, [x9], #8
    subs    x10, x10, #1
    b.ne    1b
    sub     x9, sp, #BELOW
    mov     x10, #(BELOW / 8)
    ldr     x11, =CANARY
2:  str     x11, [x9], #8
    add     x11, x11, #1
    subs    x10, x10, #1
    b.ne    2b

    // Remember sp; the copy in memory is how we find our frame again.
    adrp    x9, regcheck_saved_sp
    mov     x10, sp
    str     x10, [x9, :lo12:regcheck_saved_sp]

    // System registers: write the patterns, read back what took.
    // (Nothing after this point may set the flags.)
    ldr     x10, [x0, #(32 * 8)]
    msr     tpidr_el0, x10
    ldr     x10, [x0, #(33 * 8)]
    msr     fpcr, x10
    ldr     x10, [x0, #(34 * 8)]
    msr     fpsr, x10
    ldr     x10, [x0, #(31 * 8)]
    msr     nzcv, x10
    add     x11, x1, #(101 * 8)
    mrs     x10, nzcv
    str     x10, [x11, #0]
    mrs     x10, tpidr_el0
    str     x10, [x11, #8]
    mrs     x10, fpcr
    str     x10, [x11, #16]
    mrs     x10, fpsr
    str     x10, [x11, #24]

    // v0..v31
    add     x9, x0, #(35 * 8)
    ldp     q0, q1, [x9, #0]
    ldp     q2, q3, [x9, #32]
    ldp     q4, q5, [x9, #64]
    ldp     q6, q7, [x9, #96]
    ldp     q8, q9, [x9, #128]
    ldp     q10, q11, [x9, #160]
    ldp     q12, q13, [x9, #192]
    ldp     q14, q15, [x9, #224]
    ldp     q16, q17, [x9, #256]
    ldp     q18, q19, [x9, #288]
    ldp     q20, q21, [x9, #320]
    ldp     q22, q23, [x9, #352]
    ldp     q24, q25, [x9, #384]
    ldp     q26, q27, [x9, #416]
    ldp     q28, q29, [x9, #448]
    ldp     q30, q31, [x9, #480]

    // x0..x30, with x30 as the base and loaded last.
    mov     x30, x0
    ldp     x0, x1, [x30, #0]
    ldp     x2, x3, [x30, #16]
    ldp     x4, x5, [x30, #32]
    ldp     x6, x7, [x30, #48]
    ldp     x8, x9, [x30, #64]
    ldp     x10, x11, [x30, #80]
    ldp     x12, x13, [x30, #96]
    ldp     x14, x15, [x30, #112]
    ldp     x16, x17, [x30, #128]
    ldp     x18, x19, [x30, #144]
    ldp     x20, x21, [x30, #160]
    ldp     x22, x23, [x30, #176]
    ldp     x24, x25, [x30, #192]
    ldp     x26, x27, [x30, #208]
    ldp     x28, x29, [x30, #224]
    ldr     x30, [x30, #240]

    \action

    // Dump everything, addressed from sp.
    stp     x0, x1, [sp, #0]
    stp     x2, x3, [sp, #16]
    stp     x4, x5, [sp, #32]
    stp     x6, x7, [sp, #48]
    stp     x8, x9, [sp, #64]
    stp     x10, x11, [sp, #80]
    stp     x12, x13, [sp, #96]
    stp     x14, x15, [sp, #112]
    stp     x16, x17, [sp, #128]
    stp     x18, x19, [sp, #144]
    stp     x20, x21, [sp, #160]
    stp     x22, x23, [sp, #176]
    stp     x24, x25, [sp, #192]
    stp     x26, x27, [sp, #208]
    stp     x28, x29, [sp, #224]
    str     x30, [sp, #240]
    mov     x0, sp
    str     x0, [sp, #248]
    mrs     x0, nzcv
    str     x0, [sp, #256]
    mrs     x0, tpidr_el0
    str     x0, [sp, #264]
    mrs     x0, fpcr
    str     x0, [sp, #272]
    mrs     x0, fpsr
    str     x0, [sp, #280]
    add     x0, sp, #288
    stp     q0, q1, [x0, #0]
    stp     q2, q3, [x0, #32]
    stp     q4, q5, [x0, #64]
    stp     q6, q7, [x0, #96]
    stp     q8, q9, [x0, #128]
    stp     q10, q11, [x0, #160]
    stp     q12, q13, [x0, #192]
    stp     q14, q15, [x0, #224]
    stp     q16, q17, [x0, #256]
    stp     q18, q19, [x0, #288]
    stp     q20, q21, [x0, #320]
    stp     q22, q23, [x0, #352]
    stp     q24, q25, [x0, #384]
    stp     q26, q27, [x0, #416]
    stp     q28, q29, [x0, #448]
    stp     q30, q31, [x0, #480]

    // Back to our own frame, whatever happened to sp.
    adrp    x9, regcheck_saved_sp
    ldr     x9, [x9, :lo12:regcheck_saved_sp]
    mov     sp, x9
    ldr     x1, [sp, #(DUMP_SIZE + 160)]
    // out[0..100) = the dump, out[100] = sp before, out[105..137) = below sp
    mov     x9, sp
    mov     x10, #100
3:  ldr     x11, [x9], #8
    str     x11, [x1], #8
    subs    x10, x10, #1
    b.ne    3b
    mov     x9, sp
    str     x9, [x1]
    add     x1, x1, #(5 * 8)
    sub     x9, sp, #BELOW
    mov     x10, #(BELOW / 8)
4:  ldr     x11, [x9], #8
    str     x11, [x1], #8
    subs    x10, x10, #1
    b.ne    4b

    add     sp, sp, #DUMP_SIZE
    ldp     x19, x20, [sp, #0]
    ldp     x21, x22, [sp, #16]
    ldp     x23, x24, [sp, #32]
    ldp     x25, x26, [sp, #48]
    ldp     x27, x28, [sp, #64]
    ldp     x29, x30, [sp, #80]
    ldp     d8, d9, [sp, #96]
    ldp     d10, d11, [sp, #112]
    ldp     d12, d13, [sp, #128]
    ldp     d14, d15, [sp, #144]
    add     sp, sp, #SAVE_SIZE
    ret
    .ltorg
    .size \name, . - \name
.endm

// The system call: number in x8 and arguments in x0..x5 come from `in`.
.macro DO_SVC
    svc     #0
.endm

// No system call: count x0 down to zero (sub/cbnz leave the flags alone)
// so that timer interrupts, and with them context switches, happen while
// every register holds a pattern.
.macro DO_SPIN
5:  sub     x0, x0, #1
    cbnz    x0, 5b
.endm

    PROBE regcheck_svc, DO_SVC
    PROBE regcheck_spin, DO_SPIN

    .bss
    .balign 8
regcheck_saved_sp:
    .skip 8

    .section .note.GNU-stack, "", %progbits
