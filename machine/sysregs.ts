/**
 * System registers: which ones exist, where MRS/MSR find them, and who may touch them.
 *
 * Values live in the CPU's `sys` Int32Array as lo/hi pairs (slot 2*id and 2*id+1), so the
 * CPU never needs BigInt. A handful of registers are views of other state (NZCV, DAIF,
 * CurrentEL, SPSel, SP_EL0, FPCR/FPSR, the counter) and are special-cased by the MRS/MSR
 * implementation in insn/system.ts; they still get an id so that one table describes them.
 *
 * Encodings are (op0, op1, CRn, CRm, op2) as in the Arm ARM's register index.
 */

export const enum Sys {
  SCTLR_EL1,
  ACTLR_EL1,
  CPACR_EL1,
  TCR_EL1,
  TTBR0_EL1,
  TTBR1_EL1,
  MAIR_EL1,
  AMAIR_EL1,
  VBAR_EL1,
  ESR_EL1,
  FAR_EL1,
  ELR_EL1,
  SPSR_EL1,
  CONTEXTIDR_EL1,
  TPIDR_EL1,
  TPIDR_EL0,
  TPIDRRO_EL0,
  PAR_EL1,
  AFSR0_EL1,
  AFSR1_EL1,
  MDSCR_EL1,
  CNTKCTL_EL1,
  CNTFRQ_EL0,
  CNTV_CTL_EL0,
  CNTV_CVAL_EL0,
  CNTP_CTL_EL0,
  CNTP_CVAL_EL0,
  MIDR_EL1,
  MPIDR_EL1,
  REVIDR_EL1,
  CTR_EL0,
  DCZID_EL0,
  ID_AA64PFR0_EL1,
  ID_AA64PFR1_EL1,
  ID_AA64ISAR0_EL1,
  ID_AA64ISAR1_EL1,
  ID_AA64ISAR2_EL1,
  ID_AA64MMFR0_EL1,
  ID_AA64MMFR1_EL1,
  ID_AA64MMFR2_EL1,
  ID_AA64DFR0_EL1,
  ID_AA64DFR1_EL1,
  ID_AA64AFR0_EL1,
  ID_AA64AFR1_EL1,
  ID_AA64ZFR0_EL1,
  // Views of other CPU state.
  NZCV,
  DAIF,
  CurrentEL,
  SPSel,
  SP_EL0,
  SP_EL1,
  FPCR,
  FPSR,
  CNTVCT_EL0,
  CNTPCT_EL0,
  CNTV_TVAL_EL0,
  CNTP_TVAL_EL0,
  COUNT,
}

/** Who may read/write a register from EL0 (EL1 may access everything it can name). */
export const enum Access {
  /** EL1 only. */
  EL1 = 0,
  /** Readable and writable at EL0. */
  EL0_RW = 1,
  /** Readable at EL0, writable at EL1 only. */
  EL0_RO = 2,
}

export interface SysRegInfo {
  id: Sys;
  name: string;
  /** op0:op1:CRn:CRm:op2 packed as in MRS/MSR bits [20:5]. */
  key: number;
  access: Access;
  /** Read-only everywhere (ID registers, CurrentEL, counters). */
  readOnly: boolean;
}

/** Packs an encoding the way MRS/MSR hold it in bits [20:5]: o0(1) op1(3) CRn(4) CRm(4) op2(3), with op0 = 2 + o0. */
export function sysKey(op0: number, op1: number, crn: number, crm: number, op2: number): number {
  return ((op0 & 3) << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

function reg(id: Sys, name: string, enc: [number, number, number, number, number], access = Access.EL1, readOnly = false): SysRegInfo {
  return { id, name, key: sysKey(...enc), access, readOnly };
}

export const SYSREGS: readonly SysRegInfo[] = [
  reg(Sys.SCTLR_EL1, 'SCTLR_EL1', [3, 0, 1, 0, 0]),
  reg(Sys.ACTLR_EL1, 'ACTLR_EL1', [3, 0, 1, 0, 1]),
  reg(Sys.CPACR_EL1, 'CPACR_EL1', [3, 0, 1, 0, 2]),
  reg(Sys.TTBR0_EL1, 'TTBR0_EL1', [3, 0, 2, 0, 0]),
  reg(Sys.TTBR1_EL1, 'TTBR1_EL1', [3, 0, 2, 0, 1]),
  reg(Sys.TCR_EL1, 'TCR_EL1', [3, 0, 2, 0, 2]),
  reg(Sys.SPSR_EL1, 'SPSR_EL1', [3, 0, 4, 0, 0]),
  reg(Sys.ELR_EL1, 'ELR_EL1', [3, 0, 4, 0, 1]),
  reg(Sys.SP_EL0, 'SP_EL0', [3, 0, 4, 1, 0]),
  reg(Sys.SPSel, 'SPSel', [3, 0, 4, 2, 0]),
  reg(Sys.CurrentEL, 'CurrentEL', [3, 0, 4, 2, 2], Access.EL1, true),
  reg(Sys.AFSR0_EL1, 'AFSR0_EL1', [3, 0, 5, 1, 0]),
  reg(Sys.AFSR1_EL1, 'AFSR1_EL1', [3, 0, 5, 1, 1]),
  reg(Sys.ESR_EL1, 'ESR_EL1', [3, 0, 5, 2, 0]),
  reg(Sys.FAR_EL1, 'FAR_EL1', [3, 0, 6, 0, 0]),
  reg(Sys.PAR_EL1, 'PAR_EL1', [3, 0, 7, 4, 0]),
  reg(Sys.MAIR_EL1, 'MAIR_EL1', [3, 0, 10, 2, 0]),
  reg(Sys.AMAIR_EL1, 'AMAIR_EL1', [3, 0, 10, 3, 0]),
  reg(Sys.VBAR_EL1, 'VBAR_EL1', [3, 0, 12, 0, 0]),
  reg(Sys.CONTEXTIDR_EL1, 'CONTEXTIDR_EL1', [3, 0, 13, 0, 1]),
  reg(Sys.TPIDR_EL1, 'TPIDR_EL1', [3, 0, 13, 0, 4]),
  reg(Sys.CNTKCTL_EL1, 'CNTKCTL_EL1', [3, 0, 14, 1, 0]),
  reg(Sys.MDSCR_EL1, 'MDSCR_EL1', [2, 0, 0, 2, 2]),
  reg(Sys.MIDR_EL1, 'MIDR_EL1', [3, 0, 0, 0, 0], Access.EL1, true),
  reg(Sys.MPIDR_EL1, 'MPIDR_EL1', [3, 0, 0, 0, 5], Access.EL1, true),
  reg(Sys.REVIDR_EL1, 'REVIDR_EL1', [3, 0, 0, 0, 6], Access.EL1, true),
  reg(Sys.ID_AA64PFR0_EL1, 'ID_AA64PFR0_EL1', [3, 0, 0, 4, 0], Access.EL1, true),
  reg(Sys.ID_AA64PFR1_EL1, 'ID_AA64PFR1_EL1', [3, 0, 0, 4, 1], Access.EL1, true),
  reg(Sys.ID_AA64ZFR0_EL1, 'ID_AA64ZFR0_EL1', [3, 0, 0, 4, 4], Access.EL1, true),
  reg(Sys.ID_AA64DFR0_EL1, 'ID_AA64DFR0_EL1', [3, 0, 0, 5, 0], Access.EL1, true),
  reg(Sys.ID_AA64DFR1_EL1, 'ID_AA64DFR1_EL1', [3, 0, 0, 5, 1], Access.EL1, true),
  reg(Sys.ID_AA64AFR0_EL1, 'ID_AA64AFR0_EL1', [3, 0, 0, 5, 4], Access.EL1, true),
  reg(Sys.ID_AA64AFR1_EL1, 'ID_AA64AFR1_EL1', [3, 0, 0, 5, 5], Access.EL1, true),
  reg(Sys.ID_AA64ISAR0_EL1, 'ID_AA64ISAR0_EL1', [3, 0, 0, 6, 0], Access.EL1, true),
  reg(Sys.ID_AA64ISAR1_EL1, 'ID_AA64ISAR1_EL1', [3, 0, 0, 6, 1], Access.EL1, true),
  reg(Sys.ID_AA64ISAR2_EL1, 'ID_AA64ISAR2_EL1', [3, 0, 0, 6, 2], Access.EL1, true),
  reg(Sys.ID_AA64MMFR0_EL1, 'ID_AA64MMFR0_EL1', [3, 0, 0, 7, 0], Access.EL1, true),
  reg(Sys.ID_AA64MMFR1_EL1, 'ID_AA64MMFR1_EL1', [3, 0, 0, 7, 1], Access.EL1, true),
  reg(Sys.ID_AA64MMFR2_EL1, 'ID_AA64MMFR2_EL1', [3, 0, 0, 7, 2], Access.EL1, true),
  reg(Sys.CTR_EL0, 'CTR_EL0', [3, 3, 0, 0, 1], Access.EL0_RO, true),
  reg(Sys.DCZID_EL0, 'DCZID_EL0', [3, 3, 0, 0, 7], Access.EL0_RO, true),
  reg(Sys.NZCV, 'NZCV', [3, 3, 4, 2, 0], Access.EL0_RW),
  reg(Sys.DAIF, 'DAIF', [3, 3, 4, 2, 1]),
  reg(Sys.FPCR, 'FPCR', [3, 3, 4, 4, 0], Access.EL0_RW),
  reg(Sys.FPSR, 'FPSR', [3, 3, 4, 4, 1], Access.EL0_RW),
  reg(Sys.TPIDR_EL0, 'TPIDR_EL0', [3, 3, 13, 0, 2], Access.EL0_RW),
  reg(Sys.TPIDRRO_EL0, 'TPIDRRO_EL0', [3, 3, 13, 0, 3], Access.EL0_RO),
  reg(Sys.CNTFRQ_EL0, 'CNTFRQ_EL0', [3, 3, 14, 0, 0], Access.EL0_RO),
  reg(Sys.CNTPCT_EL0, 'CNTPCT_EL0', [3, 3, 14, 0, 1], Access.EL0_RO, true),
  reg(Sys.CNTVCT_EL0, 'CNTVCT_EL0', [3, 3, 14, 0, 2], Access.EL0_RO, true),
  reg(Sys.CNTP_TVAL_EL0, 'CNTP_TVAL_EL0', [3, 3, 14, 2, 0]),
  reg(Sys.CNTP_CTL_EL0, 'CNTP_CTL_EL0', [3, 3, 14, 2, 1]),
  reg(Sys.CNTP_CVAL_EL0, 'CNTP_CVAL_EL0', [3, 3, 14, 2, 2]),
  reg(Sys.CNTV_TVAL_EL0, 'CNTV_TVAL_EL0', [3, 3, 14, 3, 0]),
  reg(Sys.CNTV_CTL_EL0, 'CNTV_CTL_EL0', [3, 3, 14, 3, 1]),
  reg(Sys.CNTV_CVAL_EL0, 'CNTV_CVAL_EL0', [3, 3, 14, 3, 2]),
  reg(Sys.SP_EL1, 'SP_EL1', [3, 4, 4, 1, 0]),
];

export const SYSREG_BY_KEY: ReadonlyMap<number, SysRegInfo> = new Map(SYSREGS.map((r) => [r.key, r]));
export const SYSREG_BY_NAME: ReadonlyMap<string, SysRegInfo> = new Map(SYSREGS.map((r) => [r.name, r]));
