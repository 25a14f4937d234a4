// regcheck's register-preservation probe (packages/regcheck/regs.S), one instance per thread
// for regthreads.c: the probe keeps its frame's SP in a static slot (while the action runs
// every other register holds a pattern), so each thread needs a slot of its own:
//   void regcheck_svc_N(const uint64_t *in, uint64_t *out);  void regcheck_spin_N(...);  N = 0..3
//
#include "../../regcheck/probe.inc"

    .text

    PROBE regcheck_svc_0, DO_SVC, regcheck_saved_sp0
    PROBE regcheck_spin_0, DO_SPIN, regcheck_saved_sp0
    PROBE regcheck_svc_1, DO_SVC, regcheck_saved_sp1
    PROBE regcheck_spin_1, DO_SPIN, regcheck_saved_sp1
    PROBE regcheck_svc_2, DO_SVC, regcheck_saved_sp2
    PROBE regcheck_spin_2, DO_SPIN, regcheck_saved_sp2
    PROBE regcheck_svc_3, DO_SVC, regcheck_saved_sp3
    PROBE regcheck_spin_3, DO_SPIN, regcheck_saved_sp3

    .bss
    .balign 8
regcheck_saved_sp0:
    .skip 8
regcheck_saved_sp1:
    .skip 8
regcheck_saved_sp2:
    .skip 8
regcheck_saved_sp3:
    .skip 8

    .section .note.GNU-stack, "", %progbits
