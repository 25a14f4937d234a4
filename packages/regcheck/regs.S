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

#include "probe.inc"

    .text

    PROBE regcheck_svc, DO_SVC, regcheck_saved_sp
    PROBE regcheck_spin, DO_SPIN, regcheck_saved_sp

    .bss
    .balign 8
regcheck_saved_sp:
    .skip 8

    .section .note.GNU-stack, "", %progbits
