/**
 * Exceptions taken from EL0: what each exception class means for the process.
 *
 *  - SVC: a system call (number in x8).
 *  - Instruction/data aborts: a page to fault in (lazy memory, stack growth) or SIGSEGV.
 *  - Undefined instruction: SIGILL.  BRK: SIGTRAP.  PC/SP alignment: SIGBUS.
 *
 * The report printed when a fault kills a process is read from the architectural
 * registers (ESR_EL1's ISS, FAR_EL1, ELR_EL1) as the machine set them.
 */

import type { CpuContext } from '../machine/machine.js';
import { FaultResult, Prot } from './vm.js';
import { SIGBUS, SIGILL, SIGKILL, SIGSEGV, SIGTRAP } from './signals.js';

export const EC_UNKNOWN = 0x00;
export const EC_WFX = 0x01;
export const EC_SVC64 = 0x15;
export const EC_INSN_ABORT_LOWER = 0x20;
export const EC_PC_ALIGN = 0x22;
export const EC_DATA_ABORT_LOWER = 0x24;
export const EC_SP_ALIGN = 0x26;
export const EC_BRK = 0x3c;

/** What the kernel should do after an exception. */
export type TrapOutcome =
  | { kind: 'syscall' }
  | { kind: 'resume' }
  | { kind: 'yield' }
  | { kind: 'signal'; signal: number; report: string; addr: bigint; code: number };

const hex = (v: bigint | number): '0x' | string => '0x' + v.toString(16);

function reg64(ctx: CpuContext, i: number): bigint {
  return (BigInt(ctx.x[i * 2 + 1] >>> 0) << 32n) | BigInt(ctx.x[i * 2] >>> 0);
}

/** One line with ELR, SP and every general register. */
export function registerLine(ctx: CpuContext, elr: bigint): string {
  const parts = [`ELR=${hex(elr)}`, `SP=${hex(reg64(ctx, 31))}`, `NZCV=${hex(ctx.nzcv >>> 28)}`];
  for (let i = 0; i < 31; i++) parts.push(`x${i}=${hex(reg64(ctx, i))}`);
  return '  ' + parts.join(' ');
}

export interface TrapState {
  ec: number;
  iss: number;
  far: bigint;
  elr: bigint;
  /** The instruction word at ELR, if readable (for SIGILL reports). */
  insn?: number;
}

/** Fault status code (DFSC/IFSC) classes. */
function isTranslationFault(iss: number): boolean {
  return (iss & 0x3c) === 0x04;
}

/**
 * Classifies an exception; for aborts, `fault(va, access)` asks the address space to
 * fault the page in.
 */
export function classifyTrap(t: TrapState, ctx: CpuContext, fault: (va: number, access: number) => FaultResult): TrapOutcome {
  switch (t.ec) {
    case EC_SVC64:
      return { kind: 'syscall' };
    case EC_DATA_ABORT_LOWER:
    case EC_INSN_ABORT_LOWER: {
      const insn = t.ec === EC_INSN_ABORT_LOWER;
      if (isTranslationFault(t.iss) && t.far < 2n ** 53n) {
        const access = insn ? Prot.EXEC : t.iss & (1 << 6) ? Prot.WRITE : Prot.READ;
        const r = fault(Number(t.far), access);
        if (r === FaultResult.HANDLED) return { kind: 'resume' };
        if (r === FaultResult.OOM) {
          return { kind: 'signal', signal: SIGKILL, addr: t.far, code: 0, report: `[Fault] Out of memory at FAR=${hex(t.far)}: killed\n${registerLine(ctx, t.elr)}\n` };
        }
      }
      const what = insn ? 'Instruction abort' : 'Data abort';
      const code = isTranslationFault(t.iss) ? 1 /* SEGV_MAPERR */ : 2; /* SEGV_ACCERR */
      return {
        kind: 'signal', signal: SIGSEGV, addr: t.far, code,
        report: `[Fault] ${what} from EL0 at FAR=${hex(t.far)}, ISS=${hex(t.iss)}\n${registerLine(ctx, t.elr)}\n`,
      };
    }
    case EC_UNKNOWN: {
      const word = t.insn === undefined ? '(unreadable)' : '0x' + (t.insn >>> 0).toString(16).padStart(8, '0');
      return {
        kind: 'signal', signal: SIGILL, addr: t.elr, code: 1 /* ILL_ILLOPC */,
        report: `[Fault] Undefined instruction ${word} at ELR=${hex(t.elr)}\n${registerLine(ctx, t.elr)}\n`,
      };
    }
    case EC_BRK:
      return {
        kind: 'signal', signal: SIGTRAP, addr: t.elr, code: 1 /* TRAP_BRKPT */,
        report: `[Fault] Breakpoint (BRK #${hex(t.iss & 0xffff)}) at ELR=${hex(t.elr)}\n${registerLine(ctx, t.elr)}\n`,
      };
    case EC_PC_ALIGN:
    case EC_SP_ALIGN:
      return {
        kind: 'signal', signal: SIGBUS, addr: t.far, code: 1 /* BUS_ADRALN */,
        report: `[Fault] ${t.ec === EC_PC_ALIGN ? 'PC' : 'SP'} alignment fault at ELR=${hex(t.elr)}\n${registerLine(ctx, t.elr)}\n`,
      };
    case EC_WFX:
      return { kind: 'yield' };
    default:
      return {
        kind: 'signal', signal: SIGILL, addr: t.elr, code: 0,
        report: `[Fault] Exception EC=${hex(t.ec)}, ISS=${hex(t.iss)} at ELR=${hex(t.elr)}\n${registerLine(ctx, t.elr)}\n`,
      };
  }
}
