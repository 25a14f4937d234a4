/**
 * Exception generation and system instructions (Arm ARM C4.1.65, the groups other
 * than the branches): SVC, BRK, hints (WFI and the NOP-like ones), barriers, CLREX,
 * MSR (immediate), the SYS operations (DC, IC, TLBI, AT) and MRS/MSR of the
 * registers in sysregs.ts.
 *
 * Only EL0 and EL1 exist, so HVC, SMC, DCPS and friends are unallocated and decode as
 * Undefined (the decoder's fallback), as are HLT (no external debug) and the SYS/MSR
 * encodings of features that the ID registers do not advertise.
 *
 * EL0 access follows the architecture: registers and operations that EL0 can never use
 * are Undefined (EC 0x00); the ones an EL1 control may grant EL0 (SCTLR_EL1.UMA/UCT/
 * DZE/UCI, CNTKCTL_EL1) trap to EL1 with EC 0x18 and the instruction's encoding in the
 * ISS when the control does not grant them.
 */

import { StopReason, dstZR, type Cpu } from '../cpu.js';
import type { Encoding } from '../decoder.js';
import { EC, FSC, AccessKind } from '../exceptions.js';
import { Perm, TLB_MASK } from '../mmu.js';
import { PAGE_SHIFT, RAM_BASE } from '../memory.js';
import { Sys, SYSREGS, Access } from '../sysregs.js';

// ---- Register lookup: MRS/MSR bits [20:5] -> register, without a Map on the hot path ----

const REG_ID = new Int16Array(1 << 16).fill(-1);
const REG_ACCESS = new Int8Array(Sys.COUNT);
const REG_READ_ONLY = new Uint8Array(Sys.COUNT);
for (const r of SYSREGS) {
  REG_ID[r.key] = r.id;
  REG_ACCESS[r.id] = r.access;
  REG_READ_ONLY[r.id] = r.readOnly ? 1 : 0;
}

// SCTLR_EL1 bits that grant EL0 what is otherwise trapped.
const SCTLR_UMA = 1 << 9;
const SCTLR_DZE = 1 << 14;
const SCTLR_UCT = 1 << 15;
const SCTLR_NTWI = 1 << 16;
const SCTLR_UCI = 1 << 26;
// CNTKCTL_EL1 bits.
const EL0PCTEN = 1 << 0;
const EL0VCTEN = 1 << 1;
const EL0VTEN = 1 << 8;
const EL0PTEN = 1 << 9;

/**
 * Traps an MSR/MRS/SYS instruction to EL1 (EC 0x18). The ISS is Op0[21:20] Op2[19:17]
 * Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Direction[0] (1 = read), all from the encoding.
 */
function trapSystemAccess(cpu: Cpu, insn: number): never {
  const op0 = (insn >>> 19) & 3;
  const op1 = (insn >>> 16) & 7;
  const crn = (insn >>> 12) & 15;
  const crm = (insn >>> 8) & 15;
  const op2 = (insn >>> 5) & 7;
  const rt = insn & 31;
  const read = (insn >>> 21) & 1;
  const iss = (op0 << 20) | (op2 << 17) | (op1 << 14) | (crn << 10) | (rt << 5) | (crm << 1) | read;
  cpu.takeException(EC.MSR_TRAP, iss, cpu.pcLo, cpu.pcHi);
}

// ---- Exception generation ----------------------------------------------------------------

/** SVC #imm16: EC 0x15, ISS = imm16, the preferred return address is the next instruction. */
function supervisorCall(cpu: Cpu, insn: number): void {
  cpu.takeException(EC.SVC64, (insn >>> 5) & 0xffff, cpu.npcLo, cpu.npcHi);
}

/** BRK #imm16: EC 0x3C, ISS = imm16, the preferred return address is the BRK itself. */
function breakpoint(cpu: Cpu, insn: number): void {
  cpu.takeException(EC.BRK, (insn >>> 5) & 0xffff, cpu.pcLo, cpu.pcHi);
}

// ---- Hints and barriers --------------------------------------------------------------------

/**
 * HINT #imm: every hint is a NOP here except WFI. That includes YIELD, WFE/SEV/SEVL (the
 * event register is always treated as set, which the architecture permits), BTI, the PAC
 * hint-space instructions (PAC not implemented, so they must be NOPs), ESB, CSDB, and any
 * hint value not yet allocated, which the architecture defines as a NOP.
 */
function hint(cpu: Cpu, insn: number): void {
  if (((insn >>> 5) & 0x7f) !== 3) return;
  // WFI. At EL0 it traps unless SCTLR_EL1.nTWI; ISS = CV 1, COND 0xE, TI 0 (WFI).
  if (cpu.el === 0) {
    if ((cpu.sctlrLo & SCTLR_NTWI) === 0) cpu.takeException(EC.WFX, 0x1e00000, cpu.pcLo, cpu.pcHi);
    return;
  }
  cpu.stopAfterInstruction(StopReason.WFI);
}

/** CLREX, DSB, DMB, ISB, SB. Memory is sequentially consistent here, so barriers only order nothing. */
function barrier(cpu: Cpu, insn: number): void {
  switch ((insn >>> 5) & 7) {
    case 2: // CLREX
      cpu.exclusiveAddr = -1;
      return;
    case 4: // DSB (and SSBB/PSSBB, which are DSB encodings)
    case 5: // DMB
    case 7: // SB
      return;
    case 6: // ISB: later instructions are fetched afresh.
      cpu.invalidateFetch();
      return;
    default: // TCOMMIT, DSB nXS and unallocated encodings
      cpu.undefinedInstruction();
  }
}

/** MSR (immediate): SPSel, DAIFSet, DAIFClr. Other PSTATE fields belong to features we lack. */
function msrImmediate(cpu: Cpu, insn: number): void {
  const op1 = (insn >>> 16) & 7;
  const op2 = (insn >>> 5) & 7;
  const crm = (insn >>> 8) & 15;
  if (op1 === 0 && op2 === 5) {
    if (cpu.el === 0) cpu.undefinedInstruction();
    cpu.writeSys(Sys.SPSel, crm & 1, 0);
    return;
  }
  if (op1 === 3 && (op2 === 6 || op2 === 7)) {
    if (cpu.el === 0 && (cpu.sctlrLo & SCTLR_UMA) === 0) trapSystemAccess(cpu, insn);
    cpu.daif = op2 === 6 ? cpu.daif | crm : cpu.daif & ~crm;
    cpu.recheckInterrupts();
    return;
  }
  cpu.undefinedInstruction();
}

// ---- MRS / MSR (register) ------------------------------------------------------------------

/** Undefined or trapped unless the current EL may access register `id` this way. */
function checkRegisterAccess(cpu: Cpu, insn: number, id: number, write: boolean): void {
  if (write && REG_READ_ONLY[id]) cpu.undefinedInstruction();
  // SP_EL1 is an EL2 register; SP_EL0 is not accessible by name while it is the current SP.
  if (id === Sys.SP_EL1) cpu.undefinedInstruction();
  if (id === Sys.SP_EL0 && cpu.el === 1 && cpu.spsel === 0) cpu.undefinedInstruction();
  if (cpu.el !== 0) return;
  let grant: number;
  switch (id) {
    case Sys.DAIF:
      grant = cpu.sctlrLo & SCTLR_UMA;
      break;
    case Sys.CTR_EL0:
      grant = cpu.sctlrLo & SCTLR_UCT;
      break;
    case Sys.CNTFRQ_EL0:
      grant = cpu.sysLo(Sys.CNTKCTL_EL1) & (EL0PCTEN | EL0VCTEN);
      break;
    case Sys.CNTPCT_EL0:
      grant = cpu.sysLo(Sys.CNTKCTL_EL1) & EL0PCTEN;
      break;
    case Sys.CNTVCT_EL0:
      grant = cpu.sysLo(Sys.CNTKCTL_EL1) & EL0VCTEN;
      break;
    case Sys.CNTV_CTL_EL0:
    case Sys.CNTV_CVAL_EL0:
    case Sys.CNTV_TVAL_EL0:
      grant = cpu.sysLo(Sys.CNTKCTL_EL1) & EL0VTEN;
      break;
    case Sys.CNTP_CTL_EL0:
    case Sys.CNTP_CVAL_EL0:
    case Sys.CNTP_TVAL_EL0:
      grant = cpu.sysLo(Sys.CNTKCTL_EL1) & EL0PTEN;
      break;
    default: {
      const access = REG_ACCESS[id];
      if (access === Access.EL1 || (write && access === Access.EL0_RO)) cpu.undefinedInstruction();
      return;
    }
  }
  if (grant === 0) trapSystemAccess(cpu, insn);
  // Granted EL0 access never includes writing the frequency.
  if (write && id === Sys.CNTFRQ_EL0) cpu.undefinedInstruction();
}

function moveFromSystemRegister(cpu: Cpu, insn: number): void {
  const id = REG_ID[(insn >>> 5) & 0xffff];
  if (id < 0) cpu.undefinedInstruction();
  checkRegisterAccess(cpu, insn, id, false);
  cpu.readSys(id);
  let lo = cpu.rlo;
  // DCZID_EL0.DZP (bit 4) tells EL0 whether SCTLR_EL1.DZE lets it use DC ZVA.
  if (id === Sys.DCZID_EL0 && cpu.el === 0 && (cpu.sctlrLo & SCTLR_DZE) === 0) lo |= 0x10;
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = lo;
  cpu.x[2 * d + 1] = cpu.rhi;
}

function moveToSystemRegister(cpu: Cpu, insn: number): void {
  const id = REG_ID[(insn >>> 5) & 0xffff];
  if (id < 0) cpu.undefinedInstruction();
  checkRegisterAccess(cpu, insn, id, true);
  const t = insn & 31;
  cpu.writeSys(id, cpu.x[2 * t], cpu.x[2 * t + 1]);
  switch (id) {
    case Sys.DAIF:
    case Sys.CNTV_CTL_EL0:
    case Sys.CNTV_CVAL_EL0:
    case Sys.CNTV_TVAL_EL0:
    case Sys.CNTP_CTL_EL0:
    case Sys.CNTP_CVAL_EL0:
    case Sys.CNTP_TVAL_EL0:
      // An interrupt may now be due (or a deadline moved): let run() look again.
      cpu.recheckInterrupts();
  }
}

// ---- SYS: cache maintenance, TLB maintenance, address translation ---------------------------

/** op1:CRn:CRm:op2 as bits [18:5] hold them. */
function sysOp(op1: number, crn: number, crm: number, op2: number): number {
  return (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}
const DC_ZVA = sysOp(3, 7, 4, 1);
const DC_CVAC = sysOp(3, 7, 10, 1);
const DC_CVAU = sysOp(3, 7, 11, 1);
const DC_CIVAC = sysOp(3, 7, 14, 1);
const DC_IVAC = sysOp(0, 7, 6, 1);
const DC_ISW = sysOp(0, 7, 6, 2);
const DC_CSW = sysOp(0, 7, 10, 2);
const DC_CISW = sysOp(0, 7, 14, 2);
const IC_IALLUIS = sysOp(0, 7, 1, 0);
const IC_IALLU = sysOp(0, 7, 5, 0);
const IC_IVAU = sysOp(3, 7, 5, 1);
const AT_S1E1R = sysOp(0, 7, 8, 0);
const AT_S1E1W = sysOp(0, 7, 8, 1);
const AT_S1E0R = sysOp(0, 7, 8, 2);
const AT_S1E0W = sysOp(0, 7, 8, 3);
const TLBI_VMALLE1IS = sysOp(0, 8, 3, 0);
const TLBI_VAE1IS = sysOp(0, 8, 3, 1);
const TLBI_ASIDE1IS = sysOp(0, 8, 3, 2);
const TLBI_VAAE1IS = sysOp(0, 8, 3, 3);
const TLBI_VALE1IS = sysOp(0, 8, 3, 5);
const TLBI_VAALE1IS = sysOp(0, 8, 3, 7);
/** The non-shareable TLBI forms are the IS ones with CRm 7 instead of 3. */
const TLBI_LOCAL = 4 << 3;

/** DC ZVA: zero the 64-byte block holding Xt (DCZID_EL0.BS = 4: 2^4 words), as a store. */
function dataCacheZero(cpu: Cpu, lo: number, hi: number): void {
  const base = lo & ~63;
  const off = cpu.translate(base, hi, 64, cpu.needWrite, AccessKind.WRITE);
  // DC ZVA to Device memory (including everything while the MMU is off) is an alignment fault.
  if (cpu.mmu.perm[(base >>> PAGE_SHIFT) & TLB_MASK] & Perm.DEVICE) cpu.abort(AccessKind.WRITE, FSC.ALIGNMENT, base, hi);
  cpu.memory.u8.fill(0, off, off + 64);
  cpu.memory.noteWrite(off, 64);
}

/**
 * Cache maintenance by VA has no effect on memory here, but it translates like a read
 * and reports its faults as the architecture does: a data abort with CM (bit 8) and WnR
 * set. At EL0 the address must be readable there.
 */
function maintenanceByVa(cpu: Cpu, lo: number, hi: number): void {
  const mmu = cpu.mmu;
  let slot = (lo >>> PAGE_SHIFT) & TLB_MASK;
  const a = mmu.asid[slot];
  if (!(mmu.vpn[slot] === lo >>> PAGE_SHIFT && mmu.vhi[slot] === hi && (a === -1 || a === cpu.asid))) {
    slot = mmu.walk(cpu, lo, hi, cpu.asid, AccessKind.READ);
    if (slot < 0) maintenanceAbort(cpu, mmu.faultStatus, lo, hi);
  }
  if (cpu.el === 0 && (mmu.perm[slot] & Perm.R0) === 0) maintenanceAbort(cpu, FSC.PERMISSION + mmu.level[slot], lo, hi);
}

function maintenanceAbort(cpu: Cpu, status: number, lo: number, hi: number): never {
  cpu.setSys(Sys.FAR_EL1, lo, hi);
  const ec = cpu.el === 0 ? EC.DATA_ABORT_LOWER : EC.DATA_ABORT_SAME;
  cpu.takeException(ec, (1 << 8) | (1 << 6) | status, cpu.pcLo, cpu.pcHi);
}

/**
 * AT S1E{0,1}{R,W}: translate Xt as a read or write at EL0 or EL1 would and report the
 * result in PAR_EL1 instead of faulting. On success PAR holds PA[47:12], SH and an ATTR
 * reduced to what the TLB keeps: 0xFF (Normal write-back) or 0x00 (Device-nGnRnE).
 */
function addressTranslate(cpu: Cpu, lo: number, hi: number, need: number, kind: AccessKind): void {
  const mmu = cpu.mmu;
  const slot = mmu.walk(cpu, lo, hi, cpu.asid, kind);
  let status = -1;
  if (slot < 0) status = mmu.faultStatus;
  else if ((mmu.perm[slot] & need) === 0) status = FSC.PERMISSION + mmu.level[slot];
  if (status >= 0) {
    // F = 1, FST in [6:1], bit 11 RES1; PTW/S stay 0 (stage 1 only).
    cpu.setSys(Sys.PAR_EL1, 1 | (status << 1) | (1 << 11), 0);
    return;
  }
  const pa = mmu.off[slot] + RAM_BASE;
  const device = (mmu.perm[slot] & Perm.DEVICE) !== 0;
  const sh = device ? 2 : 3;
  const paHi = Math.floor(pa / 4294967296);
  cpu.setSys(Sys.PAR_EL1, (pa - paHi * 4294967296) | (sh << 7), (paHi & 0xffff) | ((device ? 0x00 : 0xff) << 24));
}

function systemInstruction(cpu: Cpu, insn: number): void {
  const op = (insn >>> 5) & 0x3fff;
  const t = insn & 31;
  const lo = cpu.x[2 * t];
  const hi = cpu.x[2 * t + 1];
  // Operations with op1 = 3 are the ones EL0 may be granted; the rest are EL1 only.
  if (cpu.el === 0) {
    switch (op) {
      case DC_ZVA:
        if ((cpu.sctlrLo & SCTLR_DZE) === 0) trapSystemAccess(cpu, insn);
        break;
      case DC_CVAC:
      case DC_CVAU:
      case DC_CIVAC:
      case IC_IVAU:
        if ((cpu.sctlrLo & SCTLR_UCI) === 0) trapSystemAccess(cpu, insn);
        break;
      default:
        cpu.undefinedInstruction();
    }
  }
  switch (op) {
    case DC_ZVA:
      dataCacheZero(cpu, lo, hi);
      return;
    case DC_CVAC:
    case DC_CVAU:
    case DC_CIVAC:
    case DC_IVAC:
      maintenanceByVa(cpu, lo, hi);
      return;
    case IC_IVAU:
      maintenanceByVa(cpu, lo, hi);
      cpu.invalidateFetch();
      return;
    case DC_ISW:
    case DC_CSW:
    case DC_CISW:
      return;
    case IC_IALLU:
    case IC_IALLUIS:
      // Decoded code is already dropped when its page is written; only the fetch cache remains.
      cpu.invalidateFetch();
      return;
    case AT_S1E1R:
      addressTranslate(cpu, lo, hi, Perm.R1, AccessKind.READ);
      return;
    case AT_S1E1W:
      addressTranslate(cpu, lo, hi, Perm.W1, AccessKind.WRITE);
      return;
    case AT_S1E0R:
      addressTranslate(cpu, lo, hi, Perm.R0, AccessKind.READ);
      return;
    case AT_S1E0W:
      addressTranslate(cpu, lo, hi, Perm.W0, AccessKind.WRITE);
      return;
  }
  // TLBI: IS (CRm 3) and local (CRm 7) forms act alike on our single CPU.
  const tlbi = op & ~TLBI_LOCAL;
  if ((op & (15 << 3)) !== (3 << 3) && (op & (15 << 3)) !== (7 << 3)) cpu.undefinedInstruction();
  // Xt: ASID in [63:48]; VA[55:12] in [43:0]. 8-bit ASIDs unless TCR_EL1.AS.
  const asid = (hi >>> 16) & ((cpu.tcrHi >>> 4) & 1 ? 0xffff : 0xff);
  const vaLo = lo << 12;
  const vaHi = ((hi << 12) | (lo >>> 20)) & 0x00ffffff;
  switch (tlbi) {
    case TLBI_VMALLE1IS:
      cpu.mmu.invalidateAll();
      return;
    case TLBI_ASIDE1IS:
      cpu.mmu.invalidateAsid(asid);
      return;
    case TLBI_VAE1IS:
    case TLBI_VALE1IS:
      cpu.mmu.invalidateVa(vaLo, vaHi, asid);
      return;
    case TLBI_VAAE1IS:
    case TLBI_VAALE1IS:
      cpu.mmu.invalidateVa(vaLo, vaHi, -1);
      return;
    default:
      cpu.undefinedInstruction();
  }
}

export const ENCODINGS: readonly Encoding[] = [
  { bits: '11010100 000 iiiiiiiiiiiiiiii 000 01', name: 'SVC', exec: supervisorCall },
  { bits: '11010100 001 iiiiiiiiiiiiiiii 000 00', name: 'BRK', exec: breakpoint },
  { bits: '1101010100 0 00 011 0010 mmmm ooo 11111', name: 'HINT', exec: hint },
  { bits: '1101010100 0 00 011 0011 mmmm ooo 11111', name: 'barrier', exec: barrier },
  { bits: '1101010100 0 00 ppp 0100 mmmm ooo 11111', name: 'MSR (immediate)', exec: msrImmediate },
  { bits: '1101010100 0 01 ppp nnnn mmmm ooo ttttt', name: 'SYS', exec: systemInstruction },
  { bits: '1101010100 1 1o ppp nnnn mmmm ooo ttttt', name: 'MRS', exec: moveFromSystemRegister },
  { bits: '1101010100 0 1o ppp nnnn mmmm ooo ttttt', name: 'MSR (register)', exec: moveToSystemRegister },
];
