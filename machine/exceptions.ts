/**
 * Exception classes and fault status codes, as the Arm architecture numbers them
 * (ESR_ELx.EC and the DFSC/IFSC field of the ISS).
 */

export const enum EC {
  UNKNOWN = 0x00,
  WFX = 0x01,
  FP_ACCESS = 0x07,
  ILLEGAL_STATE = 0x0e,
  SVC64 = 0x15,
  MSR_TRAP = 0x18,
  INSN_ABORT_LOWER = 0x20,
  INSN_ABORT_SAME = 0x21,
  PC_ALIGN = 0x22,
  DATA_ABORT_LOWER = 0x24,
  DATA_ABORT_SAME = 0x25,
  SP_ALIGN = 0x26,
  WATCHPOINT_LOWER = 0x34,
  BRK = 0x3c,
}

/** Fault status codes (DFSC/IFSC). Level-qualified ones add the level (0..3). */
export const enum FSC {
  ADDRESS_SIZE = 0x00,
  TRANSLATION = 0x04,
  ACCESS_FLAG = 0x08,
  PERMISSION = 0x0c,
  EXTERNAL = 0x10,
  EXTERNAL_WALK = 0x14,
  ALIGNMENT = 0x21,
  /** A debug event (a watchpoint), the DFSC of EC 0x34. */
  DEBUG = 0x22,
}

/** Offsets from VBAR_EL1 of the vector table's groups and entries. */
export const enum Vector {
  CURRENT_SP0 = 0x000,
  CURRENT_SPX = 0x200,
  LOWER_A64 = 0x400,
  SYNC = 0x000,
  IRQ = 0x080,
  FIQ = 0x100,
  SERROR = 0x180,
}

/** Kinds of memory access, for translation and fault syndromes. */
export const enum AccessKind {
  READ = 0,
  WRITE = 1,
  EXEC = 2,
}

export const EC_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Undefined instruction',
  0x01: 'WFI/WFE trap',
  0x07: 'FP/SIMD access trap',
  0x0e: 'Illegal execution state',
  0x15: 'SVC',
  0x18: 'MSR/MRS trap',
  0x20: 'Instruction abort from lower EL',
  0x21: 'Instruction abort',
  0x22: 'PC alignment fault',
  0x24: 'Data abort from lower EL',
  0x25: 'Data abort',
  0x26: 'SP alignment fault',
  0x3c: 'BRK',
};

/**
 * Thrown (as this one preallocated object, so raising costs no allocation) by the CPU
 * when an instruction takes an exception. The exception has already been entered
 * architecturally when this is thrown; it only unwinds the instruction's JavaScript.
 */
export const EXCEPTION_TAKEN: { readonly kind: 'exception-taken' } = Object.freeze({ kind: 'exception-taken' as const });
